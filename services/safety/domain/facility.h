// Disinfection after every meeting (一会一消毒), emergency plans (突发事件应急预案) and their
// drills, and room clearance: may a room be used? Values match the proto enums.
#ifndef HUIWU_SERVICES_SAFETY_DOMAIN_FACILITY_H_
#define HUIWU_SERVICES_SAFETY_DOMAIN_FACILITY_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/safety/domain/hazard.h"
#include "services/safety/domain/place.h"

namespace huiwu::safety {

enum class DisinfectionMethod { kCabinet = 1, kSteam, kBoiling, kChlorineSoak, kUltraviolet };

struct DisinfectionTask {
  std::string id;
  std::string meeting_id;
  Place room;
  absl::Time meeting_end_time;
  bool completed = false;
  std::string performer;
  DisinfectionMethod method = DisinfectionMethod::kCabinet;
  absl::Time complete_time;
  std::string note;
  absl::Time create_time;
};

// When a completed meeting ended, for its disinfection task: the planned end, or the
// completion if the meeting was completed earlier (booking holds the room for clean-up
// from the actual end too). A completion unknown (InfinitePast) means the planned end.
absl::Time MeetingEnd(absl::Time planned_end, absl::Time completed_at);

// FAILED_PRECONDITION when the task cannot be completed at `when` (already done) and
// INVALID_ARGUMENT naming complete_time when `when` is after `now` or before the
// meeting's end: tea sets are disinfected after the meeting, not before.
absl::Status CheckCompletion(const DisinfectionTask& task, absl::Time when, absl::Time now);

enum class EmergencyKind { kFire = 1, kTheft, kWaterLeak, kPowerOutage, kGeneral };

struct EmergencyPlan {
  std::string building_id;
  std::string plan_id;
  std::string title;
  EmergencyKind kind = EmergencyKind::kGeneral;
  std::string content;
  std::string responsible;
  absl::Time create_time;
};

struct Drill {
  std::string building_id;
  std::string plan_id;
  std::string drill_id;
  absl::CivilDay date;
  std::vector<std::string> participants;
  std::string findings;
  absl::Time create_time;
};

enum class BlockReason {
  kRoomHazard = 1,
  kBuildingCriticalHazard,
  kPendingDisinfection,
  kOverdueInspection
};

struct ClearanceBlock {
  BlockReason reason = BlockReason::kRoomHazard;
  std::string resource;  // the resource name that blocks
  std::string description;
};

// What the clearance queries found for a room (each an index range, store/).
struct OpenHazardRow {
  std::string hazard_id;
  Severity severity = Severity::kLow;
  Place place;
  std::string description;
  absl::Time deadline;
};
struct PendingDisinfectionRow {
  std::string task_id;
  std::string meeting_id;
  absl::Time meeting_end_time;
};
struct OverdueTaskRow {
  std::string task_id;
  std::string schedule_id;
  absl::Time due_time;
};

// The pre-meeting inspection (会前检查): staff check the room shortly before a meeting
// (the responsible staff arrive before it, 提前到达会场). An inspection of the room submitted
// this long before a window's start, or later but before its end (during set-up), counts
// as done for that window: the same morning, close enough that nothing changed since.
inline constexpr absl::Duration kPreMeetingInspectionLead = absl::Hours(4);

// 一会一消毒: the tea sets are disinfected right after every meeting, within the room's
// clean-up time (30 minutes by default). A task still pending this long after its
// meeting ended is overdue: the operators are alerted (huiwu_safety_disinfections_overdue)
// while the room stays blocked for the next meeting.
inline constexpr absl::Duration kDisinfectionDue = absl::Hours(1);

// What CheckRoomClearance answers.
struct Clearance {
  std::vector<ClearanceBlock> blocks;     // empty: clear
  std::string pre_meeting_inspection_id;  // empty: none done for the window
};

// Every reason `room` is blocked, in the order hazards, disinfection, inspections.
// `hazards` are the open critical hazards of its building and the open high/critical
// ones of the room (a hazard listed twice counts once).
std::vector<ClearanceBlock> ClearanceBlocks(const Place& room,
                                            const std::vector<OpenHazardRow>& hazards,
                                            const std::vector<PendingDisinfectionRow>& pending,
                                            const std::vector<OverdueTaskRow>& overdue);

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_DOMAIN_FACILITY_H_
