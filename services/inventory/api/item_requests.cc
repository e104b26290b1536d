// Item requests.
#include <algorithm>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/api/page_token.h"
#include "common/status/status_macros.h"
#include "services/inventory/api/requests.h"

namespace huiwu::inventory {
namespace {

constexpr int kMaxDisplayName = 100;
constexpr int kMaxUnit = 10;
constexpr int64_t kMaxUnitCostFen = 100'000'000;
constexpr int kMaxStockLimits = 50;

const absl::flat_hash_map<std::string, uint32_t>& ItemMaskPaths() {
  static const auto* paths = new absl::flat_hash_map<std::string, uint32_t>{
      {"display_name", kItemDisplayName}, {"unit", kItemUnit},
      {"category", kItemCategory},        {"unit_cost_fen", kItemUnitCost},
      {"stock_limits", kItemStockLimits},
  };
  return *paths;
}

// Checks the item fields selected by `fields` and copies them into a domain Item.
Item CheckItemFields(api::FieldChecks& checks, const v1::Item& item, uint32_t fields) {
  Item out;
  if (fields & kItemDisplayName) {
    checks.Text("item.display_name", item.display_name(), 1, kMaxDisplayName);
    out.display_name = item.display_name();
  }
  if (fields & kItemUnit) {
    checks.Text("item.unit", item.unit(), 1, kMaxUnit);
    out.unit = item.unit();
  }
  if (fields & kItemCategory) {
    checks.Enum("item.category", item.category(), v1::ItemCategory_IsValid,
                /*allow_unspecified=*/false);
    out.category = static_cast<ItemCategory>(item.category());
  }
  if (fields & kItemUnitCost) {
    checks.Int("item.unit_cost_fen", item.unit_cost_fen(), 0, kMaxUnitCostFen);
    out.unit_cost_fen = item.unit_cost_fen();
  }
  if (fields & kItemStockLimits) {
    if (item.stock_limits_size() > kMaxStockLimits) {
      checks.Add("item.stock_limits", absl::StrCat("at most ", kMaxStockLimits, " locations"));
    }
    std::set<std::string> seen;
    for (int i = 0; i < item.stock_limits_size() && i < kMaxStockLimits; ++i) {
      const v1::StockLimit& limit = item.stock_limits(i);
      const std::string field = absl::StrCat("item.stock_limits[", i, "]");
      auto location = ParseLocation(checks, field + ".location", limit.location());
      checks.Int(field + ".minimum", limit.minimum(), 0, kMaxQuantity);
      if (limit.maximum() != 0) {
        checks.Int(field + ".maximum", limit.maximum(), std::max<int64_t>(1, limit.minimum()),
                   kMaxQuantity);
      }
      if (!location.has_value()) continue;
      if (!seen.insert(*location).second) {
        checks.Add(field + ".location", "duplicate location; give each location once");
      }
      out.stock_limits.push_back({*location, limit.minimum(), limit.maximum()});
    }
    // Stored and returned by location.
    std::sort(out.stock_limits.begin(), out.stock_limits.end(),
              [](const StockLimit& a, const StockLimit& b) { return a.location < b.location; });
  }
  return out;
}

}  // namespace

absl::StatusOr<CreateItemCommand> ParseCreateItem(const v1::CreateItemRequest& request) {
  api::FieldChecks checks;
  checks.ResourceId("item_id", request.item_id());
  checks.RequestId("request_id", request.request_id());
  if (!request.has_item()) {
    checks.Add("item", "required");
    return checks.status();
  }
  CreateItemCommand command;
  command.item = CheckItemFields(checks, request.item(), kAllItemFields);
  RETURN_IF_ERROR(checks.status());
  command.item.id = request.item_id();
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<std::string> ParseGetItem(const v1::GetItemRequest& request) {
  api::FieldChecks checks;
  auto id = ParseItemName(checks, "name", request.name());
  RETURN_IF_ERROR(checks.status());
  return *id;
}

absl::StatusOr<ListItemsQuery> ParseListItems(const v1::ListItemsRequest& request) {
  api::FieldChecks checks;
  ListItemsQuery query;
  query.page_size =
      checks.PageSize("page_size", request.page_size(), kDefaultPageSize, kMaxPageSize);
  checks.Enum("category", request.category(), v1::ItemCategory_IsValid,
              /*allow_unspecified=*/true);
  RETURN_IF_ERROR(checks.status());
  if (request.category() != v1::ITEM_CATEGORY_UNSPECIFIED) {
    query.category = static_cast<ItemCategory>(request.category());
  }
  query.filter_text = absl::StrCat("items|", request.category());
  ASSIGN_OR_RETURN(std::vector<std::string> after,
                   api::DecodePageToken("page_token", request.page_token(), query.filter_text, 1));
  if (!after.empty()) query.after_id = after[0];
  return query;
}

std::string NextItemsPageToken(const ListItemsQuery& query, const Item& last) {
  return api::EncodePageToken(query.filter_text, {last.id});
}

absl::StatusOr<UpdateItemCommand> ParseUpdateItem(const v1::UpdateItemRequest& request) {
  api::FieldChecks checks;
  if (!request.has_item()) {
    checks.Add("item", "required: the item with its name and the new values");
    return checks.status();
  }
  UpdateItemCommand command;
  auto id = ParseItemName(checks, "item.name", request.item().name());
  if (id.has_value()) command.item_id = *id;
  const auto& paths = request.update_mask().paths();
  if (paths.empty() || (paths.size() == 1 && paths[0] == "*")) command.fields = kAllItemFields;
  for (int i = 0; i < paths.size() && command.fields != kAllItemFields; ++i) {
    auto it = ItemMaskPaths().find(paths[i]);
    if (it == ItemMaskPaths().end()) {
      checks.Add(absl::StrCat("update_mask.paths[", i, "]"),
                 absl::StrCat("unknown or immutable field \"", paths[i],
                              "\"; updatable: display_name, unit, category, unit_cost_fen, "
                              "stock_limits"));
      continue;
    }
    command.fields |= it->second;
  }
  command.patch = CheckItemFields(checks, request.item(), command.fields);
  CheckEtagField(checks, "item.etag", request.item().etag());
  command.etag = request.item().etag();
  RETURN_IF_ERROR(checks.status());
  return command;
}

void ApplyItemUpdate(const Item& patch, uint32_t fields, Item& stored) {
  if (fields & kItemDisplayName) stored.display_name = patch.display_name;
  if (fields & kItemUnit) stored.unit = patch.unit;
  if (fields & kItemCategory) stored.category = patch.category;
  if (fields & kItemUnitCost) stored.unit_cost_fen = patch.unit_cost_fen;
  if (fields & kItemStockLimits) stored.stock_limits = patch.stock_limits;
}

}  // namespace huiwu::inventory
