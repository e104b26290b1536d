// AIP-122 resource names, e.g. "buildings/{building}/rooms/{room}".
#ifndef HUIWU_COMMON_API_RESOURCE_NAME_H_
#define HUIWU_COMMON_API_RESOURCE_NAME_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace huiwu::api {

// Matches `name` against `pattern` ("buildings/{building}/rooms/{room}") and returns the
// ids in order. INVALID_ARGUMENT naming `field` when it does not match or an id is not
// a valid resource id. With `allow_wildcard`, an id may be "-" (AIP-159: any).
absl::StatusOr<std::vector<std::string>> ParseResourceName(absl::string_view field,
                                                           absl::string_view name,
                                                           absl::string_view pattern,
                                                           bool allow_wildcard = false);

}  // namespace huiwu::api

#endif  // HUIWU_COMMON_API_RESOURCE_NAME_H_
