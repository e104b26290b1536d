#include "services/staffing/api/request_util.h"

#include "absl/strings/str_cat.h"
#include "common/api/resource_name.h"
#include "common/api/timestamp.h"

namespace huiwu::staffing {
namespace {

const absl::Time kEarliest = absl::FromCivil(absl::CivilDay(2000, 1, 1), absl::UTCTimeZone());
const absl::Time kLatest = absl::FromCivil(absl::CivilDay(2200, 1, 1), absl::UTCTimeZone());

}  // namespace

std::optional<absl::Time> RequiredTime(api::FieldChecks& checks, absl::string_view field,
                                       bool present, const google::protobuf::Timestamp& time) {
  if (!present) {
    checks.Add(field, "required; give a timestamp");
    return std::nullopt;
  }
  if (time.nanos() < 0 || time.nanos() > 999'999'999) {
    checks.Add(field, "nanos must be 0–999999999");
    return std::nullopt;
  }
  const absl::Time t = api::FromTimestamp(time);
  if (t < kEarliest || t >= kLatest) {
    checks.Add(field, "out of range: must be in the years 2000–2199");
    return std::nullopt;
  }
  return absl::FromUnixMicros(absl::ToUnixMicros(t));
}

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
