// The center's supplies (备品), their stock in the central store and each room's
// cabinet, kit norms, and the room keys with their custodians, loaded by
// `huiwuctl seed-inventory`.
#ifndef HUIWU_TOOLS_HUIWUCTL_INVENTORY_SEED_H_
#define HUIWU_TOOLS_HUIWUCTL_INVENTORY_SEED_H_

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "huiwu/inventory/v1/inventory.pb.h"

namespace huiwu::ctl {

struct ItemSeed {
  std::string item_id;
  std::string display_name;
  std::string unit;
  inventory::v1::ItemCategory category;
  int64_t unit_cost_fen = 0;
  int64_t central_stock = 0;    // received into the central store
  int64_t central_minimum = 0;  // 申请补充 at or under this
  int64_t cabinet_stock = 0;    // received into every room's cabinet (0: none kept there)
  int64_t cabinet_minimum = 0;
};

struct KitTemplateSeed {
  std::string id;
  std::string display_name;
  inventory::v1::MeetingKind kind;
  int min_participants = 0;
  int max_participants = 0;
  // item id, per participant, fixed
  std::vector<std::tuple<std::string, int64_t, int64_t>> lines;
};

const std::vector<ItemSeed>& SeedItems();
const std::vector<KitTemplateSeed>& SeedKitTemplates();

// The custodian (staff/{staff_number}) of the keys of the rooms of `building_id`.
std::string KeyCustodian(const std::string& building_id);

}  // namespace huiwu::ctl

#endif  // HUIWU_TOOLS_HUIWUCTL_INVENTORY_SEED_H_
