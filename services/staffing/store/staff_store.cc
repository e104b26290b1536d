// StaffingStore: people, working hours and the on-call roster.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "common/api/etag_check.h"
#include "common/db/idempotency.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/staffing/store/rows.h"
#include "services/staffing/store/staffing_events.h"
#include "services/staffing/store/staffing_store.h"

namespace huiwu::staffing {
namespace {

constexpr char kInsertStaff[] =
    "INSERT INTO staff (staff_id, staff_number, display_name, phone, section, role, state, "
    "version, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)";
constexpr char kUpdateStaff[] =
    "UPDATE staff SET display_name = ?, phone = ?, section = ?, role = ?, state = ?, "
    "version = version + 1, update_time = ? WHERE staff_id = ?";
constexpr char kLockStaff[] = "SELECT version FROM staff WHERE staff_id = ? FOR UPDATE";
// Filters as "unset or equal" so one prepared statement serves every combination.
constexpr char kWhereListStaff[] =
    "WHERE staff_number > ? AND (? = 0 OR role = ?) AND (? = '' OR section = ?) "
    "AND (? = 0 OR state = ?) ORDER BY staff_number LIMIT ?";
constexpr char kDeleteShifts[] = "DELETE FROM shifts WHERE staff_id = ?";
constexpr char kInsertShift[] =
    "INSERT INTO shifts (staff_id, weekday, start_minute, end_minute) VALUES (?, ?, ?, ?)";
constexpr char kUpsertOnCall[] =
    "INSERT INTO on_call (role, start_time, staff_id, end_time) VALUES (?, ?, ?, ?) "
    "ON DUPLICATE KEY UPDATE end_time = VALUES(end_time)";
// Slots are at most kLongestOnCall long (domain/staff.h): an index range on
// (role, start_time).
constexpr char kSelectOnCall[] =
    "SELECT DISTINCT o.staff_id FROM on_call o JOIN staff s ON s.staff_id = o.staff_id "
    "WHERE o.role = ? AND o.start_time <= ? AND o.start_time > ? AND o.end_time > ? "
    "AND s.state = 1";

absl::Status StaffNumberTaken(absl::string_view number) {
  return ErrorWithReason(
      absl::StatusCode::kAlreadyExists, "STAFF_NUMBER_TAKEN",
      absl::StrCat("staff number ", number, " belongs to somebody else; choose another"),
      {{"staff_number", std::string(number)}});
}

}  // namespace

absl::StatusOr<Staff> StaffingStore::CreateStaff(const Staff& staff, absl::string_view request_id,
                                                 absl::Time now) {
  std::optional<Staff> result;
  absl::Status status = db::InTransaction(pool_, "CreateStaff", [&](db::Connection& c) {
    if (!request_id.empty()) {
      auto earlier = db::ClaimRequestId(c, "CreateStaff", request_id, StaffResource(staff.id), now);
      if (earlier.has_value()) {
        const std::string earlier_id = earlier->substr(std::string("staff/").size());
        result = LoadStaff(c, earlier_id);
        return result.has_value() ? absl::OkStatus() : StaffNotFound(earlier_id);
      }
    }
    if (LoadStaff(c, staff.id).has_value()) {
      return ErrorWithReason(
          absl::StatusCode::kAlreadyExists, "STAFF_EXISTS",
          absl::StrCat(StaffResource(staff.id), " already exists; get it or choose another id"),
          {{"staff", StaffResource(staff.id)}});
    }
    try {
      auto& insert = c.Prepare(kInsertStaff);
      int i = 1;
      insert.setString(i++, staff.id);
      insert.setString(i++, staff.staff_number);
      insert.setString(i++, staff.display_name);
      insert.setString(i++, staff.phone);
      insert.setString(i++, staff.section);
      insert.setInt(i++, static_cast<int>(staff.role));
      insert.setInt(i++, static_cast<int>(staff.state));
      insert.setDateTime(i++, db::ToSqlDateTime(now));
      insert.setDateTime(i++, db::ToSqlDateTime(now));
      insert.executeUpdate();
    } catch (const sql::SQLException& e) {
      if (e.getErrorCode() == db::kErDupEntry) return StaffNumberTaken(staff.staff_number);
      throw;
    }
    SaveQualifications(c, staff);
    result = LoadStaff(c, staff.id);
    PublishStaffCreated(c, *result, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<Staff> StaffingStore::GetStaff(absl::string_view staff_id) {
  std::optional<Staff> result;
  absl::Status status = db::ReadOnly(pool_, "GetStaff", [&](db::Connection& c) {
    result = LoadStaff(c, staff_id);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!result.has_value()) return StaffNotFound(staff_id);
  return *result;
}

absl::StatusOr<std::vector<Staff>> StaffingStore::ListStaff(const StaffFilter& filter,
                                                            absl::string_view after_number,
                                                            int limit) {
  std::vector<Staff> result;
  absl::Status status = db::ReadOnly(pool_, "ListStaff", [&](db::Connection& c) {
    result.clear();
    auto& select = c.Prepare(absl::StrCat("SELECT ", kStaffColumns, kWhereListStaff));
    const int role = filter.role.has_value() ? static_cast<int>(*filter.role) : 0;
    const int state = filter.state.has_value() ? static_cast<int>(*filter.state) : 0;
    int i = 1;
    select.setString(i++, std::string(after_number));
    select.setInt(i++, role);
    select.setInt(i++, role);
    select.setString(i++, filter.section);
    select.setString(i++, filter.section);
    select.setInt(i++, state);
    select.setInt(i++, state);
    select.setInt(i++, limit);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) result.push_back(ReadStaff(*rows));
    for (Staff& s : result) s.qualifications = LoadQualifications(c, s.id);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<Staff> StaffingStore::UpdateStaff(absl::string_view staff_id, absl::string_view etag,
                                                 absl::FunctionRef<void(Staff&)> apply,
                                                 absl::Time now) {
  std::optional<Staff> result;
  absl::Status status = db::InTransaction(pool_, "UpdateStaff", [&](db::Connection& c) {
    auto& lock = c.Prepare(kLockStaff);
    lock.setString(1, std::string(staff_id));
    std::unique_ptr<sql::ResultSet> locked(lock.executeQuery());
    if (!locked->next()) return StaffNotFound(staff_id);
    std::optional<Staff> staff = LoadStaff(c, staff_id);
    absl::Status etag_ok = api::CheckEtag(etag, staff->version, StaffResource(staff_id));
    if (!etag_ok.ok()) return etag_ok;
    apply(*staff);
    auto& update = c.Prepare(kUpdateStaff);
    int i = 1;
    update.setString(i++, staff->display_name);
    update.setString(i++, staff->phone);
    update.setString(i++, staff->section);
    update.setInt(i++, static_cast<int>(staff->role));
    update.setInt(i++, static_cast<int>(staff->state));
    update.setDateTime(i++, db::ToSqlDateTime(now));
    update.setString(i++, staff->id);
    update.executeUpdate();
    SaveQualifications(c, *staff);
    result = LoadStaff(c, staff_id);
    PublishStaffUpdated(c, *result, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<std::vector<Shift>> StaffingStore::SetShiftPattern(absl::string_view staff_id,
                                                                  const std::vector<Shift>& shifts,
                                                                  absl::Time now) {
  std::vector<Shift> result;
  absl::Status status = db::InTransaction(pool_, "SetShiftPattern", [&](db::Connection& c) {
    // Working hours decide eligibility: change them under the same row as assignments.
    if (!BumpAssignmentSeq(c, staff_id)) return StaffNotFound(staff_id);
    auto& remove = c.Prepare(kDeleteShifts);
    remove.setString(1, std::string(staff_id));
    remove.executeUpdate();
    for (const Shift& s : shifts) {
      auto& insert = c.Prepare(kInsertShift);
      insert.setString(1, std::string(staff_id));
      insert.setInt(2, s.weekday);
      insert.setInt(3, s.start_minute);
      insert.setInt(4, s.end_minute);
      insert.executeUpdate();
    }
    result = LoadShifts(c, staff_id);
    PublishShiftPatternSet(c, staff_id, result, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<OnCallSlot> StaffingStore::SetOnCall(const OnCallSlot& slot, absl::Time now) {
  absl::Status status = db::InTransaction(pool_, "SetOnCall", [&](db::Connection& c) {
    std::optional<Staff> staff = LoadStaff(c, slot.staff_id);
    if (!staff.has_value()) return StaffNotFound(slot.staff_id);
    if (staff->role != slot.role) {
      return ErrorWithReason(
          absl::StatusCode::kFailedPrecondition, "WRONG_ROLE",
          absl::StrCat(StaffResource(slot.staff_id), " is ", RoleName(staff->role), ", not ",
                       RoleName(slot.role), "; put somebody of that role on call"),
          {{"staff", StaffResource(slot.staff_id)}, {"role", std::string(RoleName(staff->role))}});
    }
    auto& upsert = c.Prepare(kUpsertOnCall);
    upsert.setInt(1, static_cast<int>(slot.role));
    upsert.setDateTime(2, db::ToSqlDateTime(slot.window.start));
    upsert.setString(3, slot.staff_id);
    upsert.setDateTime(4, db::ToSqlDateTime(slot.window.end));
    upsert.executeUpdate();
    PublishOnCallSet(c, slot, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return slot;
}

absl::StatusOr<std::vector<Staff>> StaffingStore::GetOnCall(Role role, absl::Time at) {
  std::vector<Staff> result;
  absl::Status status = db::ReadOnly(pool_, "GetOnCall", [&](db::Connection& c) {
    result.clear();
    auto& select = c.Prepare(kSelectOnCall);
    select.setInt(1, static_cast<int>(role));
    select.setDateTime(2, db::ToSqlDateTime(at));
    select.setDateTime(3, db::ToSqlDateTime(at - kLongestOnCall));
    select.setDateTime(4, db::ToSqlDateTime(at));
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    std::vector<std::string> ids;
    while (rows->next()) ids.emplace_back(rows->getString(1));
    for (const std::string& id : ids) {
      std::optional<Staff> staff = LoadStaff(c, id);
      if (staff.has_value()) result.push_back(*std::move(staff));
    }
    std::sort(result.begin(), result.end(),
              [](const Staff& a, const Staff& b) { return a.staff_number < b.staff_number; });
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace huiwu::staffing
