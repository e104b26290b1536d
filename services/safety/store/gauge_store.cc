// SafetyStore: the counts behind safety's domain gauges (safety_gauges.h). Read-only,
// each one index range.
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "services/safety/store/safety_store.h"

namespace huiwu::safety {
namespace {

// A range on hazards_due (is_open, deadline).
constexpr char kCountOpenHazards[] =
    "SELECT severity, COUNT(*), COALESCE(SUM(deadline < ?), 0) FROM hazards WHERE is_open = 1 "
    "GROUP BY severity";
// A range on disinfection_pending_by_end (is_pending, meeting_end_time).
constexpr char kCountPendingDisinfections[] =
    "SELECT COUNT(*) FROM disinfection_tasks WHERE is_pending = 1 AND meeting_end_time < ?";

}  // namespace

absl::StatusOr<std::map<Severity, OpenHazardCount>> SafetyStore::CountOpenHazards(absl::Time now) {
  std::map<Severity, OpenHazardCount> counts;
  absl::Status status = db::ReadOnly(pool_, "CountOpenHazards", [&](db::Connection& c) {
    counts.clear();
    auto& select = c.Prepare(kCountOpenHazards);
    select.setDateTime(1, db::ToSqlDateTime(now));
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) {
      counts[static_cast<Severity>(rows->getInt(1))] =
          OpenHazardCount{rows->getInt64(2), rows->getInt64(3)};
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return counts;
}

absl::StatusOr<int64_t> SafetyStore::CountPendingDisinfections(absl::Time ended_before) {
  int64_t count = 0;
  absl::Status status = db::ReadOnly(pool_, "CountPendingDisinfections", [&](db::Connection& c) {
    auto& select = c.Prepare(kCountPendingDisinfections);
    select.setDateTime(1, db::ToSqlDateTime(ended_before));
    std::unique_ptr<sql::ResultSet> row(select.executeQuery());
    count = row->next() ? row->getInt64(1) : 0;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return count;
}

}  // namespace huiwu::safety
