// StaffingStore: the effects of booking's meeting events (domain/meeting_events.h).
// Each runs in ONE transaction, so that the consumer's cursor (written by the first
// transaction an event's handler commits) commits with it, and is idempotent by the
// meeting's one requirement: the state it leaves is the state a second application
// finds, which then changes nothing and publishes nothing.
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "services/staffing/store/assignment_ops.h"
#include "services/staffing/store/rows.h"
#include "services/staffing/store/staffing_events.h"
#include "services/staffing/store/staffing_store.h"

namespace huiwu::staffing {
namespace {

constexpr char kMoveAssignment[] =
    "UPDATE assignments SET start_time = ?, end_time = ?, meeting_start = ? "
    "WHERE meeting_id = ? AND staff_id = ?";
constexpr char kDeleteAssignment[] =
    "DELETE FROM assignments WHERE meeting_id = ? AND staff_id = ?";
constexpr char kCancelRequirement[] =
    "UPDATE requirements SET state = 3, shortfall = '', version = version + 1, update_time = ? "
    "WHERE meeting_id = ?";
constexpr char kCloseRequirement[] =
    "UPDATE requirements SET state = 2, shortfall = '', close_time = ?, version = version + 1, "
    "update_time = ? WHERE meeting_id = ?";

void DeleteAssignment(db::Connection& c, const Assignment& a) {
  auto& remove = c.Prepare(kDeleteAssignment);
  remove.setString(1, a.meeting_id);
  remove.setString(2, a.staff_id);
  remove.executeUpdate();
}

// Every assignment of the meeting checked against the changed requirement, each under
// its person's row lock (BumpAssignmentSeq), like a new assignment.
std::vector<AssignmentCheck> CheckAssignments(db::Connection& c,
                                              const StaffingRequirement& requirement,
                                              absl::TimeZone zone) {
  std::vector<AssignmentCheck> checks;
  for (Assignment& a : LoadMeetingAssignments(c, requirement.meeting_id)) {
    AssignmentCheck check;
    BumpAssignmentSeq(c, a.staff_id);
    std::optional<Staff> staff = LoadStaff(c, a.staff_id);
    if (!staff.has_value()) {
      check.reasons.push_back({Ineligible::kNotActive, ""});
    } else {
      check.reasons = ExplainIneligibility(LoadCandidate(c, *staff, requirement, zone), requirement,
                                           a.role, zone);
    }
    check.assignment = std::move(a);
    checks.push_back(std::move(check));
  }
  return checks;
}

}  // namespace

absl::StatusOr<MeetingStaffing> StaffingStore::StaffMeeting(const StaffingRequirement& derived,
                                                            absl::Time now) {
  MeetingStaffing result;
  absl::Status status = db::InTransaction(pool_, "StaffMeeting", [&](db::Connection& c) {
    result = MeetingStaffing{};
    std::optional<StaffingRequirement> current;
    if (LockRequirement(c, derived.meeting_id)) current = LoadRequirement(c, derived.meeting_id);
    // A completed or cancelled meeting's staffing stays as it ended.
    if (current.has_value() && current->state != RequirementState::kOpen) {
      result.requirement = current;
      return absl::OkStatus();
    }
    result.applied = true;
    StaffingRequirement requirement = MergeDerived(derived, current);
    result.requirement_changed = !current.has_value() || !SameRequirement(requirement, *current);
    if (result.requirement_changed) {
      WriteRequirement(c, requirement, /*write_overrides=*/false, now);
      requirement = *LoadRequirement(c, derived.meeting_id);
      PublishRequirementSet(c, requirement, now);
      // Who was assigned was checked against the old requirement only.
      const std::string old_room = current.has_value() ? RoomResource(*current) : "";
      const ReconcilePlan plan =
          PlanReconcile(requirement, CheckAssignments(c, requirement, zone_));
      for (const Release& release : plan.release) {
        DeleteAssignment(c, release.assignment);
        PublishUnassigned(c, old_room, release.assignment, release.reason, release.reasons, now);
        result.released.push_back(release);
      }
      const TimeWindow duty = requirement.Duty();
      for (const Assignment& kept : plan.keep) {
        if (kept.duty.start == duty.start && kept.duty.end == duty.end) continue;
        auto& move = c.Prepare(kMoveAssignment);
        move.setDateTime(1, db::ToSqlDateTime(duty.start));
        move.setDateTime(2, db::ToSqlDateTime(duty.end));
        move.setDateTime(3, db::ToSqlDateTime(requirement.meeting.start));
        move.setString(4, kept.meeting_id);
        move.setString(5, kept.staff_id);
        move.executeUpdate();
        PublishAssignmentRescheduled(
            c, requirement, *LoadAssignment(c, kept.meeting_id, kept.staff_id), kept.duty, now);
      }
    }
    absl::StatusOr<Fill> fill = FillOpenPlaces(c, requirement, zone_, now);
    if (!fill.ok()) return fill.status();
    result.assigned = std::move(fill->assigned);
    result.shortfall = std::move(fill->shortfall);
    ReportShortfall(
        c, requirement, result.shortfall,
        result.requirement_changed || !result.released.empty() || !result.assigned.empty(), now);
    result.requirement = std::move(requirement);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<MeetingStaffing> StaffingStore::ReleaseMeeting(absl::string_view meeting_id,
                                                              UnassignReason reason,
                                                              absl::Time now) {
  MeetingStaffing result;
  absl::Status status = db::InTransaction(pool_, "ReleaseMeeting", [&](db::Connection& c) {
    result = MeetingStaffing{};
    if (!LockRequirement(c, meeting_id)) return absl::OkStatus();  // never staffed
    std::optional<StaffingRequirement> current = LoadRequirement(c, meeting_id);
    result.requirement = current;
    if (current->state != RequirementState::kOpen) return absl::OkStatus();
    result.applied = true;
    const std::string room = RoomResource(*current);
    for (const Assignment& a : LoadMeetingAssignments(c, meeting_id)) {
      DeleteAssignment(c, a);
      PublishUnassigned(c, room, a, reason, {}, now);
      result.released.push_back(Release{a, reason, {}});
    }
    auto& cancel = c.Prepare(kCancelRequirement);
    cancel.setDateTime(1, db::ToSqlDateTime(now));
    cancel.setString(2, std::string(meeting_id));
    cancel.executeUpdate();
    result.requirement = LoadRequirement(c, meeting_id);
    result.requirement_changed = true;
    PublishRequirementSet(c, *result.requirement, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<MeetingStaffing> StaffingStore::CloseMeeting(absl::string_view meeting_id,
                                                            absl::Time now) {
  MeetingStaffing result;
  absl::Status status = db::InTransaction(pool_, "CloseMeeting", [&](db::Connection& c) {
    result = MeetingStaffing{};
    if (!LockRequirement(c, meeting_id)) return absl::OkStatus();  // never staffed
    std::optional<StaffingRequirement> current = LoadRequirement(c, meeting_id);
    result.requirement = current;
    if (current->state != RequirementState::kOpen) return absl::OkStatus();
    result.applied = true;
    auto& close = c.Prepare(kCloseRequirement);
    close.setDateTime(1, db::ToSqlDateTime(now));
    close.setDateTime(2, db::ToSqlDateTime(now));
    close.setString(3, std::string(meeting_id));
    close.executeUpdate();
    result.requirement = LoadRequirement(c, meeting_id);
    result.requirement_changed = true;
    PublishAssignmentsClosed(c, *result.requirement, LoadMeetingAssignments(c, meeting_id), now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace huiwu::staffing
