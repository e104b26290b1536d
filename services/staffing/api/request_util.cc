#include "services/staffing/api/request_util.h"

#include "absl/strings/str_cat.h"
#include "common/api/resource_name.h"
#include "common/api/timestamp.h"

namespace huiwu::staffing {

std::optional<Role> RequiredRole(api::FieldChecks& checks, absl::string_view field, int value) {
  checks.Enum(field, value, v1::Role_IsValid, /*allow_unspecified=*/false);
  if (!v1::Role_IsValid(value) || value == 0) return std::nullopt;
  return static_cast<Role>(value);
}

std::optional<Role> OptionalRole(api::FieldChecks& checks, absl::string_view field, int value) {
  checks.Enum(field, value, v1::Role_IsValid, /*allow_unspecified=*/true);
  if (!v1::Role_IsValid(value) || value == 0) return std::nullopt;
  return static_cast<Role>(value);
}

std::string OneId(api::FieldChecks& checks, absl::string_view field, absl::string_view name,
                  absl::string_view pattern, bool allow_wildcard) {
  auto ids = api::ParseResourceName(field, name, pattern, allow_wildcard);
  if (!ids.ok()) {
    checks.AddFrom(ids.status());
    return "";
  }
  return (*ids)[0];
}

}  // namespace huiwu::staffing
