// Turns inspection schedules into tasks, a week ahead (kGenerationHorizon), so that the
// week's inspections are listed in advance and an unperformed one shows as overdue.
#ifndef HUIWU_SERVICES_SAFETY_TASK_GENERATOR_H_
#define HUIWU_SERVICES_SAFETY_TASK_GENERATOR_H_

#include "common/time/clock.h"
#include "services/safety/store/safety_store.h"

namespace huiwu::safety {

class TaskGenerator final {
 public:
  static constexpr int kMaxSchedulesPerPass = 200;
  static constexpr int kMaxTasksPerSchedule = 500;

  // `store` and `clock` must outlive the generator.
  TaskGenerator(SafetyStore& store, const Clock& clock) : store_(store), clock_(clock) {}

  // One pass at the clock's now: every schedule gets its tasks up to now + the horizon.
  // Safe with several replicas: a schedule's step is a guarded write of its row, and an
  // occurrence's task is unique. Returns how many tasks this pass created.
  int RunOnce();

 private:
  SafetyStore& store_;
  const Clock& clock_;
};

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_TASK_GENERATOR_H_
