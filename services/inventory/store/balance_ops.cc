#include "services/inventory/store/balance_ops.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <algorithm>
#include <memory>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/status/errors.h"
#include "services/inventory/api/names.h"
#include "services/inventory/domain/stock_rules.h"
#include "services/inventory/store/inventory_events.h"

namespace huiwu::inventory {
namespace {

constexpr char kIncrease[] =
    "INSERT INTO balances (item_id, location, on_hand, reserved, version) VALUES (?, ?, ?, 0, 1) "
    "ON DUPLICATE KEY UPDATE on_hand = on_hand + VALUES(on_hand), version = version + 1";
constexpr char kDecreaseAvailable[] =
    "UPDATE balances SET on_hand = on_hand - ?, version = version + 1 "
    "WHERE item_id = ? AND location = ? AND on_hand - reserved >= ?";
constexpr char kReserve[] =
    "UPDATE balances SET reserved = reserved + ?, version = version + 1 "
    "WHERE item_id = ? AND location = ? AND on_hand - reserved >= ?";
constexpr char kUnreserve[] =
    "UPDATE balances SET reserved = reserved - ?, version = version + 1 "
    "WHERE item_id = ? AND location = ? AND reserved >= ?";
constexpr char kIssueReserved[] =
    "UPDATE balances SET on_hand = on_hand - ?, reserved = reserved - ?, version = version + 1 "
    "WHERE item_id = ? AND location = ? AND reserved >= ? AND on_hand >= ?";
// Four primary-key lookups in one round trip; zeros when there is no row.
constexpr char kSelectBalance[] =
    "SELECT COALESCE((SELECT on_hand FROM balances WHERE item_id = ? AND location = ?), 0), "
    "COALESCE((SELECT reserved FROM balances WHERE item_id = ? AND location = ?), 0), "
    "COALESCE((SELECT minimum FROM stock_limits WHERE item_id = ? AND location = ?), 0), "
    "COALESCE((SELECT maximum FROM stock_limits WHERE item_id = ? AND location = ?), 0)";
constexpr char kInsertMovement[] =
    "INSERT INTO movements (item_id, location, kind, quantity, reason, meeting_id, actor, "
    "counterpart_location, create_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kLastInsertId[] = "SELECT LAST_INSERT_ID()";
constexpr char kSelectOpenReplenishment[] =
    "SELECT replenishment_id FROM replenishment_requests "
    "WHERE item_id = ? AND location = ? AND open_flag = 1";
constexpr char kInsertOpenReplenishment[] =
    "INSERT INTO replenishment_requests (replenishment_id, item_id, location, quantity, "
    "received_quantity, state, reason, requester, open_flag, version, create_time, update_time) "
    "VALUES (?, ?, ?, ?, 0, ?, ?, ?, 1, 1, ?, ?)";
constexpr char kSelectItemExists[] = "SELECT 1 FROM items WHERE item_id = ?";

// The service itself, when it opens a request on a low-stock check.
constexpr char kLowStockRequester[] = "inventory/low-stock-check";

int Update(db::Connection& c, const char* sql, absl::string_view item_id,
           absl::string_view location, int64_t quantity, int extra_quantity_params) {
  auto& update = c.Prepare(sql);
  int i = 1;
  update.setInt64(i++, quantity);
  if (extra_quantity_params == 2) update.setInt64(i++, quantity);
  update.setString(i++, std::string(item_id));
  update.setString(i++, std::string(location));
  update.setInt64(i++, quantity);
  if (extra_quantity_params == 2) update.setInt64(i++, quantity);
  return update.executeUpdate();
}

std::unique_ptr<sql::ResultSet> SelectBalance(db::Connection& c, absl::string_view item_id,
                                              absl::string_view location) {
  auto& select = c.Prepare(kSelectBalance);
  for (int i = 1; i <= 8; i += 2) {
    select.setString(i, std::string(item_id));
    select.setString(i + 1, std::string(location));
  }
  return std::unique_ptr<sql::ResultSet>(select.executeQuery());
}

}  // namespace

void IncreaseOnHand(db::Connection& c, absl::string_view item_id, absl::string_view location,
                    int64_t quantity) {
  auto& insert = c.Prepare(kIncrease);
  insert.setString(1, std::string(item_id));
  insert.setString(2, std::string(location));
  insert.setInt64(3, quantity);
  insert.executeUpdate();
}

bool DecreaseAvailable(db::Connection& c, absl::string_view item_id, absl::string_view location,
                       int64_t quantity) {
  return Update(c, kDecreaseAvailable, item_id, location, quantity, 1) == 1;
}

bool Reserve(db::Connection& c, absl::string_view item_id, absl::string_view location,
             int64_t quantity) {
  return Update(c, kReserve, item_id, location, quantity, 1) == 1;
}

int64_t ReserveUpTo(db::Connection& c, absl::string_view item_id, absl::string_view location,
                    int64_t wanted) {
  if (wanted <= 0) return 0;
  if (Reserve(c, item_id, location, wanted)) return wanted;
  const int64_t available = ReadBalance(c, item_id, location).available();
  if (available <= 0) return 0;
  const int64_t take = std::min(wanted, available);
  // The guard decides again: a reservation committed since the read leaves this one short
  // (reported as such, and topped up by the meeting's next event).
  return Reserve(c, item_id, location, take) ? take : 0;
}

void Unreserve(db::Connection& c, absl::string_view item_id, absl::string_view location,
               int64_t quantity) {
  if (Update(c, kUnreserve, item_id, location, quantity, 1) != 1) {
    throw sql::SQLException(absl::StrCat("kit reservation of ", item_id, " at ", location,
                                         " missing from its balance"));
  }
}

void IssueReserved(db::Connection& c, absl::string_view item_id, absl::string_view location,
                   int64_t quantity) {
  if (Update(c, kIssueReserved, item_id, location, quantity, 2) != 1) {
    throw sql::SQLException(absl::StrCat("kit reservation of ", item_id, " at ", location,
                                         " missing from its balance"));
  }
}

Balance ReadBalance(db::Connection& c, absl::string_view item_id, absl::string_view location) {
  std::unique_ptr<sql::ResultSet> row = SelectBalance(c, item_id, location);
  Balance balance;
  balance.item_id = std::string(item_id);
  balance.location = std::string(location);
  if (row->next()) {
    balance.on_hand = row->getInt64(1);
    balance.reserved = row->getInt64(2);
    balance.minimum = row->getInt64(3);
  }
  return balance;
}

Movement PostLedger(db::Connection& c, Movement movement, absl::Time now) {
  movement.create_time = absl::FromUnixMicros(absl::ToUnixMicros(now));
  auto& insert = c.Prepare(kInsertMovement);
  insert.setString(1, movement.item_id);
  insert.setString(2, movement.location);
  insert.setInt(3, static_cast<int>(movement.kind));
  insert.setInt64(4, movement.quantity);
  insert.setString(5, movement.reason);
  insert.setString(6, movement.meeting_id);
  insert.setString(7, movement.actor);
  insert.setString(8, movement.counterpart_location);
  insert.setDateTime(9, db::ToSqlDateTime(movement.create_time));
  insert.executeUpdate();
  auto& last = c.Prepare(kLastInsertId);
  std::unique_ptr<sql::ResultSet> row(last.executeQuery());
  if (row->next()) movement.id = row->getInt64(1);
  PublishStockMoved(c, movement, ReadBalance(c, movement.item_id, movement.location),
                    movement.create_time);
  return movement;
}

LowStockCheck OpenReplenishmentIfLow(db::Connection& c, absl::string_view item_id,
                                     absl::string_view location, absl::Time now) {
  LowStockCheck check;
  check.balance.item_id = std::string(item_id);
  check.balance.location = std::string(location);
  std::unique_ptr<sql::ResultSet> row = SelectBalance(c, item_id, location);
  if (!row->next()) return check;
  check.balance.on_hand = row->getInt64(1);
  check.balance.reserved = row->getInt64(2);
  check.balance.minimum = row->getInt64(3);
  const int64_t available = check.balance.available();
  const StockLimit limit{std::string(location), row->getInt64(3), row->getInt64(4)};
  check.low = IsLow(available, limit.minimum);
  if (!check.low) return check;
  {
    auto& open = c.Prepare(kSelectOpenReplenishment);
    open.setString(1, std::string(item_id));
    open.setString(2, std::string(location));
    std::unique_ptr<sql::ResultSet> found(open.executeQuery());
    if (found->next()) {
      check.replenishment_id = found->getString(1);
      return check;
    }
  }
  ReplenishmentRequest request;
  request.id = NewId();
  request.item_id = std::string(item_id);
  request.location = std::string(location);
  request.quantity = ReplenishQuantity(limit, available);
  request.state = ReplenishmentState::kPending;
  request.reason = absl::StrCat("low stock: ", available, " available, minimum ", limit.minimum,
                                " (不足及时申请补充)");
  request.requester = kLowStockRequester;
  request.version = 1;
  request.create_time = request.update_time = absl::FromUnixMicros(absl::ToUnixMicros(now));
  try {
    auto& insert = c.Prepare(kInsertOpenReplenishment);
    insert.setString(1, request.id);
    insert.setString(2, request.item_id);
    insert.setString(3, request.location);
    insert.setInt64(4, request.quantity);
    insert.setInt(5, static_cast<int>(request.state));
    insert.setString(6, request.reason);
    insert.setString(7, request.requester);
    insert.setDateTime(8, db::ToSqlDateTime(now));
    insert.setDateTime(9, db::ToSqlDateTime(now));
    insert.executeUpdate();
  } catch (const sql::SQLException& e) {
    // Another transaction opened it first: one request per shortage is what we want
    // (and that transaction publishes it).
    if (e.getErrorCode() != db::kErDupEntry) throw;
    return check;
  }
  check.replenishment_id = request.id;
  PublishReplenishment(c, ReplenishmentEvent::kRequested, request, check.balance, now);
  return check;
}

void NoteAvailableDrop(db::Connection& c, absl::string_view item_id, absl::string_view location,
                       int64_t drop, absl::string_view meeting_id, absl::Time now) {
  const LowStockCheck check = OpenReplenishmentIfLow(c, item_id, location, now);
  const int64_t after = check.balance.available();
  if (drop > 0 && CrossedMinimum(after + drop, after, check.balance.minimum)) {
    PublishStockBelowMinimum(c, check.balance, check.replenishment_id, meeting_id, now);
  }
}

bool ItemExists(db::Connection& c, absl::string_view item_id) {
  auto& select = c.Prepare(kSelectItemExists);
  select.setString(1, std::string(item_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  return row->next();
}

std::string NewId() {
  thread_local std::mt19937_64 random(std::random_device{}());
  return absl::StrFormat("%016x", random());
}

absl::Status ItemNotFound(absl::string_view item_id) {
  return ErrorWithReason(
      absl::StatusCode::kNotFound, "ITEM_NOT_FOUND",
      absl::StrCat(ItemName(item_id), " does not exist; list items to find its name, or create it"),
      {{"item", ItemName(item_id)}});
}

absl::Status InsufficientStock(absl::string_view item_id, absl::string_view location,
                               int64_t requested, int64_t available) {
  return ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "INSUFFICIENT_STOCK",
      absl::StrCat(ItemName(item_id), " at ", location, ": ", requested, " asked, only ", available,
                   " available (on hand minus reserved); receive or transfer stock first"),
      {{"item", ItemName(item_id)},
       {"location", std::string(location)},
       {"requested", absl::StrCat(requested)},
       {"available", absl::StrCat(available)},
       {"missing", absl::StrCat(requested - available)}});
}

}  // namespace huiwu::inventory
