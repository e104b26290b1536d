// InventoryStore: items and their stock limits.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/api/etag_check.h"
#include "common/db/idempotency.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/inventory/api/names.h"
#include "services/inventory/store/balance_ops.h"
#include "services/inventory/store/inventory_store.h"

namespace huiwu::inventory {
namespace {

constexpr char kItemColumns[] =
    "item_id, display_name, unit, category, unit_cost_fen, version, create_time, update_time";
const std::string kInsertItem =
    absl::StrCat("INSERT INTO items (", kItemColumns, ") VALUES (?, ?, ?, ?, ?, 1, ?, ?)");
const std::string kSelectItem =
    absl::StrCat("SELECT ", kItemColumns, " FROM items WHERE item_id = ?");
const std::string kSelectItemForUpdate = kSelectItem + " FOR UPDATE";
// Keyset paging on the primary key; "? = 0 OR" keeps one statement for both filters.
const std::string kListItems =
    absl::StrCat("SELECT ", kItemColumns,
                 " FROM items WHERE item_id > ? AND (? = 0 OR category = ?) ORDER BY item_id "
                 "LIMIT ?");
constexpr char kUpdateItem[] =
    "UPDATE items SET display_name = ?, unit = ?, category = ?, unit_cost_fen = ?, "
    "version = version + 1, update_time = ? WHERE item_id = ?";
constexpr char kSelectLimits[] =
    "SELECT item_id, location, minimum, maximum FROM stock_limits "
    "WHERE item_id >= ? AND item_id <= ? ORDER BY item_id, location";
constexpr char kDeleteLimits[] = "DELETE FROM stock_limits WHERE item_id = ?";
constexpr char kInsertLimit[] =
    "INSERT INTO stock_limits (item_id, location, minimum, maximum) VALUES (?, ?, ?, ?)";

Item ReadItem(sql::ResultSet& row) {
  Item item;
  item.id = row.getString(1);
  item.display_name = row.getString(2);
  item.unit = row.getString(3);
  item.category = static_cast<ItemCategory>(row.getInt(4));
  item.unit_cost_fen = row.getInt64(5);
  item.version = row.getInt64(6);
  item.create_time = db::FromSqlDateTime(std::string(row.getString(7)));
  item.update_time = db::FromSqlDateTime(std::string(row.getString(8)));
  return item;
}

// Fills the stock limits of `items` (sorted by id) with one range query, not one per item.
void ReadLimits(db::Connection& c, std::vector<Item>& items) {
  if (items.empty()) return;
  auto& select = c.Prepare(kSelectLimits);
  select.setString(1, items.front().id);
  select.setString(2, items.back().id);
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  size_t at = 0;
  while (row->next()) {
    const std::string item_id = row->getString(1);
    while (at < items.size() && items[at].id < item_id) ++at;
    if (at == items.size()) break;
    if (items[at].id != item_id) continue;
    items[at].stock_limits.push_back(
        {std::string(row->getString(2)), row->getInt64(3), row->getInt64(4)});
  }
}

std::optional<Item> FindItem(db::Connection& c, const std::string& sql, absl::string_view item_id) {
  auto& select = c.Prepare(sql);
  select.setString(1, std::string(item_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  std::vector<Item> items = {ReadItem(*row)};
  ReadLimits(c, items);
  return items[0];
}

// Replaces the item's limits and opens a replenishment request for every location
// that is already under its new minimum (a shortage is a shortage from the moment the
// minimum says so).
void WriteLimits(db::Connection& c, const Item& item, absl::Time now) {
  auto& remove = c.Prepare(kDeleteLimits);
  remove.setString(1, item.id);
  remove.executeUpdate();
  for (const StockLimit& limit : item.stock_limits) {
    auto& insert = c.Prepare(kInsertLimit);
    insert.setString(1, item.id);
    insert.setString(2, limit.location);
    insert.setInt64(3, limit.minimum);
    insert.setInt64(4, limit.maximum);
    insert.executeUpdate();
  }
  for (const StockLimit& limit : item.stock_limits) {
    OpenReplenishmentIfLow(c, item.id, limit.location, now);
  }
}

}  // namespace

absl::StatusOr<Item> InventoryStore::CreateItem(const Item& item, absl::string_view request_id,
                                                absl::Time now) {
  Item result;
  absl::Status status = db::InTransaction(pool_, "CreateItem", [&](db::Connection& c) {
    if (!request_id.empty()) {
      auto earlier = db::ClaimRequestId(c, "CreateItem", request_id, ItemName(item.id), now);
      if (earlier.has_value()) {
        auto found = FindItem(c, kSelectItem, item.id);
        if (!found.has_value()) return ItemNotFound(item.id);
        result = *found;
        return absl::OkStatus();
      }
    }
    try {
      auto& insert = c.Prepare(kInsertItem);
      insert.setString(1, item.id);
      insert.setString(2, item.display_name);
      insert.setString(3, item.unit);
      insert.setInt(4, static_cast<int>(item.category));
      insert.setInt64(5, item.unit_cost_fen);
      insert.setDateTime(6, db::ToSqlDateTime(now));
      insert.setDateTime(7, db::ToSqlDateTime(now));
      insert.executeUpdate();
    } catch (const sql::SQLException& e) {
      if (e.getErrorCode() != db::kErDupEntry) throw;
      return ErrorWithReason(
          absl::StatusCode::kAlreadyExists, "ITEM_ALREADY_EXISTS",
          absl::StrCat(ItemName(item.id), " already exists; choose another item_id"),
          {{"item", ItemName(item.id)}});
    }
    WriteLimits(c, item, now);
    result = item;
    result.version = 1;
    result.create_time = result.update_time = absl::FromUnixMicros(absl::ToUnixMicros(now));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<Item> InventoryStore::GetItem(absl::string_view item_id) {
  std::optional<Item> result;
  absl::Status status = db::ReadOnly(pool_, "GetItem", [&](db::Connection& c) {
    result = FindItem(c, kSelectItem, item_id);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!result.has_value()) return ItemNotFound(item_id);
  return *result;
}

absl::StatusOr<std::vector<Item>> InventoryStore::ListItems(const ListItemsQuery& query,
                                                            int limit) {
  std::vector<Item> items;
  absl::Status status = db::ReadOnly(pool_, "ListItems", [&](db::Connection& c) {
    items.clear();
    auto& select = c.Prepare(kListItems);
    const int category = query.category.has_value() ? static_cast<int>(*query.category) : 0;
    select.setString(1, query.after_id);
    select.setInt(2, category);
    select.setInt(3, category);
    select.setInt(4, limit);
    std::unique_ptr<sql::ResultSet> row(select.executeQuery());
    while (row->next()) items.push_back(ReadItem(*row));
    ReadLimits(c, items);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return items;
}

absl::StatusOr<Item> InventoryStore::UpdateItem(absl::string_view item_id, absl::string_view etag,
                                                absl::FunctionRef<void(Item&)> apply,
                                                absl::Time now) {
  Item result;
  absl::Status status = db::InTransaction(pool_, "UpdateItem", [&](db::Connection& c) {
    auto found = FindItem(c, kSelectItemForUpdate, item_id);
    if (!found.has_value()) return ItemNotFound(item_id);
    absl::Status fresh = api::CheckEtag(etag, found->version, ItemName(item_id));
    if (!fresh.ok()) return fresh;
    Item item = *found;
    const std::vector<StockLimit> limits_before = item.stock_limits;
    apply(item);
    auto& update = c.Prepare(kUpdateItem);
    update.setString(1, item.display_name);
    update.setString(2, item.unit);
    update.setInt(3, static_cast<int>(item.category));
    update.setInt64(4, item.unit_cost_fen);
    update.setDateTime(5, db::ToSqlDateTime(now));
    update.setString(6, item.id);
    update.executeUpdate();
    bool limits_changed = limits_before.size() != item.stock_limits.size();
    for (size_t i = 0; !limits_changed && i < limits_before.size(); ++i) {
      limits_changed = limits_before[i].location != item.stock_limits[i].location ||
                       limits_before[i].minimum != item.stock_limits[i].minimum ||
                       limits_before[i].maximum != item.stock_limits[i].maximum;
    }
    if (limits_changed) WriteLimits(c, item, now);
    item.version += 1;
    item.update_time = absl::FromUnixMicros(absl::ToUnixMicros(now));
    result = item;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  // Limits come back sorted by location, as GetItem reads them.
  std::sort(result.stock_limits.begin(), result.stock_limits.end(),
            [](const StockLimit& a, const StockLimit& b) { return a.location < b.location; });
  return result;
}

}  // namespace huiwu::inventory
