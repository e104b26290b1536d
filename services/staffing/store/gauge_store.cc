// StaffingStore: the counts behind staffing's domain gauges (staffing_gauges.h).
// Read-only, each one index range.
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <iterator>
#include <memory>

#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "services/staffing/store/staffing_store.h"

namespace huiwu::staffing {
namespace {

// Approved (2) leave covering now: a range on leaves_by_start (start_time, leave_id),
// bounded below by kLongestLeave (domain/staff.h).
constexpr char kCountOnLeave[] =
    "SELECT COUNT(DISTINCT staff_id) FROM leaves "
    "WHERE state = 2 AND start_time <= ? AND start_time > ? AND end_time > ?";
// On call now, as GetOnCall reads it (active people only), for every role at once: the
// explicit role list keeps one range per role on the primary key (role, start_time, …).
constexpr char kCountOnCall[] =
    "SELECT COUNT(DISTINCT o.staff_id) FROM on_call o JOIN staff s ON s.staff_id = o.staff_id "
    "WHERE o.role IN (1, 2, 3, 4, 5) AND o.start_time <= ? AND o.start_time > ? "
    "AND o.end_time > ? AND s.state = 1";
static_assert(std::size(kAllRoles) == 5 && static_cast<int>(Role::kAttendant) == 5,
              "kCountOnCall lists the roles 1–5: a new role must be added there");

absl::StatusOr<int64_t> CountCovering(db::ConnectionPool& pool, absl::string_view name,
                                      const char* sql, absl::Time now, absl::Duration longest) {
  int64_t count = 0;
  absl::Status status = db::ReadOnly(pool, name, [&](db::Connection& c) {
    auto& select = c.Prepare(sql);
    select.setDateTime(1, db::ToSqlDateTime(now));
    select.setDateTime(2, db::ToSqlDateTime(now - longest));
    select.setDateTime(3, db::ToSqlDateTime(now));
    std::unique_ptr<sql::ResultSet> row(select.executeQuery());
    count = row->next() ? row->getInt64(1) : 0;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return count;
}

}  // namespace

absl::StatusOr<int64_t> StaffingStore::CountStaffOnLeave(absl::Time now) {
  return CountCovering(pool_, "CountStaffOnLeave", kCountOnLeave, now, kLongestLeave);
}

absl::StatusOr<int64_t> StaffingStore::CountStaffOnCall(absl::Time now) {
  return CountCovering(pool_, "CountStaffOnCall", kCountOnCall, now, kLongestOnCall);
}

}  // namespace huiwu::staffing
