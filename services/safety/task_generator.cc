#include "services/safety/task_generator.h"

#include "absl/strings/str_cat.h"
#include "common/log/log.h"

namespace huiwu::safety {

int TaskGenerator::RunOnce() {
  const absl::Time until = clock_.Now() + kGenerationHorizon;
  absl::StatusOr<std::vector<InspectionSchedule>> behind =
      store_.SchedulesBehind(until, kMaxSchedulesPerPass);
  if (!behind.ok()) {
    log::Warning("task_generation_failed", {{"message", behind.status().message()}});
    return 0;
  }
  int created = 0;
  for (const InspectionSchedule& schedule : *behind) {
    std::vector<TaskSlot> slots =
        Occurrences(schedule, schedule.generated_until, until, kMaxTasksPerSchedule);
    // A schedule far behind (a service down for long) catches up over several passes.
    const absl::Time reached = static_cast<int>(slots.size()) == kMaxTasksPerSchedule
                                   ? slots.back().start + absl::Microseconds(1)
                                   : until;
    absl::StatusOr<int> inserted =
        store_.GenerateTasks(schedule, schedule.generated_until, reached, slots);
    if (!inserted.ok()) {
      log::Warning("task_generation_failed",
                   {{"schedule", absl::StrCat("inspectionSchedules/", schedule.id)},
                    {"message", inserted.status().message()}});
      continue;
    }
    created += *inserted;
  }
  return created;
}

}  // namespace huiwu::safety
