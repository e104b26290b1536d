#include "services/safety/domain/facility.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/time/center_zone.h"

namespace huiwu::safety {
namespace {

std::string Formatted(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M", t, CenterTimeZone());
}

}  // namespace

absl::Time MeetingEnd(absl::Time planned_end, absl::Time completed_at) {
  if (completed_at == absl::InfinitePast()) return planned_end;
  return std::min(planned_end, completed_at);
}

absl::Status CheckCompletion(const DisinfectionTask& task, absl::Time when, absl::Time now) {
  if (task.completed) {
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "DISINFECTION_ALREADY_COMPLETED",
        absl::StrCat("this disinfection was already recorded by ", task.performer, " at ",
                     Formatted(task.complete_time), "; nothing more to do"),
        {{"performer", task.performer}});
  }
  if (when > now) {
    return InvalidFieldError("complete_time", "is in the future; record it once it is done");
  }
  if (when < task.meeting_end_time) {
    return InvalidFieldError(
        "complete_time",
        absl::StrCat("is before the meeting ended (", Formatted(task.meeting_end_time),
                     "); tea sets are disinfected after the meeting"));
  }
  return absl::OkStatus();
}

std::vector<ClearanceBlock> ClearanceBlocks(const Place& room,
                                            const std::vector<OpenHazardRow>& hazards,
                                            const std::vector<PendingDisinfectionRow>& pending,
                                            const std::vector<OverdueTaskRow>& overdue) {
  std::vector<ClearanceBlock> blocks;
  std::set<std::string> seen;  // a critical hazard of the room is found by both reads
  for (const OpenHazardRow& h : hazards) {
    if (!seen.insert(h.hazard_id).second) continue;
    const bool here = h.place == room;
    // A high hazard blocks its own room; a critical one (fire, live wires, a flood)
    // blocks the whole building.
    if (!here && h.severity != Severity::kCritical) continue;
    blocks.push_back(ClearanceBlock{
        here ? BlockReason::kRoomHazard : BlockReason::kBuildingCriticalHazard,
        absl::StrCat("hazards/", h.hazard_id),
        absl::StrCat(here ? "open " : "open critical hazard elsewhere in the building: ",
                     here ? (h.severity == Severity::kCritical ? "critical" : "high") : "",
                     here ? " hazard in the room: " : "", h.description, "; resolve it (deadline ",
                     Formatted(h.deadline), ")")});
  }
  for (const PendingDisinfectionRow& d : pending) {
    blocks.push_back(ClearanceBlock{
        BlockReason::kPendingDisinfection, absl::StrCat("disinfectionTasks/", d.task_id),
        absl::StrCat("tea sets of meetings/", d.meeting_id, " (ended ",
                     Formatted(d.meeting_end_time),
                     ") are not disinfected (一会一消毒); complete the disinfection")});
  }
  for (const OverdueTaskRow& t : overdue) {
    blocks.push_back(ClearanceBlock{
        BlockReason::kOverdueInspection, absl::StrCat("inspectionTasks/", t.task_id),
        absl::StrCat("mandatory inspection of inspectionSchedules/", t.schedule_id, " was due ",
                     Formatted(t.due_time), "; submit the inspection")});
  }
  return blocks;
}

}  // namespace huiwu::safety
