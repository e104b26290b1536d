// Resource names of the inventory API and how they are checked. Locations are the
// central store `locations/central-store` and each room's cabinet, named as booking
// names the room (`buildings/{building}/rooms/{room}`); inventory never reads booking's
// tables, so any well-formed room name is a location.
#ifndef HUIWU_SERVICES_INVENTORY_API_NAMES_H_
#define HUIWU_SERVICES_INVENTORY_API_NAMES_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/api/field_checks.h"

namespace huiwu::inventory {

inline constexpr char kCentralStore[] = "locations/central-store";
inline constexpr char kErrorDomain[] = "inventory.huiwu";

struct RoomRef {
  std::string building_id;
  std::string room_id;
  std::string name() const;
};

struct KeyRef {
  std::string building_id;
  std::string room_id;
  std::string key_id;
};

std::string ItemName(absl::string_view item_id);
std::string MeetingName(absl::string_view meeting_id);
std::string KitName(absl::string_view meeting_id);
std::string KitTemplateName(absl::string_view template_id);
std::string StocktakeName(absl::string_view stocktake_id);
std::string ReplenishmentName(absl::string_view replenishment_id);
std::string MovementName(int64_t movement_id);
std::string KeyName(absl::string_view building_id, absl::string_view room_id,
                    absl::string_view key_id);

// Each returns nullopt after adding a violation naming `field` to `checks`.
std::optional<std::string> ParseItemName(api::FieldChecks& checks, absl::string_view field,
                                         absl::string_view name);
// The canonical location name.
std::optional<std::string> ParseLocation(api::FieldChecks& checks, absl::string_view field,
                                         absl::string_view name);
std::optional<RoomRef> ParseRoom(api::FieldChecks& checks, absl::string_view field,
                                 absl::string_view name);
std::optional<std::string> ParseMeetingName(api::FieldChecks& checks, absl::string_view field,
                                            absl::string_view name);
std::optional<std::string> ParseKitName(api::FieldChecks& checks, absl::string_view field,
                                        absl::string_view name);
std::optional<std::string> ParseKitTemplateName(api::FieldChecks& checks, absl::string_view field,
                                                absl::string_view name);
std::optional<std::string> ParseStocktakeName(api::FieldChecks& checks, absl::string_view field,
                                              absl::string_view name);
std::optional<std::string> ParseReplenishmentName(api::FieldChecks& checks, absl::string_view field,
                                                  absl::string_view name);
std::optional<KeyRef> ParseKeyName(api::FieldChecks& checks, absl::string_view field,
                                   absl::string_view name);
// `staff/{staff}` as the staffing service names its people (a resource id, e.g. f-012).
std::optional<std::string> ParseStaffName(api::FieldChecks& checks, absl::string_view field,
                                          absl::string_view name);

// An etag field: empty, or at most 64 characters (longer is no etag of ours).
void CheckEtagField(api::FieldChecks& checks, absl::string_view field, absl::string_view etag);

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_API_NAMES_H_
