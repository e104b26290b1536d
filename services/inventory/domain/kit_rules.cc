#include "services/inventory/domain/kit_rules.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"

namespace huiwu::inventory {

std::vector<ItemQuantity> KitQuantities(const KitTemplate& kit_template, int participants) {
  std::vector<ItemQuantity> result;
  for (const KitTemplateLine& line : kit_template.lines) {
    const int64_t quantity = line.per_participant * participants + line.fixed;
    if (quantity > 0) result.push_back({line.item_id, quantity});
  }
  std::sort(result.begin(), result.end(),
            [](const ItemQuantity& a, const ItemQuantity& b) { return a.item_id < b.item_id; });
  return result;
}

std::optional<KitTemplate> ChooseTemplate(const std::vector<KitTemplate>& templates,
                                          MeetingKind kind, int participants) {
  std::optional<KitTemplate> best;
  for (const KitTemplate& t : templates) {
    if (t.meeting_kind != kind || participants < t.min_participants ||
        participants > t.max_participants) {
      continue;
    }
    const int width = t.max_participants - t.min_participants;
    if (!best.has_value() || width < best->max_participants - best->min_participants ||
        (width == best->max_participants - best->min_participants && t.id < best->id)) {
      best = t;
    }
  }
  return best;
}

absl::Status CheckKitAction(KitState state, KitAction action, absl::string_view kit_name) {
  const ErrorMetadata metadata = {{"kit", std::string(kit_name)}};
  if (state == KitState::kSettled || state == KitState::kReleased) {
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "KIT_CLOSED",
        absl::StrCat(kit_name, " is already ", state == KitState::kSettled ? "settled" : "released",
                     "; nothing more can change it"),
        metadata);
  }
  switch (action) {
    case KitAction::kIssue:
      if (state == KitState::kReserved) return absl::OkStatus();
      return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "KIT_NOT_RESERVED",
                             absl::StrCat(kit_name,
                                          " was already issued; settle it after the "
                                          "meeting or release it if cancelled"),
                             metadata);
    case KitAction::kSettle:
      if (state == KitState::kIssued) return absl::OkStatus();
      return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "KIT_NOT_ISSUED",
                             absl::StrCat(kit_name,
                                          " was not issued yet; issue it first, or "
                                          "release it if the meeting was cancelled"),
                             metadata);
    case KitAction::kRelease:
    case KitAction::kComplete:
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

absl::Status SettleLines(const std::vector<ItemQuantity>& consumed, std::vector<KitLine>& lines) {
  std::map<std::string, int64_t> used;
  for (const ItemQuantity& q : consumed) used[q.item_id] += q.quantity;
  ErrorMetadata too_much;
  for (KitLine& line : lines) {
    auto it = used.find(line.item_id);
    const int64_t consumed_here = it == used.end() ? 0 : it->second;
    if (it != used.end()) used.erase(it);
    if (consumed_here > line.issued) {
      too_much[absl::StrCat("items/", line.item_id)] =
          absl::StrCat(consumed_here, " > ", line.issued);
      continue;
    }
    line.consumed = consumed_here;
    line.returned = line.issued - consumed_here;
  }
  for (const auto& [item, quantity] : used) {
    too_much[absl::StrCat("items/", item)] = absl::StrCat(quantity, " > 0");
  }
  if (too_much.empty()) return absl::OkStatus();
  std::vector<std::string> names;
  for (const auto& [name, text] : too_much) names.push_back(absl::StrCat(name, " ", text));
  return ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "CONSUMED_MORE_THAN_ISSUED",
      absl::StrCat("a kit cannot consume more than was issued; correct the consumed quantities: ",
                   JoinFirst(names, 8)),
      too_much);
}

}  // namespace huiwu::inventory
