// StaffingStore: arrival check-in (提前到达), absentees (脱岗), discipline records
// (公开批评、罚款、调离岗位) and the week's duties for the workload report.
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/staffing/store/assignment_ops.h"
#include "services/staffing/store/rows.h"
#include "services/staffing/store/staffing_events.h"
#include "services/staffing/store/staffing_store.h"

namespace huiwu::staffing {
namespace {

constexpr char kLockAssignment[] =
    "SELECT check_in_time FROM assignments WHERE meeting_id = ? AND staff_id = ? FOR UPDATE";
constexpr char kCheckIn[] =
    "UPDATE assignments SET check_in_time = ?, late = ? WHERE meeting_id = ? AND staff_id = ?";
constexpr char kWhereAbsent[] =
    "WHERE a.meeting_id = ? AND (a.check_in_time IS NULL OR a.check_in_time > a.meeting_start) "
    "ORDER BY a.role, a.staff_id";
constexpr char kInsertDiscipline[] =
    "INSERT INTO discipline_records (record_id, staff_id, kind, reason, recorder, fine_fen, "
    "record_time) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectDiscipline[] =
    "SELECT record_id, staff_id, kind, reason, recorder, fine_fen, record_time "
    "FROM discipline_records WHERE record_id = ?";
constexpr char kTransferStaff[] =
    "UPDATE staff SET state = 3, version = version + 1, update_time = ? WHERE staff_id = ?";
constexpr char kDeleteAssignment[] =
    "DELETE FROM assignments WHERE meeting_id = ? AND staff_id = ?";
constexpr char kWhereFuture[] = "WHERE a.staff_id = ? AND a.start_time > ? ORDER BY a.start_time";
constexpr char kSelectWeekDuties[] =
    "SELECT a.staff_id, s.staff_number, s.display_name, s.section, a.start_time, a.end_time, "
    "a.late FROM assignments a JOIN staff s ON s.staff_id = a.staff_id "
    "WHERE a.start_time < ? AND a.start_time > ? AND a.end_time > ? "
    "AND (? = '' OR s.section = ?)";

std::optional<DisciplineRecord> LoadDiscipline(db::Connection& c, absl::string_view record_id) {
  auto& select = c.Prepare(kSelectDiscipline);
  select.setString(1, std::string(record_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  DisciplineRecord r;
  r.id = row->getString(1);
  r.staff_id = row->getString(2);
  r.kind = static_cast<DisciplineKind>(row->getInt(3));
  r.reason = row->getString(4);
  r.recorder = row->getString(5);
  r.fine_fen = row->getInt64(6);
  r.record_time = db::FromSqlDateTime(std::string(row->getString(7)));
  return r;
}

}  // namespace

absl::StatusOr<Assignment> StaffingStore::CheckIn(absl::string_view meeting_id,
                                                  absl::string_view staff_id, absl::Time now) {
  std::optional<Assignment> result;
  absl::Status status = db::InTransaction(pool_, "CheckIn", [&](db::Connection& c) {
    auto& lock = c.Prepare(kLockAssignment);
    lock.setString(1, std::string(meeting_id));
    lock.setString(2, std::string(staff_id));
    std::unique_ptr<sql::ResultSet> row(lock.executeQuery());
    if (!row->next()) return AssignmentNotFound(meeting_id, staff_id);
    if (row->isNull(1)) {  // a second check-in keeps the first arrival
      std::optional<Assignment> assignment = LoadAssignment(c, meeting_id, staff_id);
      auto& check_in = c.Prepare(kCheckIn);
      check_in.setDateTime(1, db::ToSqlDateTime(now));
      // Late: after the required arrival, the duty's start (提前到达).
      check_in.setBoolean(2, db::WholeMicros(now) > assignment->duty.start);
      check_in.setString(3, std::string(meeting_id));
      check_in.setString(4, std::string(staff_id));
      check_in.executeUpdate();
      result = LoadAssignment(c, meeting_id, staff_id);
      std::optional<StaffingRequirement> requirement = LoadRequirement(c, meeting_id);
      PublishCheckedIn(c, requirement.has_value() ? RoomResource(*requirement) : "", *result, now);
      return absl::OkStatus();
    }
    result = LoadAssignment(c, meeting_id, staff_id);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<Absentees> StaffingStore::ListAbsentees(absl::string_view meeting_id,
                                                       absl::Time now) {
  Absentees result;
  absl::Status status = db::ReadOnly(pool_, "ListAbsentees", [&](db::Connection& c) {
    result = Absentees{};
    std::optional<StaffingRequirement> requirement = LoadRequirement(c, meeting_id);
    if (!requirement.has_value()) return RequirementNotFound(meeting_id);
    result.meeting_started = now >= requirement->meeting.start;
    if (!result.meeting_started) return absl::OkStatus();
    auto& select = c.Prepare(absl::StrCat("SELECT ", kAssignmentColumns, kWhereAbsent));
    select.setString(1, std::string(meeting_id));
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) result.absentees.push_back(ReadAssignment(*rows));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<DisciplineResult> StaffingStore::RecordDiscipline(const DisciplineRecord& record,
                                                                 absl::string_view request_id,
                                                                 absl::Time now) {
  DisciplineResult result;
  absl::Status status = db::InTransaction(pool_, "RecordDiscipline", [&](db::Connection& c) {
    result = DisciplineResult{};
    const std::string id = NewRecordId();
    const std::string name =
        absl::StrCat(StaffResource(record.staff_id), "/disciplineRecords/", id);
    if (!request_id.empty()) {
      auto earlier = db::ClaimRequestId(c, "RecordDiscipline", request_id, name, now);
      if (earlier.has_value()) {
        std::optional<DisciplineRecord> first =
            LoadDiscipline(c, earlier->substr(earlier->rfind('/') + 1));
        if (!first.has_value()) return StaffNotFound(record.staff_id);
        result.record = *first;
        return absl::OkStatus();
      }
    }
    // Written first: a transfer must not race an assignment of the same person.
    if (!BumpAssignmentSeq(c, record.staff_id)) return StaffNotFound(record.staff_id);
    auto& insert = c.Prepare(kInsertDiscipline);
    insert.setString(1, id);
    insert.setString(2, record.staff_id);
    insert.setInt(3, static_cast<int>(record.kind));
    insert.setString(4, record.reason);
    insert.setString(5, record.recorder);
    insert.setInt64(6, record.fine_fen);
    insert.setDateTime(7, db::ToSqlDateTime(now));
    insert.executeUpdate();
    if (record.kind == DisciplineKind::kTransfer) {
      // 调离岗位: the person leaves the post; the meetings ahead need somebody else.
      auto& transfer = c.Prepare(kTransferStaff);
      transfer.setDateTime(1, db::ToSqlDateTime(now));
      transfer.setString(2, record.staff_id);
      transfer.executeUpdate();
      auto& future = c.Prepare(absl::StrCat("SELECT ", kAssignmentColumns, kWhereFuture));
      future.setString(1, record.staff_id);
      future.setDateTime(2, db::ToSqlDateTime(now));
      std::unique_ptr<sql::ResultSet> rows(future.executeQuery());
      while (rows->next()) result.ended.push_back(ReadAssignment(*rows));
      for (const Assignment& a : result.ended) {
        auto& remove = c.Prepare(kDeleteAssignment);
        remove.setString(1, a.meeting_id);
        remove.setString(2, a.staff_id);
        remove.executeUpdate();
        std::optional<StaffingRequirement> requirement = LoadRequirement(c, a.meeting_id);
        PublishUnassigned(c, requirement.has_value() ? RoomResource(*requirement) : "", a,
                          UnassignReason::kTransferred, {}, now);
        ForgetShortfall(c, a.meeting_id);
      }
    }
    result.record = *LoadDiscipline(c, id);
    PublishDisciplineRecorded(c, result.record, result.ended, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<std::vector<DutyRecord>> StaffingStore::WeekDuties(const TimeWindow& week,
                                                                  absl::string_view section) {
  std::vector<DutyRecord> result;
  absl::Status status = db::ReadOnly(pool_, "GetWorkload", [&](db::Connection& c) {
    result.clear();
    auto& select = c.Prepare(kSelectWeekDuties);
    select.setDateTime(1, db::ToSqlDateTime(week.end));
    select.setDateTime(2, db::ToSqlDateTime(week.start - kLongestDuty));
    select.setDateTime(3, db::ToSqlDateTime(week.start));
    select.setString(4, std::string(section));
    select.setString(5, std::string(section));
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) {
      DutyRecord r;
      r.staff_id = rows->getString(1);
      r.staff_number = rows->getString(2);
      r.display_name = rows->getString(3);
      r.section = rows->getString(4);
      r.duty = TimeWindow{db::FromSqlDateTime(std::string(rows->getString(5))),
                          db::FromSqlDateTime(std::string(rows->getString(6)))};
      r.late = rows->getBoolean(7);
      result.push_back(std::move(r));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace huiwu::staffing
