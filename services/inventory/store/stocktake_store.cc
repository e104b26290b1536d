// InventoryStore: stocktakes (盘点): what the ledger expects when counting starts, and
// the counted differences posted as ADJUSTMENT movements.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/inventory/api/names.h"
#include "services/inventory/store/balance_ops.h"
#include "services/inventory/store/inventory_store.h"

namespace huiwu::inventory {
namespace {

constexpr char kInsertStocktake[] =
    "INSERT INTO stocktakes (stocktake_id, location, submitted, create_time) "
    "VALUES (?, ?, FALSE, ?)";
constexpr char kInsertExpected[] =
    "INSERT INTO stocktake_lines (stocktake_id, item_id, expected) "
    "SELECT ?, item_id, on_hand FROM balances WHERE location = ?";
constexpr char kSelectStocktake[] =
    "SELECT stocktake_id, location, submitted, create_time, submit_time FROM stocktakes "
    "WHERE stocktake_id = ?";
const std::string kSelectStocktakeForUpdate = std::string(kSelectStocktake) + " FOR UPDATE";
constexpr char kSelectExpected[] =
    "SELECT item_id, expected FROM stocktake_lines WHERE stocktake_id = ? ORDER BY item_id";
constexpr char kMarkSubmitted[] =
    "UPDATE stocktakes SET submitted = TRUE, submit_time = ? WHERE stocktake_id = ?";
// A count sets on_hand; guarded by the on_hand just read, so a movement committed in
// between (on this or another node) makes the UPDATE miss and the transaction retry.
constexpr char kSetOnHand[] =
    "UPDATE balances SET on_hand = ?, version = version + 1 WHERE item_id = ? AND location = ? "
    "AND on_hand = ? AND reserved <= ?";

std::optional<Stocktake> Find(db::Connection& c, const std::string& sql, absl::string_view id) {
  auto& select = c.Prepare(sql);
  select.setString(1, std::string(id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  Stocktake s;
  s.id = row->getString(1);
  s.location = row->getString(2);
  s.submitted = row->getBoolean(3);
  s.create_time = db::FromSqlDateTime(std::string(row->getString(4)));
  if (!row->isNull(5)) s.submit_time = db::FromSqlDateTime(std::string(row->getString(5)));
  auto& lines = c.Prepare(kSelectExpected);
  lines.setString(1, std::string(id));
  std::unique_ptr<sql::ResultSet> line(lines.executeQuery());
  while (line->next()) s.expected.push_back({std::string(line->getString(1)), line->getInt64(2)});
  return s;
}

absl::Status NotFound(absl::string_view id) {
  return ErrorWithReason(absl::StatusCode::kNotFound, "STOCKTAKE_NOT_FOUND",
                         absl::StrCat(StocktakeName(id), " does not exist; start a stocktake"),
                         {{"stocktake", StocktakeName(id)}});
}

}  // namespace

absl::StatusOr<Stocktake> InventoryStore::StartStocktake(const StartStocktakeCommand& command,
                                                         absl::Time now) {
  Stocktake result;
  absl::Status status = db::InTransaction(pool_, "StartStocktake", [&](db::Connection& c) {
    const std::string id = NewId();
    if (!command.request_id.empty()) {
      auto earlier =
          db::ClaimRequestId(c, "StartStocktake", command.request_id, StocktakeName(id), now);
      if (earlier.has_value()) {
        const std::string earlier_id = earlier->substr(earlier->find('/') + 1);
        auto found = Find(c, kSelectStocktake, earlier_id);
        if (!found.has_value()) return NotFound(earlier_id);
        result = *found;
        return absl::OkStatus();
      }
    }
    auto& insert = c.Prepare(kInsertStocktake);
    insert.setString(1, id);
    insert.setString(2, command.location);
    insert.setDateTime(3, db::ToSqlDateTime(now));
    insert.executeUpdate();
    auto& expected = c.Prepare(kInsertExpected);
    expected.setString(1, id);
    expected.setString(2, command.location);
    expected.executeUpdate();
    auto found = Find(c, kSelectStocktake, id);
    if (!found.has_value()) return NotFound(id);
    result = *found;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<StocktakeResult> InventoryStore::SubmitStocktake(
    const SubmitStocktakeCommand& command, absl::string_view actor, absl::Time now) {
  StocktakeResult result;
  absl::Status status = db::InTransaction(pool_, "SubmitStocktake", [&](db::Connection& c) {
    result = StocktakeResult{};
    auto found = Find(c, kSelectStocktakeForUpdate, command.stocktake_id);
    if (!found.has_value()) return NotFound(command.stocktake_id);
    Stocktake stocktake = *found;
    if (stocktake.submitted) {
      return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "STOCKTAKE_ALREADY_SUBMITTED",
                             absl::StrCat(StocktakeName(stocktake.id),
                                          " was submitted already; start a new stocktake"),
                             {{"stocktake", StocktakeName(stocktake.id)}});
    }
    for (const ItemQuantity& count : command.counts) {
      if (!ItemExists(c, count.item_id)) return ItemNotFound(count.item_id);
      const Balance balance = ReadBalance(c, count.item_id, stocktake.location);
      const int64_t difference = count.quantity - balance.on_hand;
      if (difference == 0) continue;
      if (count.quantity < balance.reserved) {
        return ErrorWithReason(
            absl::StatusCode::kFailedPrecondition, "COUNT_BELOW_RESERVED",
            absl::StrCat(ItemName(count.item_id), " counted ", count.quantity, " at ",
                         stocktake.location, " but ", balance.reserved,
                         " are reserved for kits; issue or release those kits, then count"),
            {{"item", ItemName(count.item_id)}, {"reserved", absl::StrCat(balance.reserved)}});
      }
      if (difference > 0) {
        IncreaseOnHand(c, count.item_id, stocktake.location, difference);
      } else {
        auto& update = c.Prepare(kSetOnHand);
        update.setInt64(1, count.quantity);
        update.setString(2, count.item_id);
        update.setString(3, stocktake.location);
        update.setInt64(4, balance.on_hand);
        update.setInt64(5, count.quantity);
        if (update.executeUpdate() != 1) {
          throw sql::SQLException("balance changed during the stocktake", "40001", 1213);
        }
      }
      Movement m;
      m.item_id = count.item_id;
      m.location = stocktake.location;
      m.kind = MovementKind::kAdjustment;
      m.quantity = difference;
      m.reason = absl::StrCat("stocktake ", StocktakeName(stocktake.id));
      m.actor = std::string(actor);
      result.adjustments.push_back(PostLedger(c, m, now));
      NoteAvailableDrop(c, count.item_id, stocktake.location, std::max<int64_t>(0, -difference), "",
                        now);
    }
    auto& mark = c.Prepare(kMarkSubmitted);
    mark.setDateTime(1, db::ToSqlDateTime(now));
    mark.setString(2, stocktake.id);
    mark.executeUpdate();
    stocktake.submitted = true;
    stocktake.submit_time = absl::FromUnixMicros(absl::ToUnixMicros(now));
    result.stocktake = stocktake;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace huiwu::inventory
