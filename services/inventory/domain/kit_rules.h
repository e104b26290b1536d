// Meeting kits: the norm from a template, and what settling splits into consumed and
// returned (know exactly what each meeting used: 勤俭节约).
#ifndef HUIWU_SERVICES_INVENTORY_DOMAIN_KIT_RULES_H_
#define HUIWU_SERVICES_INVENTORY_DOMAIN_KIT_RULES_H_

#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/inventory/domain/types.h"

namespace huiwu::inventory {

// The kit a template prescribes for `participants`: per_participant × participants +
// fixed per item, lines of zero left out, by item.
std::vector<ItemQuantity> KitQuantities(const KitTemplate& kit_template, int participants);

// The template for the kind whose size range holds `participants` (the narrowest when
// several do), or nullopt.
std::optional<KitTemplate> ChooseTemplate(const std::vector<KitTemplate>& templates,
                                          MeetingKind kind, int participants);

// The actions a kit goes through. kComplete is the meeting's completion settling a kit
// nobody settled by hand (meeting_kit_rules.h): from RESERVED or ISSUED.
enum class KitAction { kIssue, kSettle, kRelease, kComplete };

// OK when `action` is allowed in `state`; else FAILED_PRECONDITION, reason
// KIT_NOT_RESERVED / KIT_NOT_ISSUED / KIT_CLOSED, saying what is possible instead.
absl::Status CheckKitAction(KitState state, KitAction action, absl::string_view kit_name);

// Fills consumed and returned of every line of an issued kit from what was consumed:
// consumed as given (0 for items not listed), returned = issued − consumed.
// FAILED_PRECONDITION, reason CONSUMED_MORE_THAN_ISSUED, for a consumption above what
// was issued or of an item not in the kit (metadata per item).
absl::Status SettleLines(const std::vector<ItemQuantity>& consumed, std::vector<KitLine>& lines);

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_DOMAIN_KIT_RULES_H_
