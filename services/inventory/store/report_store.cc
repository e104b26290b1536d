// InventoryStore: consumption of settled kits (know exactly what each meeting used).
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "services/inventory/store/inventory_store.h"

namespace huiwu::inventory {
namespace {

// Settled kits only (state 3): a kit not yet settled has consumed nothing known. The
// filters are optional; the period bounds default to the whole calendar.
constexpr char kKitFilter[] =
    "k.state = 3 AND (? = '' OR k.meeting_id = ?) AND (? = '' OR k.room = ?) AND "
    "(? = '' OR k.organizer_unit = ?) AND k.start_time >= ? AND k.start_time < ?";
const std::string kSelectTotals =
    std::string("SELECT COUNT(*), COALESCE(SUM(k.participant_count), 0) FROM kits k WHERE ") +
    kKitFilter;
const std::string kSelectLines =
    std::string(
        "SELECT l.item_id, SUM(l.consumed), SUM(l.quantity), COALESCE(MAX(i.unit_cost_fen), 0) "
        "FROM kits k JOIN kit_lines l ON l.meeting_id = k.meeting_id "
        "LEFT JOIN items i ON i.item_id = l.item_id WHERE ") +
    kKitFilter + " GROUP BY l.item_id ORDER BY l.item_id";

constexpr char kEarliest[] = "1970-01-01 00:00:00.000000";
constexpr char kLatest[] = "9999-12-31 23:59:59.000000";

void Bind(sql::PreparedStatement& statement, const ConsumptionQuery& query) {
  statement.setString(1, query.meeting_id);
  statement.setString(2, query.meeting_id);
  statement.setString(3, query.room);
  statement.setString(4, query.room);
  statement.setString(5, query.organizer_unit);
  statement.setString(6, query.organizer_unit);
  statement.setDateTime(7, query.start.has_value() ? db::ToSqlDateTime(*query.start) : kEarliest);
  statement.setDateTime(8, query.end.has_value() ? db::ToSqlDateTime(*query.end) : kLatest);
}

}  // namespace

absl::StatusOr<ConsumptionReport> InventoryStore::GetConsumptionReport(
    const ConsumptionQuery& query) {
  ConsumptionReport report;
  absl::Status status = db::ReadOnly(pool_, "GetConsumptionReport", [&](db::Connection& c) {
    report = ConsumptionReport{};
    auto& totals = c.Prepare(kSelectTotals);
    Bind(totals, query);
    std::unique_ptr<sql::ResultSet> row(totals.executeQuery());
    if (row->next()) {
      report.meeting_count = row->getInt(1);
      report.participant_count = row->getInt64(2);
    }
    auto& lines = c.Prepare(kSelectLines);
    Bind(lines, query);
    std::unique_ptr<sql::ResultSet> line(lines.executeQuery());
    while (line->next()) {
      report.items.push_back({std::string(line->getString(1)), line->getInt64(2), line->getInt64(3),
                              line->getInt64(4)});
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return report;
}

}  // namespace huiwu::inventory
