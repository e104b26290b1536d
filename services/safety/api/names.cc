#include "services/safety/api/names.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/api/resource_name.h"
#include "common/api/timestamp.h"
#include "common/status/status_macros.h"

namespace huiwu::safety {
namespace {

constexpr absl::string_view kBuildingPattern = "buildings/{building}";
constexpr absl::string_view kRoomPattern = "buildings/{building}/rooms/{room}";
constexpr int kMaxEtag = 64;

}  // namespace

absl::StatusOr<Place> ParsePlace(absl::string_view field, absl::string_view name) {
  if (absl::StrContains(name, "/rooms/")) return ParseRoom(field, name);
  auto building = api::ParseResourceName(field, name, kBuildingPattern);
  if (!building.ok()) {
    return InvalidFieldError(
        field,
        "must be buildings/{building} or buildings/{building}/rooms/{room}, e.g. "
        "buildings/city-hall/rooms/301");
  }
  return Place{(*building)[0], ""};
}

absl::StatusOr<Place> ParseRoom(absl::string_view field, absl::string_view name) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids, api::ParseResourceName(field, name, kRoomPattern));
  return Place{ids[0], ids[1]};
}

std::string PlaceName(const Place& place) {
  if (!place.is_room()) return absl::StrCat("buildings/", place.building_id);
  return absl::StrCat("buildings/", place.building_id, "/rooms/", place.room_id);
}

absl::StatusOr<std::string> ParseId(absl::string_view field, absl::string_view name,
                                    absl::string_view collection) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids,
                   api::ParseResourceName(field, name, absl::StrCat(collection, "/{id}")));
  return ids[0];
}

std::string CheckStaff(api::FieldChecks& checks, absl::string_view field, absl::string_view name) {
  auto ids = api::ParseResourceName(field, name, "staff/{staff}");
  if (!ids.ok())
    checks.Add(field,
               "must be staff/{staff} as the staffing service names its people, e.g. staff/f-012");
  return std::string(name);
}

void CheckEtagField(api::FieldChecks& checks, absl::string_view field, absl::string_view etag) {
  if (etag.size() > kMaxEtag) {
    checks.Add(field, "not an etag of this service; pass the etag you read, or leave it empty");
  }
}

}  // namespace huiwu::safety
