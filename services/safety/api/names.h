// Resource names of the safety API: places (a building or a room, named as booking
// names them), staff, and safety's own resources.
#ifndef HUIWU_SERVICES_SAFETY_API_NAMES_H_
#define HUIWU_SERVICES_SAFETY_API_NAMES_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/api/field_checks.h"
#include "google/protobuf/timestamp.pb.h"
#include "services/safety/domain/place.h"

namespace huiwu::safety {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 200;

// `buildings/{building}` or `buildings/{building}/rooms/{room}`.
absl::StatusOr<Place> ParsePlace(absl::string_view field, absl::string_view name);
absl::StatusOr<Place> ParseRoom(absl::string_view field, absl::string_view name);
std::string PlaceName(const Place& place);

// The id of `{collection}/{id}`, e.g. ParseId("name", "hazards/…", "hazards").
absl::StatusOr<std::string> ParseId(absl::string_view field, absl::string_view name,
                                    absl::string_view collection);

// Adds a violation unless `name` is `staff/{staff}`; returns it unchanged.
std::string CheckStaff(api::FieldChecks& checks, absl::string_view field, absl::string_view name);

// An etag is "N" quoted; anything longer than any etag is refused as a typo.
void CheckEtagField(api::FieldChecks& checks, absl::string_view field, absl::string_view etag);

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_API_NAMES_H_
