// A meeting's kit follows its meeting through booking's events (DESIGN §2): reserved when
// the meeting is confirmed, moved with it, released when it is cancelled, settled when
// it ends. These rules decide what changes; the store applies them in one transaction.
#ifndef HUIWU_SERVICES_INVENTORY_DOMAIN_MEETING_KIT_RULES_H_
#define HUIWU_SERVICES_INVENTORY_DOMAIN_MEETING_KIT_RULES_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/inventory/domain/types.h"

namespace huiwu::inventory {

// An item of a kit that stock could not cover (不足).
struct KitShortage {
  std::string item_id;
  int64_t needed = 0;
  int64_t reserved = 0;
  int64_t missing() const { return needed - reserved; }
};

// The lines reserved below their need while the kit still holds stock (reserved or
// issued), by item; none once it is settled or released (nothing is pending any more).
std::vector<KitShortage> ShortLines(const Kit& kit);

// Where a kit's stock comes from after its meeting moved to `new_room`: a kit drawn from
// the room's own cabinet follows to the new room's cabinet (what is in the room need not
// be carried); one drawn from elsewhere (the central store) keeps its source.
std::string SourceAfterMove(const Kit& kit, absl::string_view new_room);

// Whether `kit_template` is a norm for this kind and size of meeting.
bool TemplateFits(const KitTemplate& kit_template, MeetingKind kind, int participants);

// The norm a kit holds now: its needed units per item.
std::vector<ItemQuantity> NeededLines(const Kit& kit);

// How one item's reservation changes.
struct LineChange {
  std::string item_id;
  int64_t needed = 0;   // the new norm; 0: the item leaves the kit
  int64_t keep = 0;     // units of the current reservation that stay
  int64_t release = 0;  // units given back at the old source
  int64_t reserve = 0;  // units to add at the (new) source, as many as are available
};

// The changes that take a reserved kit's `current` lines to the `target` norm, by item.
// When the source moved, everything is given back at the old source and the whole norm
// is reserved at the new one. Otherwise what is still needed stays, the surplus is given
// back, and what is missing — newly, or already short before — is reserved if it can be.
std::vector<LineChange> PlanReservation(const std::vector<KitLine>& current,
                                        const std::vector<ItemQuantity>& target, bool source_moved);

// Whether the meeting details a kit keeps (kind, size, room, organizer unit, window)
// differ between `a` and `b`.
bool MeetingDetailsDiffer(const Kit& a, const Kit& b);

// Settles, at the meeting's completion, a kit nobody settled by hand, so that the center
// still knows what each meeting used: what was handed out — the issued units, or the
// reserved units of a kit never issued (the room's cabinet was used in place) — counts
// as consumed, less anything already returned, except items that come back by nature
// (reusables such as tea sets and nameplate holders, and equipment), which are returned
// whole. Rentals (flowers) count as used by the meeting; an item whose category is not
// in `categories` counts as a consumable. Sets issued, consumed and returned of every
// line. A count made by hand (SettleKit before the completion) always wins over this.
void SettleOnCompletion(bool was_issued, const std::map<std::string, ItemCategory>& categories,
                        std::vector<KitLine>& lines);

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_DOMAIN_MEETING_KIT_RULES_H_
