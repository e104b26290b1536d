#include "services/inventory/api/names.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/api/resource_name.h"

namespace huiwu::inventory {
namespace {

std::optional<std::vector<std::string>> Parse(api::FieldChecks& checks, absl::string_view field,
                                              absl::string_view name, absl::string_view pattern) {
  auto ids = api::ParseResourceName(field, name, pattern);
  if (!ids.ok()) {
    checks.AddFrom(ids.status());
    return std::nullopt;
  }
  return *std::move(ids);
}

std::optional<std::string> ParseOne(api::FieldChecks& checks, absl::string_view field,
                                    absl::string_view name, absl::string_view pattern) {
  auto ids = Parse(checks, field, name, pattern);
  if (!ids.has_value()) return std::nullopt;
  return (*ids)[0];
}

}  // namespace

std::string RoomRef::name() const {
  return absl::StrCat("buildings/", building_id, "/rooms/", room_id);
}

std::string ItemName(absl::string_view item_id) { return absl::StrCat("items/", item_id); }
std::string MeetingName(absl::string_view meeting_id) {
  return absl::StrCat("meetings/", meeting_id);
}
std::string KitName(absl::string_view meeting_id) {
  return absl::StrCat("meetings/", meeting_id, "/kit");
}
std::string KitTemplateName(absl::string_view template_id) {
  return absl::StrCat("kitTemplates/", template_id);
}
std::string StocktakeName(absl::string_view stocktake_id) {
  return absl::StrCat("stocktakes/", stocktake_id);
}
std::string ReplenishmentName(absl::string_view replenishment_id) {
  return absl::StrCat("replenishmentRequests/", replenishment_id);
}
std::string MovementName(int64_t movement_id) { return absl::StrCat("movements/", movement_id); }
std::string KeyName(absl::string_view building_id, absl::string_view room_id,
                    absl::string_view key_id) {
  return absl::StrCat("buildings/", building_id, "/rooms/", room_id, "/keys/", key_id);
}

std::optional<std::string> ParseItemName(api::FieldChecks& checks, absl::string_view field,
                                         absl::string_view name) {
  return ParseOne(checks, field, name, "items/{item}");
}

std::optional<std::string> ParseLocation(api::FieldChecks& checks, absl::string_view field,
                                         absl::string_view name) {
  if (name == kCentralStore) return std::string(kCentralStore);
  if (absl::StartsWith(name, "buildings/")) {
    auto room = ParseRoom(checks, field, name);
    if (!room.has_value()) return std::nullopt;
    return room->name();
  }
  checks.Add(field, absl::StrCat("must be ", kCentralStore,
                                 " or a room's cabinet, buildings/{building}/rooms/{room}",
                                 name.empty() ? " (it is empty)" : ""));
  return std::nullopt;
}

std::optional<RoomRef> ParseRoom(api::FieldChecks& checks, absl::string_view field,
                                 absl::string_view name) {
  auto ids = Parse(checks, field, name, "buildings/{building}/rooms/{room}");
  if (!ids.has_value()) return std::nullopt;
  return RoomRef{(*ids)[0], (*ids)[1]};
}

std::optional<std::string> ParseMeetingName(api::FieldChecks& checks, absl::string_view field,
                                            absl::string_view name) {
  return ParseOne(checks, field, name, "meetings/{meeting}");
}

std::optional<std::string> ParseKitName(api::FieldChecks& checks, absl::string_view field,
                                        absl::string_view name) {
  return ParseOne(checks, field, name, "meetings/{meeting}/kit");
}

std::optional<std::string> ParseKitTemplateName(api::FieldChecks& checks, absl::string_view field,
                                                absl::string_view name) {
  return ParseOne(checks, field, name, "kitTemplates/{kit_template}");
}

std::optional<std::string> ParseStocktakeName(api::FieldChecks& checks, absl::string_view field,
                                              absl::string_view name) {
  return ParseOne(checks, field, name, "stocktakes/{stocktake}");
}

std::optional<std::string> ParseReplenishmentName(api::FieldChecks& checks, absl::string_view field,
                                                  absl::string_view name) {
  return ParseOne(checks, field, name, "replenishmentRequests/{replenishment_request}");
}

std::optional<KeyRef> ParseKeyName(api::FieldChecks& checks, absl::string_view field,
                                   absl::string_view name) {
  auto ids = Parse(checks, field, name, "buildings/{building}/rooms/{room}/keys/{key}");
  if (!ids.has_value()) return std::nullopt;
  return KeyRef{(*ids)[0], (*ids)[1], (*ids)[2]};
}

std::optional<std::string> ParseStaffName(api::FieldChecks& checks, absl::string_view field,
                                          absl::string_view name) {
  constexpr absl::string_view kPrefix = "staff/";
  const absl::string_view id =
      absl::StartsWith(name, kPrefix) ? name.substr(kPrefix.size()) : absl::string_view();
  if (!api::IsResourceId(id)) {
    checks.Add(field,
               "must be staff/{staff} as the staffing service names its people, e.g. "
               "staff/f-012");
    return std::nullopt;
  }
  return std::string(name);
}

void CheckEtagField(api::FieldChecks& checks, absl::string_view field, absl::string_view etag) {
  if (etag.size() > 64) checks.Add(field, "not an etag of this service; pass the etag you read");
}

}  // namespace huiwu::inventory
