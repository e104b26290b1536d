// InventoryStore: the ledger, balances and low stock.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/inventory/api/names.h"
#include "services/inventory/domain/stock_rules.h"
#include "services/inventory/store/balance_ops.h"
#include "services/inventory/store/inventory_store.h"

namespace huiwu::inventory {
namespace {

constexpr char kMovementColumns[] =
    "movement_id, item_id, location, kind, quantity, reason, meeting_id, actor, "
    "counterpart_location, create_time";
// Keyset on movement_id; each filter optional. The item/location/meeting indexes serve
// the filtered forms.
const std::string kListMovements = absl::StrCat(
    "SELECT ", kMovementColumns,
    " FROM movements WHERE movement_id > ? AND (? = '' OR item_id = ?) AND "
    "(? = '' OR location = ?) AND (? = '' OR meeting_id = ?) ORDER BY movement_id LIMIT ?");
const std::string kSelectMovementsOf =
    absl::StrCat("SELECT ", kMovementColumns,
                 " FROM movements WHERE movement_id IN (?, ?) ORDER BY movement_id");
constexpr char kRecordClaimedResource[] =
    "UPDATE idempotency_keys SET resource_name = ? WHERE method = 'RecordMovement' AND "
    "request_id = ?";
// Every item with a minimum at a location, at or under it, with its open request.
constexpr char kListLowStock[] =
    "SELECT s.item_id, s.location, COALESCE(b.on_hand, 0), COALESCE(b.reserved, 0), s.minimum, "
    "COALESCE(r.replenishment_id, '') FROM stock_limits s "
    "LEFT JOIN balances b ON b.item_id = s.item_id AND b.location = s.location "
    "LEFT JOIN replenishment_requests r ON r.item_id = s.item_id AND r.location = s.location "
    "AND r.open_flag = 1 "
    "WHERE s.minimum > 0 AND COALESCE(b.on_hand, 0) - COALESCE(b.reserved, 0) <= s.minimum "
    "AND (? = '' OR s.location = ?) AND (s.item_id > ? OR (s.item_id = ? AND s.location > ?)) "
    "ORDER BY s.item_id, s.location LIMIT ?";

constexpr char kCountLowStock[] =
    "SELECT COUNT(*) FROM stock_limits s "
    "LEFT JOIN balances b ON b.item_id = s.item_id AND b.location = s.location "
    "WHERE s.minimum > 0 AND COALESCE(b.on_hand, 0) - COALESCE(b.reserved, 0) <= s.minimum";

Movement ReadMovement(sql::ResultSet& row) {
  Movement m;
  m.id = row.getInt64(1);
  m.item_id = row.getString(2);
  m.location = row.getString(3);
  m.kind = static_cast<MovementKind>(row.getInt(4));
  m.quantity = row.getInt64(5);
  m.reason = row.getString(6);
  m.meeting_id = row.getString(7);
  m.actor = row.getString(8);
  m.counterpart_location = row.getString(9);
  m.create_time = db::FromSqlDateTime(std::string(row.getString(10)));
  return m;
}

// The movements a retried RecordMovement posted the first time ("movements/{id}" or
// "movements/{out},{in}" for a transfer).
std::vector<Movement> ReadPosted(db::Connection& c, absl::string_view resource) {
  std::vector<Movement> movements;
  absl::string_view ids = resource.substr(resource.find('/') + 1);
  const size_t comma = ids.find(',');
  int64_t first = 0;
  int64_t second = 0;
  if (!absl::SimpleAtoi(ids.substr(0, comma), &first)) return movements;
  second = first;
  if (comma != absl::string_view::npos && !absl::SimpleAtoi(ids.substr(comma + 1), &second)) {
    return movements;
  }
  auto& select = c.Prepare(kSelectMovementsOf);
  select.setInt64(1, first);
  select.setInt64(2, second);
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  while (row->next()) movements.push_back(ReadMovement(*row));
  return movements;
}

}  // namespace

absl::StatusOr<MovementResult> InventoryStore::RecordMovement(const RecordMovementCommand& command,
                                                              absl::string_view actor,
                                                              absl::Time now) {
  MovementResult result;
  absl::Status status = db::InTransaction(pool_, "RecordMovement", [&](db::Connection& c) {
    result = MovementResult{};
    if (!command.request_id.empty()) {
      // Claimed first (the entries' ids are recorded below): a retry posts nothing.
      auto earlier = db::ClaimRequestId(c, "RecordMovement", command.request_id, "", now);
      if (earlier.has_value()) {
        result.movements = ReadPosted(c, *earlier);
        result.balance = ReadBalance(c, command.item_id, command.location);
        return absl::OkStatus();
      }
    }
    if (!ItemExists(c, command.item_id)) return ItemNotFound(command.item_id);
    Movement base;
    base.item_id = command.item_id;
    base.location = command.location;
    base.kind = command.kind;
    base.reason = command.reason;
    base.meeting_id = command.meeting_id;
    base.actor = std::string(actor);
    if (SignOf(command.kind) > 0) {
      IncreaseOnHand(c, command.item_id, command.location, command.quantity);
      base.quantity = command.quantity;
      result.movements.push_back(PostLedger(c, base, now));
    } else {
      // Out of the location: only what no kit has reserved (available) may leave.
      if (!DecreaseAvailable(c, command.item_id, command.location, command.quantity)) {
        const Balance balance = ReadBalance(c, command.item_id, command.location);
        return InsufficientStock(command.item_id, command.location, command.quantity,
                                 balance.available());
      }
      base.quantity = -command.quantity;
      base.counterpart_location = command.to_location;
      result.movements.push_back(PostLedger(c, base, now));
      if (command.kind == MovementKind::kTransfer) {
        IncreaseOnHand(c, command.item_id, command.to_location, command.quantity);
        Movement in = base;
        in.location = command.to_location;
        in.counterpart_location = command.location;
        in.quantity = command.quantity;
        result.movements.push_back(PostLedger(c, in, now));
      }
      NoteAvailableDrop(c, command.item_id, command.location, command.quantity, command.meeting_id,
                        now);
    }
    if (!command.request_id.empty()) {
      std::string resource = MovementName(result.movements[0].id);
      if (result.movements.size() == 2) absl::StrAppend(&resource, ",", result.movements[1].id);
      auto& record = c.Prepare(kRecordClaimedResource);
      record.setString(1, resource);
      record.setString(2, command.request_id);
      record.executeUpdate();
    }
    result.balance = ReadBalance(c, command.item_id, command.location);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<Balance> InventoryStore::GetBalance(absl::string_view item_id,
                                                   absl::string_view location) {
  Balance balance;
  bool exists = false;
  absl::Status status = db::ReadOnly(pool_, "GetBalance", [&](db::Connection& c) {
    exists = ItemExists(c, item_id);
    if (exists) balance = ReadBalance(c, item_id, location);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!exists) return ItemNotFound(item_id);
  return balance;
}

absl::StatusOr<std::vector<Movement>> InventoryStore::ListMovements(const ListMovementsQuery& query,
                                                                    int limit) {
  std::vector<Movement> movements;
  absl::Status status = db::ReadOnly(pool_, "ListMovements", [&](db::Connection& c) {
    movements.clear();
    auto& select = c.Prepare(kListMovements);
    select.setInt64(1, query.after_id);
    select.setString(2, query.item_id);
    select.setString(3, query.item_id);
    select.setString(4, query.location);
    select.setString(5, query.location);
    select.setString(6, query.meeting_id);
    select.setString(7, query.meeting_id);
    select.setInt(8, limit);
    std::unique_ptr<sql::ResultSet> row(select.executeQuery());
    while (row->next()) movements.push_back(ReadMovement(*row));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return movements;
}

absl::StatusOr<std::vector<LowStockEntry>> InventoryStore::ListLowStock(
    const ListLowStockQuery& query, int limit) {
  std::vector<LowStockEntry> entries;
  absl::Status status = db::ReadOnly(pool_, "ListLowStock", [&](db::Connection& c) {
    entries.clear();
    auto& select = c.Prepare(kListLowStock);
    const std::string after_item = query.after.empty() ? "" : query.after[0];
    const std::string after_location = query.after.empty() ? "" : query.after[1];
    select.setString(1, query.location);
    select.setString(2, query.location);
    select.setString(3, after_item);
    select.setString(4, after_item);
    select.setString(5, after_location);
    select.setInt(6, limit);
    std::unique_ptr<sql::ResultSet> row(select.executeQuery());
    while (row->next()) {
      LowStockEntry entry;
      entry.balance.item_id = row->getString(1);
      entry.balance.location = row->getString(2);
      entry.balance.on_hand = row->getInt64(3);
      entry.balance.reserved = row->getInt64(4);
      entry.balance.minimum = row->getInt64(5);
      entry.replenishment_id = row->getString(6);
      entries.push_back(std::move(entry));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return entries;
}

absl::StatusOr<int64_t> InventoryStore::CountLowStock() {
  int64_t count = 0;
  absl::Status status = db::ReadOnly(pool_, "CountLowStock", [&](db::Connection& c) {
    auto& select = c.Prepare(kCountLowStock);
    std::unique_ptr<sql::ResultSet> row(select.executeQuery());
    count = row->next() ? row->getInt64(1) : 0;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return count;
}

}  // namespace huiwu::inventory
