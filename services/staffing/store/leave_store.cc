// StaffingStore: leave (请假报备) — requested, then approved or rejected by a section head.
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/db/idempotency.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/staffing/store/rows.h"
#include "services/staffing/store/staffing_events.h"
#include "services/staffing/store/staffing_store.h"

namespace huiwu::staffing {
namespace {

constexpr char kLeaveColumns[] =
    "SELECT leave_id, staff_id, start_time, end_time, reason, state, approver, decision_note, "
    "create_time, decide_time FROM leaves ";
constexpr char kWhereLeave[] = "WHERE leave_id = ? AND staff_id = ?";
constexpr char kWhereListLeave[] =
    "WHERE (? = '' OR staff_id = ?) AND (? = 0 OR state = ?) "
    "AND (start_time > ? OR (start_time = ? AND leave_id > ?)) "
    "ORDER BY start_time, leave_id LIMIT ?";
constexpr char kInsertLeave[] =
    "INSERT INTO leaves (leave_id, staff_id, start_time, end_time, reason, state, create_time) "
    "VALUES (?, ?, ?, ?, ?, 1, ?)";
constexpr char kDecideLeave[] =
    "UPDATE leaves SET state = ?, approver = ?, decision_note = ?, decide_time = ? "
    "WHERE leave_id = ?";

std::string LeaveResource(absl::string_view staff_id, absl::string_view leave_id) {
  return absl::StrCat("staff/", staff_id, "/leaves/", leave_id);
}

Leave ReadLeave(sql::ResultSet& row) {
  Leave l;
  l.id = row.getString(1);
  l.staff_id = row.getString(2);
  l.window = TimeWindow{db::FromSqlDateTime(std::string(row.getString(3))),
                        db::FromSqlDateTime(std::string(row.getString(4)))};
  l.reason = row.getString(5);
  l.state = static_cast<LeaveState>(row.getInt(6));
  l.approver = row.getString(7);
  l.decision_note = row.getString(8);
  l.create_time = db::FromSqlDateTime(std::string(row.getString(9)));
  if (!row.isNull(10)) l.decide_time = db::FromSqlDateTime(std::string(row.getString(10)));
  return l;
}

std::optional<Leave> LoadLeave(db::Connection& c, absl::string_view staff_id,
                               absl::string_view leave_id) {
  auto& select = c.Prepare(absl::StrCat(kLeaveColumns, kWhereLeave));
  select.setString(1, std::string(leave_id));
  select.setString(2, std::string(staff_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  return ReadLeave(*row);
}

absl::Status LeaveNotFound(absl::string_view staff_id, absl::string_view leave_id) {
  return ErrorWithReason(
      absl::StatusCode::kNotFound, "LEAVE_NOT_FOUND",
      absl::StrCat(LeaveResource(staff_id, leave_id), " does not exist; list the person's leave"),
      {{"leave", LeaveResource(staff_id, leave_id)}});
}

// How many overlapping assignments a refused approval names (the count says the rest).
constexpr size_t kAssignmentsNamed = 5;

// Reassign first: approved leave makes the person unavailable, and a meeting they
// are assigned to would be left without them.
absl::Status OverlapsAssignments(absl::string_view staff_id, absl::string_view leave_id,
                                 const std::vector<Assignment>& assignments) {
  std::vector<std::string> names;
  for (const Assignment& a : assignments) {
    names.push_back(AssignmentResource(a.meeting_id, a.staff_id));
  }
  return ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "LEAVE_OVERLAPS_ASSIGNMENTS",
      absl::StrCat(LeaveResource(staff_id, leave_id), " overlaps ", names.size(),
                   " assignment(s); reassign them (UnassignStaff, then AssignStaff or AutoAssign) "
                   "and approve again (ListAssignments lists them all): ",
                   JoinFirst(names, kAssignmentsNamed)),
      {{"leave", LeaveResource(staff_id, leave_id)},
       {"assignments",
        absl::StrJoin(names.begin(), names.begin() + std::min(names.size(), kAssignmentsNamed),
                      ",")},
       {"assignment_count", absl::StrCat(names.size())}});
}

}  // namespace

absl::StatusOr<Leave> StaffingStore::RequestLeave(const Leave& leave, absl::string_view request_id,
                                                  absl::Time now) {
  std::optional<Leave> result;
  absl::Status status = db::InTransaction(pool_, "RequestLeave", [&](db::Connection& c) {
    const std::string id = NewRecordId();
    if (!request_id.empty()) {
      auto earlier =
          db::ClaimRequestId(c, "RequestLeave", request_id, LeaveResource(leave.staff_id, id), now);
      if (earlier.has_value()) {
        const std::string earlier_id = earlier->substr(earlier->rfind('/') + 1);
        result = LoadLeave(c, leave.staff_id, earlier_id);
        return result.has_value() ? absl::OkStatus() : LeaveNotFound(leave.staff_id, earlier_id);
      }
    }
    if (!LoadStaff(c, leave.staff_id).has_value()) return StaffNotFound(leave.staff_id);
    auto& insert = c.Prepare(kInsertLeave);
    insert.setString(1, id);
    insert.setString(2, leave.staff_id);
    insert.setDateTime(3, db::ToSqlDateTime(leave.window.start));
    insert.setDateTime(4, db::ToSqlDateTime(leave.window.end));
    insert.setString(5, leave.reason);
    insert.setDateTime(6, db::ToSqlDateTime(now));
    insert.executeUpdate();
    result = LoadLeave(c, leave.staff_id, id);
    PublishLeave(c, *result, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<Leave> StaffingStore::DecideLeave(absl::string_view staff_id,
                                                 absl::string_view leave_id, bool approve,
                                                 absl::string_view approver, absl::string_view note,
                                                 absl::Time now) {
  std::optional<Leave> result;
  const char* method = approve ? "ApproveLeave" : "RejectLeave";
  absl::Status status = db::InTransaction(pool_, method, [&](db::Connection& c) {
    // The same row every assignment of the person writes: an approval and an
    // assignment cannot both commit unseen by each other, on any node.
    if (!BumpAssignmentSeq(c, staff_id)) return StaffNotFound(staff_id);
    std::optional<Leave> leave = LoadLeave(c, staff_id, leave_id);
    if (!leave.has_value()) return LeaveNotFound(staff_id, leave_id);
    const LeaveState wanted = approve ? LeaveState::kApproved : LeaveState::kRejected;
    if (leave->state == wanted) {  // a retry: answer as the first call did
      result = leave;
      return absl::OkStatus();
    }
    if (leave->state != LeaveState::kRequested) {
      return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "LEAVE_ALREADY_DECIDED",
                             absl::StrCat(LeaveResource(staff_id, leave_id),
                                          " was already decided; request new leave instead"),
                             {{"leave", LeaveResource(staff_id, leave_id)}});
    }
    if (approve) {
      std::vector<Assignment> overlapping = LoadOverlappingAssignments(c, staff_id, leave->window);
      if (!overlapping.empty()) return OverlapsAssignments(staff_id, leave_id, overlapping);
    }
    auto& decide = c.Prepare(kDecideLeave);
    decide.setInt(1, static_cast<int>(wanted));
    decide.setString(2, std::string(approver));
    decide.setString(3, std::string(note));
    decide.setDateTime(4, db::ToSqlDateTime(now));
    decide.setString(5, std::string(leave_id));
    decide.executeUpdate();
    result = LoadLeave(c, staff_id, leave_id);
    PublishLeave(c, *result, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<std::vector<Leave>> StaffingStore::ListLeave(const LeaveFilter& filter,
                                                            const TimeKey& after, int limit) {
  std::vector<Leave> result;
  absl::Status status = db::ReadOnly(pool_, "ListLeave", [&](db::Connection& c) {
    result.clear();
    auto& select = c.Prepare(absl::StrCat(kLeaveColumns, kWhereListLeave));
    const int state = filter.state.has_value() ? static_cast<int>(*filter.state) : 0;
    const std::string after_time =
        after.time == absl::InfinitePast() ? "1000-01-01 00:00:00" : db::ToSqlDateTime(after.time);
    int i = 1;
    select.setString(i++, filter.staff_id);
    select.setString(i++, filter.staff_id);
    select.setInt(i++, state);
    select.setInt(i++, state);
    select.setDateTime(i++, after_time);
    select.setDateTime(i++, after_time);
    select.setString(i++, after.id);
    select.setInt(i++, limit);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) result.push_back(ReadLeave(*rows));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace huiwu::staffing
