// StaffingStore: staffing requirements and assignments. No person is ever assigned to
// two overlapping duty windows: every assignment of a person writes the person's row
// (BumpAssignmentSeq) before it checks, so competitors serialize on one node and
// conflict at certification across Galera nodes (the loser is retried and sees the
// winner).
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/staffing/domain/meeting_events.h"
#include "services/staffing/store/assignment_ops.h"
#include "services/staffing/store/rows.h"
#include "services/staffing/store/staffing_events.h"
#include "services/staffing/store/staffing_store.h"

namespace huiwu::staffing {
namespace {

constexpr char kUpsertRequirement[] =
    "INSERT INTO requirements (meeting_id, start_time, end_time, building_id, room_id, "
    "participants, kind, vip, sound_used, arrive_before_minutes, stay_after_minutes, version, "
    "update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) ON DUPLICATE KEY UPDATE "
    "start_time = VALUES(start_time), end_time = VALUES(end_time), "
    "building_id = VALUES(building_id), room_id = VALUES(room_id), "
    "participants = VALUES(participants), kind = VALUES(kind), vip = VALUES(vip), "
    "sound_used = VALUES(sound_used), arrive_before_minutes = VALUES(arrive_before_minutes), "
    "stay_after_minutes = VALUES(stay_after_minutes), version = version + 1, "
    "update_time = VALUES(update_time)";
constexpr char kLockRequirement[] =
    "SELECT version FROM requirements WHERE meeting_id = ? FOR UPDATE";
constexpr char kDeleteRequirementRoles[] = "DELETE FROM requirement_roles WHERE meeting_id = ?";
constexpr char kInsertRequirementRole[] =
    "INSERT INTO requirement_roles (meeting_id, role, role_count) VALUES (?, ?, ?)";
constexpr char kSelectShortfall[] = "SELECT shortfall FROM requirements WHERE meeting_id = ?";
constexpr char kClaimFill[] =
    "UPDATE requirements SET fill_seq = fill_seq + 1 WHERE meeting_id = ?";
constexpr char kUpdateShortfall[] = "UPDATE requirements SET shortfall = ? WHERE meeting_id = ?";
constexpr char kCountAssignments[] = "SELECT COUNT(*) FROM assignments WHERE meeting_id = ?";
constexpr char kInsertAssignment[] =
    "INSERT INTO assignments (meeting_id, staff_id, role, start_time, end_time, meeting_start, "
    "create_time) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr char kDeleteAssignment[] =
    "DELETE FROM assignments WHERE meeting_id = ? AND staff_id = ?";
constexpr char kSelectActiveOfRole[] = "WHERE role = ? AND state = 1 ORDER BY staff_number";
constexpr char kWhereListAssignments[] =
    "WHERE (? = '' OR a.meeting_id = ?) AND (? = '' OR a.staff_id = ?) "
    "AND (a.start_time > ? OR (a.start_time = ? AND (a.meeting_id > ? OR "
    "(a.meeting_id = ? AND a.staff_id > ?)))) "
    "ORDER BY a.start_time, a.meeting_id, a.staff_id LIMIT ?";
// A fill whose picks were taken meanwhile plans again; a few rounds.
constexpr int kFillRounds = 4;

// The locked path of every assignment (manual and automatic). Writes the person's row
// first; then every read sees the committed state of all competitors.
absl::StatusOr<Assignment> AssignLocked(db::Connection& c, const StaffingRequirement& requirement,
                                        absl::string_view staff_id, std::optional<Role> role,
                                        absl::TimeZone zone, absl::Time now) {
  if (!BumpAssignmentSeq(c, staff_id)) return StaffNotFound(staff_id);
  std::optional<Staff> staff = LoadStaff(c, staff_id);
  if (!staff.has_value()) return StaffNotFound(staff_id);
  if (LoadAssignment(c, requirement.meeting_id, staff_id).has_value()) {
    return ErrorWithReason(absl::StatusCode::kAlreadyExists, "ALREADY_ASSIGNED_HERE",
                           absl::StrCat(AssignmentResource(requirement.meeting_id, staff_id),
                                        " exists already; nothing to do"),
                           {{"assignment", AssignmentResource(requirement.meeting_id, staff_id)}});
  }
  const Role serving = role.value_or(staff->role);
  const Candidate candidate = LoadCandidate(c, *staff, requirement, zone);
  const std::vector<IneligibilityReason> reasons =
      ExplainIneligibility(candidate, requirement, serving, zone);
  if (!reasons.empty()) return NotEligible(staff_id, requirement.meeting_id, reasons);
  const TimeWindow duty = requirement.Duty();
  auto& insert = c.Prepare(kInsertAssignment);
  insert.setString(1, requirement.meeting_id);
  insert.setString(2, std::string(staff_id));
  insert.setInt(3, static_cast<int>(serving));
  insert.setDateTime(4, db::ToSqlDateTime(duty.start));
  insert.setDateTime(5, db::ToSqlDateTime(duty.end));
  insert.setDateTime(6, db::ToSqlDateTime(requirement.meeting.start));
  insert.setDateTime(7, db::ToSqlDateTime(now));
  insert.executeUpdate();
  Assignment assigned = *LoadAssignment(c, requirement.meeting_id, staff_id);
  PublishAssigned(c, requirement, assigned, now);
  return assigned;
}

// The places of each required role not taken yet; only roles with some.
std::map<Role, int> OpenPlaces(const StaffingRequirement& requirement,
                               const std::vector<Assignment>& existing) {
  std::map<Role, int> open = RoleCounts(requirement);
  for (const Assignment& a : existing) {
    if (open.count(a.role) > 0) --open[a.role];
  }
  std::erase_if(open, [](const auto& entry) { return entry.second <= 0; });
  return open;
}

}  // namespace

absl::Status RequirementNotOpen(const StaffingRequirement& requirement) {
  const bool closed = requirement.state == RequirementState::kClosed;
  return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "REQUIREMENT_NOT_OPEN",
                         absl::StrCat(MeetingResource(requirement.meeting_id), " was ",
                                      closed ? "completed: its assignments are closed"
                                             : "cancelled: its staff were released",
                                      "; its staffing no longer changes"),
                         {{"meeting", MeetingResource(requirement.meeting_id)},
                          {"state", closed ? "CLOSED" : "CANCELLED"}});
}

// Takes the meeting's turn to change its assignments (migration 0003, fill_seq): false
// when it has no requirement.
bool ClaimFill(db::Connection& c, absl::string_view meeting_id) {
  auto& claim = c.Prepare(kClaimFill);
  claim.setString(1, std::string(meeting_id));
  return claim.executeUpdate() > 0;
}

bool LockRequirement(db::Connection& c, absl::string_view meeting_id) {
  auto& lock = c.Prepare(kLockRequirement);
  lock.setString(1, std::string(meeting_id));
  std::unique_ptr<sql::ResultSet> locked(lock.executeQuery());
  return locked->next();
}

void WriteRequirement(db::Connection& c, const StaffingRequirement& requirement,
                      bool write_overrides, absl::Time now) {
  auto& upsert = c.Prepare(kUpsertRequirement);
  int i = 1;
  upsert.setString(i++, requirement.meeting_id);
  upsert.setDateTime(i++, db::ToSqlDateTime(requirement.meeting.start));
  upsert.setDateTime(i++, db::ToSqlDateTime(requirement.meeting.end));
  upsert.setString(i++, requirement.building_id);
  upsert.setString(i++, requirement.room_id);
  upsert.setInt(i++, requirement.participants);
  upsert.setInt(i++, static_cast<int>(requirement.kind));
  upsert.setBoolean(i++, requirement.vip);
  upsert.setBoolean(i++, requirement.sound_used);
  upsert.setInt(i++, requirement.arrive_before_minutes);
  upsert.setInt(i++, requirement.stay_after_minutes);
  upsert.setDateTime(i++, db::ToSqlDateTime(now));
  upsert.executeUpdate();
  if (!write_overrides) return;
  auto& remove = c.Prepare(kDeleteRequirementRoles);
  remove.setString(1, requirement.meeting_id);
  remove.executeUpdate();
  for (const auto& [role, count] : requirement.overrides) {
    auto& insert = c.Prepare(kInsertRequirementRole);
    insert.setString(1, requirement.meeting_id);
    insert.setInt(2, static_cast<int>(role));
    insert.setInt(3, count);
    insert.executeUpdate();
  }
}

absl::StatusOr<Fill> FillOpenPlaces(db::Connection& c, const StaffingRequirement& requirement,
                                    absl::TimeZone zone, absl::Time now) {
  Fill fill;
  std::set<std::string> taken;  // picks a concurrent assignment took after we read them
  for (int round = 0; round < kFillRounds; ++round) {
    const std::vector<Assignment> existing = LoadMeetingAssignments(c, requirement.meeting_id);
    const std::map<Role, int> open = OpenPlaces(requirement, existing);
    if (open.empty()) break;
    std::set<std::string> here;
    for (const Assignment& a : existing) here.insert(a.staff_id);
    // Candidates read without locks; each pick is re-checked on the locked path below.
    std::vector<Candidate> candidates;
    for (const auto& [role, count] : open) {
      auto& select = c.Prepare(absl::StrCat("SELECT ", kStaffColumns, kSelectActiveOfRole));
      select.setInt(1, static_cast<int>(role));
      std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
      std::vector<Staff> people;
      while (rows->next()) people.push_back(ReadStaff(*rows));
      for (Staff& s : people) {
        if (here.count(s.id) > 0 || taken.count(s.id) > 0) continue;
        s.qualifications = LoadQualifications(c, s.id);
        candidates.push_back(LoadCandidate(c, s, requirement, zone));
      }
    }
    const AutoAssignPlan plan = PlanAutoAssign(requirement, open, candidates, zone);
    bool replan = false;
    for (const Pick& pick : plan.picks) {
      absl::StatusOr<Assignment> assigned =
          AssignLocked(c, requirement, pick.staff_id, pick.role, zone, now);
      if (!assigned.ok()) {
        // Refused (on leave, on another duty) or already here: a concurrent call took
        // the pick after the plan's plain read; e.g. the client's own retry racing its
        // first attempt, still running past the client's deadline. Plan again: the next
        // round counts what is assigned now.
        const absl::StatusCode code = assigned.status().code();
        if (code != absl::StatusCode::kFailedPrecondition &&
            code != absl::StatusCode::kAlreadyExists) {
          return assigned.status();
        }
        taken.insert(pick.staff_id);
        replan = true;
        continue;
      }
      fill.assigned.push_back(*std::move(assigned));
    }
    if (!replan) break;
  }
  fill.shortfall = OpenPlaces(requirement, LoadMeetingAssignments(c, requirement.meeting_id));
  return fill;
}

void ReportShortfall(db::Connection& c, const StaffingRequirement& requirement,
                     const std::map<Role, int>& shortfall, bool changed, absl::Time now) {
  auto& select = c.Prepare(kSelectShortfall);
  select.setString(1, requirement.meeting_id);
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  const std::string reported = row->next() ? std::string(row->getString(1)) : "";
  const std::string key = ShortfallKey(shortfall);
  if (key == reported && (key.empty() || !changed)) return;
  if (!key.empty()) {
    // Never silent: the dispatch hub and the meeting's readiness learn of it.
    PublishShortfall(c, requirement,
                     AssignedCounts(LoadMeetingAssignments(c, requirement.meeting_id)), shortfall,
                     now);
  }
  auto& update = c.Prepare(kUpdateShortfall);
  update.setString(1, key);
  update.setString(2, requirement.meeting_id);
  update.executeUpdate();
}

void ForgetShortfall(db::Connection& c, absl::string_view meeting_id) {
  auto& update = c.Prepare(kUpdateShortfall);
  update.setString(1, "");
  update.setString(2, std::string(meeting_id));
  update.executeUpdate();
}

absl::StatusOr<StaffingRequirement> StaffingStore::SetRequirement(
    const StaffingRequirement& requirement, absl::Time now) {
  std::optional<StaffingRequirement> result;
  absl::Status status = db::InTransaction(pool_, "SetStaffingRequirement", [&](db::Connection& c) {
    if (LockRequirement(c, requirement.meeting_id)) {
      std::optional<StaffingRequirement> current = LoadRequirement(c, requirement.meeting_id);
      if (current->state != RequirementState::kOpen) return RequirementNotOpen(*current);
      const TimeWindow before = current->Duty();
      const TimeWindow after = requirement.Duty();
      auto& count = c.Prepare(kCountAssignments);
      count.setString(1, requirement.meeting_id);
      std::unique_ptr<sql::ResultSet> n(count.executeQuery());
      n->next();
      // The people assigned were checked against the old duty window only.
      if (n->getInt64(1) > 0 && (before.start != after.start || before.end != after.end)) {
        return ErrorWithReason(
            absl::StatusCode::kFailedPrecondition, "REQUIREMENT_HAS_ASSIGNMENTS",
            absl::StrCat(MeetingResource(requirement.meeting_id), " has ", n->getInt64(1),
                         " assignment(s) for the old duty window; unassign them before "
                         "moving the window"),
            {{"meeting", MeetingResource(requirement.meeting_id)}});
      }
    }
    WriteRequirement(c, requirement, /*write_overrides=*/true, now);
    result = LoadRequirement(c, requirement.meeting_id);
    PublishRequirementSet(c, *result, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<StaffingRequirement> StaffingStore::GetRequirement(absl::string_view meeting_id) {
  std::optional<StaffingRequirement> result;
  absl::Status status = db::ReadOnly(pool_, "GetStaffingRequirement", [&](db::Connection& c) {
    result = LoadRequirement(c, meeting_id);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!result.has_value()) return RequirementNotFound(meeting_id);
  return *result;
}

absl::StatusOr<Assignment> StaffingStore::Assign(absl::string_view meeting_id,
                                                 absl::string_view staff_id,
                                                 std::optional<Role> role, absl::Time now) {
  std::optional<Assignment> result;
  absl::Status status = db::InTransaction(pool_, "AssignStaff", [&](db::Connection& c) {
    if (!ClaimFill(c, meeting_id)) return RequirementNotFound(meeting_id);
    std::optional<StaffingRequirement> requirement = LoadRequirement(c, meeting_id);
    if (!requirement.has_value()) return RequirementNotFound(meeting_id);
    if (requirement->state != RequirementState::kOpen) return RequirementNotOpen(*requirement);
    absl::StatusOr<Assignment> assigned = AssignLocked(c, *requirement, staff_id, role, zone_, now);
    if (!assigned.ok()) return assigned.status();
    ForgetShortfall(c, meeting_id);
    result = *std::move(assigned);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<AutoAssignResult> StaffingStore::AutoAssign(absl::string_view meeting_id,
                                                           absl::Time now) {
  AutoAssignResult result;
  absl::Status status = db::InTransaction(pool_, "AutoAssign", [&](db::Connection& c) {
    result = AutoAssignResult{};
    if (!ClaimFill(c, meeting_id)) return RequirementNotFound(meeting_id);
    std::optional<StaffingRequirement> requirement = LoadRequirement(c, meeting_id);
    if (!requirement.has_value()) return RequirementNotFound(meeting_id);
    if (requirement->state != RequirementState::kOpen) return RequirementNotOpen(*requirement);
    absl::StatusOr<Fill> fill = FillOpenPlaces(c, *requirement, zone_, now);
    if (!fill.ok()) return fill.status();
    result.assigned = std::move(fill->assigned);
    result.shortfall = std::move(fill->shortfall);
    ReportShortfall(c, *requirement, result.shortfall, !result.assigned.empty(), now);
    result.assignments = LoadMeetingAssignments(c, meeting_id);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::Status StaffingStore::Unassign(absl::string_view meeting_id, absl::string_view staff_id,
                                     absl::Time now) {
  return db::InTransaction(pool_, "UnassignStaff", [&](db::Connection& c) {
    std::optional<Assignment> assignment = LoadAssignment(c, meeting_id, staff_id);
    if (!assignment.has_value()) return AssignmentNotFound(meeting_id, staff_id);
    std::optional<StaffingRequirement> requirement = LoadRequirement(c, meeting_id);
    // A completed meeting's assignments are the record of who served it.
    if (requirement.has_value() && requirement->state == RequirementState::kClosed) {
      return RequirementNotOpen(*requirement);
    }
    auto& remove = c.Prepare(kDeleteAssignment);
    remove.setString(1, std::string(meeting_id));
    remove.setString(2, std::string(staff_id));
    if (remove.executeUpdate() == 0) return AssignmentNotFound(meeting_id, staff_id);
    PublishUnassigned(c, requirement.has_value() ? RoomResource(*requirement) : "", *assignment,
                      UnassignReason::kManual, {}, now);
    ForgetShortfall(c, meeting_id);
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<Assignment>> StaffingStore::ListAssignments(absl::string_view meeting_id,
                                                                       absl::string_view staff_id,
                                                                       const TimeKey& after,
                                                                       int limit) {
  std::vector<Assignment> result;
  absl::Status status = db::ReadOnly(pool_, "ListAssignments", [&](db::Connection& c) {
    result.clear();
    auto& select = c.Prepare(absl::StrCat("SELECT ", kAssignmentColumns, kWhereListAssignments));
    const std::string after_time =
        after.time == absl::InfinitePast() ? "1000-01-01 00:00:00" : db::ToSqlDateTime(after.time);
    int i = 1;
    select.setString(i++, std::string(meeting_id));
    select.setString(i++, std::string(meeting_id));
    select.setString(i++, std::string(staff_id));
    select.setString(i++, std::string(staff_id));
    // The key's id is "{meeting}/{staff}"; ids never contain '/'.
    const size_t slash = after.id.find('/');
    const std::string after_meeting = after.id.substr(0, slash);
    const std::string after_staff = slash == std::string::npos ? "" : after.id.substr(slash + 1);
    select.setDateTime(i++, after_time);
    select.setDateTime(i++, after_time);
    select.setString(i++, after_meeting);
    select.setString(i++, after_meeting);
    select.setString(i++, after_staff);
    select.setInt(i++, limit);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) result.push_back(ReadAssignment(*rows));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<std::vector<IneligibilityReason>> StaffingStore::ExplainEligibility(
    absl::string_view meeting_id, absl::string_view staff_id, std::optional<Role> role) {
  std::vector<IneligibilityReason> result;
  absl::Status status = db::ReadOnly(pool_, "ExplainEligibility", [&](db::Connection& c) {
    std::optional<StaffingRequirement> requirement = LoadRequirement(c, meeting_id);
    if (!requirement.has_value()) return RequirementNotFound(meeting_id);
    std::optional<Staff> staff = LoadStaff(c, staff_id);
    if (!staff.has_value()) return StaffNotFound(staff_id);
    const Candidate candidate = LoadCandidate(c, *staff, *requirement, zone_);
    result = ExplainIneligibility(candidate, *requirement, role.value_or(staff->role), zone_);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace huiwu::staffing
