// The built-in checklists, from the center's rules: learn fire safety and prevent fire,
// theft and water leaks; check the room before and after every meeting; disinfect the
// tea sets after every meeting (一会一消毒); government units inspect fire safety at least
// quarterly.
#include "tools/huiwuctl/safety_seed.h"

#include "tools/huiwuctl/catalog_seed.h"

namespace huiwu::ctl {
namespace {

namespace v1 = safety::v1;

struct ItemSeed {
  const char* id;
  const char* title;
  v1::ChecklistItemKind kind;
  v1::HazardSeverity severity;  // when it fails (PASS_FAIL, NUMBER)
  v1::HazardKind hazard_kind;
  double min = 0;
  double max = 0;
  const char* unit = "";
};

constexpr auto kPass = v1::CHECKLIST_ITEM_KIND_PASS_FAIL;
constexpr auto kNumber = v1::CHECKLIST_ITEM_KIND_NUMBER;
constexpr auto kText = v1::CHECKLIST_ITEM_KIND_TEXT;
constexpr auto kPhoto = v1::CHECKLIST_ITEM_KIND_PHOTO;
constexpr auto kNone = v1::HAZARD_SEVERITY_UNSPECIFIED;
constexpr auto kLow = v1::HAZARD_SEVERITY_LOW;
constexpr auto kMedium = v1::HAZARD_SEVERITY_MEDIUM;
constexpr auto kHigh = v1::HAZARD_SEVERITY_HIGH;
constexpr auto kCritical = v1::HAZARD_SEVERITY_CRITICAL;
constexpr auto kFire = v1::HAZARD_KIND_FIRE;
constexpr auto kElectrical = v1::HAZARD_KIND_ELECTRICAL;
constexpr auto kWater = v1::HAZARD_KIND_WATER_LEAK;
constexpr auto kTheft = v1::HAZARD_KIND_THEFT;
constexpr auto kFault = v1::HAZARD_KIND_EQUIPMENT_FAULT;
constexpr auto kNoKind = v1::HAZARD_KIND_UNSPECIFIED;

TemplateSeed Make(const char* id, const char* name, const char* description,
                  std::initializer_list<ItemSeed> items) {
  TemplateSeed seed;
  seed.template_id = id;
  seed.checklist_template.set_display_name(name);
  seed.checklist_template.set_description(description);
  for (const ItemSeed& i : items) {
    v1::ChecklistItem* item = seed.checklist_template.add_items();
    item->set_item_id(i.id);
    item->set_title(i.title);
    item->set_kind(i.kind);
    item->set_failure_severity(i.severity);
    item->set_failure_hazard_kind(i.hazard_kind);
    item->set_min_value(i.min);
    item->set_max_value(i.max);
    item->set_unit(i.unit);
  }
  return seed;
}

}  // namespace

std::vector<TemplateSeed> SeedTemplates() {
  return {
      Make("daily-fire-patrol", "每日消防巡查",
           "每日防火巡查：安全出口、灭火器、应急照明、用电安全",
           {{"exits-clear", "安全出口、疏散通道畅通", kPass, kHigh, kFire},
            {"extinguishers-present", "灭火器在位、在有效期内", kPass, kHigh, kFire},
            {"extinguisher-pressure", "灭火器压力（绿区）", kNumber, kCritical, kFire, 1.0, 1.4,
             "MPa"},
            {"emergency-lighting", "应急照明、疏散指示完好", kPass, kMedium, kFire},
            {"no-unsafe-electrical", "无私拉乱接、无违规用电", kPass, kHigh, kElectrical},
            {"remarks", "备注", kText, kNone, kNoKind}}),
      Make("pre-meeting-check", "会前检查", "会议开始前对会场的检查",
           {{"sound", "音响、话筒正常", kPass, kMedium, kFault},
            {"lighting", "灯光正常", kPass, kLow, kFault},
            {"air-conditioning", "空调正常", kPass, kLow, kFault},
            {"seating", "座椅、桌牌摆放到位", kPass, kLow, kFault},
            {"no-water-leak", "无漏水、渗水", kPass, kHigh, kWater}}),
      Make("post-meeting-check", "会后检查", "会议结束后对会场的检查",
           {{"lost-property", "遗留物品（登记）", kText, kNone, kNoKind},
            {"equipment-off", "设备、电源已关闭", kPass, kMedium, kElectrical},
            {"windows-doors-locked", "门窗已关闭上锁", kPass, kHigh, kTheft}}),
      Make("quarterly-fire-inspection", "季度消防检查", "机关单位至少每季度开展一次防火检查",
           {{"fire-alarm", "火灾自动报警系统完好", kPass, kCritical, kFire},
            {"sprinklers", "自动喷水灭火系统完好", kPass, kCritical, kFire},
            {"hydrants", "消火栓完好、水压正常", kPass, kHigh, kFire},
            {"fire-doors", "防火门常闭、完好", kPass, kHigh, kFire},
            {"training-records", "消防培训记录齐全", kPass, kMedium, kFire},
            {"photo", "检查照片", kPhoto, kNone, kNoKind}}),
      Make("disinfection-record", "茶具消毒记录", "一会一消毒：每场会议后茶具消毒",
           {{"tea-sets-cleaned", "茶具清洗干净", kPass, kMedium, kFault},
            {"cabinet-minutes", "消毒时长", kNumber, kMedium, kFault, 15, 120, "分钟"},
            {"stored-clean", "消毒后保洁存放", kPass, kLow, kFault}}),
  };
}

std::vector<std::string> SeedBuildingIds() {
  std::vector<std::string> ids;
  for (const BuildingSeed& b : SeedBuildings()) ids.push_back(b.building_id);
  return ids;
}

}  // namespace huiwu::ctl
