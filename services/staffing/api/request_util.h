// Field checks shared by staffing's request parsers.
#ifndef HUIWU_SERVICES_STAFFING_API_REQUEST_UTIL_H_
#define HUIWU_SERVICES_STAFFING_API_REQUEST_UTIL_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/api/field_checks.h"
#include "google/protobuf/timestamp.pb.h"
#include "huiwu/staffing/v1/staff.pb.h"
#include "services/staffing/domain/staff.h"

namespace huiwu::staffing {

// A required role (not UNSPECIFIED); nullopt with a violation otherwise.
std::optional<Role> RequiredRole(api::FieldChecks& checks, absl::string_view field, int value);
// An optional role: nullopt for UNSPECIFIED (a violation for an unknown value).
std::optional<Role> OptionalRole(api::FieldChecks& checks, absl::string_view field, int value);

// The id of `name` matching `pattern` with one id, or "" with a violation.
std::string OneId(api::FieldChecks& checks, absl::string_view field, absl::string_view name,
                  absl::string_view pattern, bool allow_wildcard = false);

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_API_REQUEST_UTIL_H_
