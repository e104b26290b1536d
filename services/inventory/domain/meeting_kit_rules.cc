#include "services/inventory/domain/meeting_kit_rules.h"

#include <algorithm>

namespace huiwu::inventory {

std::vector<KitShortage> ShortLines(const Kit& kit) {
  std::vector<KitShortage> result;
  if (kit.state != KitState::kReserved && kit.state != KitState::kIssued) return result;
  for (const KitLine& line : kit.lines) {
    if (line.needed > line.quantity) result.push_back({line.item_id, line.needed, line.quantity});
  }
  std::sort(result.begin(), result.end(),
            [](const KitShortage& a, const KitShortage& b) { return a.item_id < b.item_id; });
  return result;
}

std::string SourceAfterMove(const Kit& kit, absl::string_view new_room) {
  if (kit.source_location == kit.room) return std::string(new_room);
  return kit.source_location;
}

bool TemplateFits(const KitTemplate& kit_template, MeetingKind kind, int participants) {
  return kit_template.meeting_kind == kind && participants >= kit_template.min_participants &&
         participants <= kit_template.max_participants;
}

std::vector<ItemQuantity> NeededLines(const Kit& kit) {
  std::vector<ItemQuantity> result;
  for (const KitLine& line : kit.lines) {
    if (line.needed > 0) result.push_back({line.item_id, line.needed});
  }
  std::sort(result.begin(), result.end(),
            [](const ItemQuantity& a, const ItemQuantity& b) { return a.item_id < b.item_id; });
  return result;
}

std::vector<LineChange> PlanReservation(const std::vector<KitLine>& current,
                                        const std::vector<ItemQuantity>& target,
                                        bool source_moved) {
  std::map<std::string, LineChange> changes;
  std::map<std::string, int64_t> held;
  for (const KitLine& line : current) {
    held[line.item_id] += line.quantity;
    changes[line.item_id].item_id = line.item_id;
  }
  for (const ItemQuantity& want : target) {
    LineChange& change = changes[want.item_id];
    change.item_id = want.item_id;
    change.needed += want.quantity;
  }
  std::vector<LineChange> result;
  for (auto& [item, change] : changes) {
    const int64_t now_held = held[item];
    change.keep = source_moved ? 0 : std::min(now_held, change.needed);
    change.release = now_held - change.keep;
    change.reserve = change.needed - change.keep;
    result.push_back(change);
  }
  return result;
}

bool MeetingDetailsDiffer(const Kit& a, const Kit& b) {
  return a.meeting_kind != b.meeting_kind || a.participant_count != b.participant_count ||
         a.room != b.room || a.organizer_unit != b.organizer_unit || a.start_time != b.start_time ||
         a.end_time != b.end_time;
}

void SettleOnCompletion(bool was_issued, const std::map<std::string, ItemCategory>& categories,
                        std::vector<KitLine>& lines) {
  for (KitLine& line : lines) {
    const int64_t handed_out = was_issued ? line.issued : line.quantity;
    auto category = categories.find(line.item_id);
    const bool comes_back =
        category != categories.end() && (category->second == ItemCategory::kReusable ||
                                         category->second == ItemCategory::kEquipment);
    line.issued = handed_out;
    const int64_t returned = comes_back ? handed_out : std::min(line.returned, handed_out);
    line.returned = returned;
    line.consumed = handed_out - returned;
  }
}

}  // namespace huiwu::inventory
