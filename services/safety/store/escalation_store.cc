// SafetyStore: the automatic re-report of hazards past their deadline.
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "services/safety/store/hazard_rows.h"
#include "services/safety/store/safety_events.h"
#include "services/safety/store/safety_store.h"
#include "services/safety/store/store_util.h"

namespace huiwu::safety {
namespace {

// An index range on hazards_due (is_open, deadline).
constexpr char kSelectDue[] =
    "SELECT hazard_id, severity, escalation_level, escalation_count, deadline FROM hazards "
    "WHERE is_open = 1 AND deadline <= ? ORDER BY deadline LIMIT ?";
// The guard: still open, and neither escalated, re-reported nor reopened since it was
// read. Two replicas (on any Galera node) both write this row; one commits.
constexpr char kEscalate[] =
    "UPDATE hazards SET escalation_level = ?, escalation_count = escalation_count + 1, "
    "deadline = ?, version = version + 1, update_time = ? WHERE hazard_id = ? AND "
    "escalation_count = ? AND deadline = ? AND is_open = 1";

}  // namespace

absl::StatusOr<std::vector<DueHazard>> SafetyStore::DueHazards(absl::Time now, int limit) {
  std::vector<DueHazard> result;
  absl::Status status = db::ReadOnly(pool_, "DueHazards", [&](db::Connection& c) {
    result.clear();
    auto& select = c.Prepare(kSelectDue);
    select.setDateTime(1, db::ToSqlDateTime(now));
    select.setInt(2, limit);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) {
      result.push_back(DueHazard{
          std::string(rows->getString(1)), static_cast<Severity>(rows->getInt(2)),
          static_cast<EscalationLevel>(rows->getInt(3)), rows->getInt(4), TimeColumn(*rows, 5)});
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<bool> SafetyStore::EscalateIfDue(const DueHazard& due, absl::Time now) {
  bool escalated = false;
  absl::Status status = db::InTransaction(pool_, "EscalateHazard", [&](db::Connection& c) {
    escalated = false;
    // The domain decides the step; the row write below decides who takes it.
    Hazard h;
    h.id = due.hazard_id;
    h.severity = due.severity;
    h.escalation_level = due.level;
    h.escalation_count = due.escalation_count;
    Escalate(h, due.deadline, /*manual=*/false, kEscalationActor, "");
    auto& update = c.Prepare(kEscalate);
    update.setInt(1, static_cast<int>(h.escalation_level));
    update.setDateTime(2, db::ToSqlDateTime(h.deadline));
    update.setDateTime(3, db::ToSqlDateTime(now));
    update.setString(4, h.id);
    update.setInt(5, due.escalation_count);
    update.setDateTime(6, db::ToSqlDateTime(due.deadline));
    if (update.executeUpdate() == 0) return absl::OkStatus();
    InsertEscalation(c, h);
    // The event carries the whole hazard as GetHazard shows it, this step included.
    auto escalated_hazard = LoadHazard(c, h.id, /*for_update=*/false);
    if (!escalated_hazard.has_value()) return HazardNotFound(h.id);
    PublishHazard(c, HazardEvent::kEscalated, *escalated_hazard, now);
    escalated = true;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return escalated;
}

}  // namespace huiwu::safety
