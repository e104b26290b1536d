// The supplies as the center keeps them today. Quantities are a working stock for a
// week of meetings; minimums trigger 申请补充 (不足及时申请补充) and can be corrected
// later with UpdateItem. Costs are in fen (分).
#include "tools/huiwuctl/inventory_seed.h"

namespace huiwu::ctl {
namespace {

using inventory::v1::ItemCategory;
constexpr ItemCategory kConsumable = inventory::v1::ITEM_CATEGORY_CONSUMABLE;
constexpr ItemCategory kReusable = inventory::v1::ITEM_CATEGORY_REUSABLE;
constexpr ItemCategory kEquipment = inventory::v1::ITEM_CATEGORY_EQUIPMENT;
constexpr ItemCategory kRental = inventory::v1::ITEM_CATEGORY_RENTAL;

}  // namespace

const std::vector<ItemSeed>& SeedItems() {
  static const auto* const kItems = new std::vector<ItemSeed>{
      {"tea", "茶叶", "包", kConsumable, 300, 500, 100, 40, 10},
      {"bottled-water", "矿泉水", "瓶", kConsumable, 150, 1200, 300, 60, 20},
      {"paper-cups", "纸杯", "个", kConsumable, 10, 2000, 400, 100, 30},
      {"pens", "签字笔", "支", kConsumable, 200, 400, 100, 30, 10},
      {"notepads", "笔记本", "本", kConsumable, 500, 400, 100, 30, 10},
      {"napkins", "纸巾", "包", kConsumable, 100, 300, 60, 20, 5},
      {"tea-sets", "茶具", "套", kReusable, 8000, 200, 50, 30, 10},
      {"nameplate-holders", "桌牌", "个", kReusable, 1500, 300, 50, 30, 0},
      {"tablecloths", "台布", "块", kReusable, 6000, 60, 10, 0, 0},
      {"microphones", "话筒", "支", kEquipment, 50000, 20, 4, 0, 0},
      {"batteries", "电池", "节", kEquipment, 300, 200, 40, 8, 4},
      {"flowers", "鲜花", "盆", kRental, 5000, 30, 10, 0, 0},
  };
  return *kItems;
}

const std::vector<KitTemplateSeed>& SeedKitTemplates() {
  using inventory::v1::MEETING_KIND_INTERNAL;
  using inventory::v1::MEETING_KIND_VIDEO_CONFERENCE;
  using inventory::v1::MEETING_KIND_VIP_RECEPTION;
  static const auto* const kTemplates = new std::vector<KitTemplateSeed>{
      // One bottle of water, one cup, one tea, pen and notepad per participant.
      {"internal-small",
       "内部会议（30人以下）",
       MEETING_KIND_INTERNAL,
       1,
       30,
       {{"bottled-water", 1, 0},
        {"paper-cups", 1, 0},
        {"tea", 1, 0},
        {"pens", 1, 0},
        {"notepads", 1, 0},
        {"napkins", 0, 2}}},
      {"internal-large",
       "大型会议（31–300人）",
       MEETING_KIND_INTERNAL,
       31,
       300,
       {{"bottled-water", 1, 0}, {"pens", 1, 0}, {"notepads", 1, 0}, {"batteries", 0, 4}}},
      // Tea service in tea sets, nameplates for the VIP seats, flowers on the table.
      {"vip-reception",
       "贵宾接待",
       MEETING_KIND_VIP_RECEPTION,
       1,
       20,
       {{"tea-sets", 1, 0}, {"tea", 1, 0}, {"nameplate-holders", 1, 0}, {"flowers", 0, 2}}},
      // The 8th-floor video room: the internal kit, and spare batteries for the
      // microphones the link test uses.
      {"video-conference",
       "视频会议",
       MEETING_KIND_VIDEO_CONFERENCE,
       1,
       30,
       {{"bottled-water", 1, 0},
        {"paper-cups", 1, 0},
        {"tea", 1, 0},
        {"pens", 1, 0},
        {"notepads", 1, 0},
        {"batteries", 0, 2}}},
  };
  return *kTemplates;
}

std::string KeyCustodian(const std::string& building_id) {
  // The lobby manager (大堂经理) of each building keeps its room keys.
  return building_id == "city-hall" ? "staff/l-001" : "staff/l-002";
}

}  // namespace huiwu::ctl
