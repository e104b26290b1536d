#include "common/server/data_access.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/server/authz_policy.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "google/protobuf/util/json_util.h"

namespace huiwu::server {
namespace {

absl::Status Invalid(absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("data access file: ", what));
}

bool AnyMatches(const google::protobuf::RepeatedPtrField<std::string>& patterns,
                absl::string_view principal) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    return MatchesPolicyPattern(pattern, principal);
  });
}

}  // namespace

absl::StatusOr<DataAccessPolicy> DataAccessPolicy::Parse(absl::string_view json) {
  DataAccessPolicy result;
  // Unknown fields are refused (the default): a misspelt key must not silently leave
  // every caller unrestricted.
  const auto parsed =
      google::protobuf::util::JsonStringToMessage(std::string(json), &result.policy_);
  if (!parsed.ok()) return Invalid(parsed.message().as_string());
  const common::v1::DataAccessPolicy& p = result.policy_;
  if (p.name().empty()) return Invalid("\"name\" is missing");
  absl::flat_hash_set<std::string> bound;
  for (int i = 0; i < p.units_size(); ++i) {
    const common::v1::UnitBinding& unit = p.units(i);
    const std::string where = absl::StrCat("units[", i, "]");
    if (unit.principal().empty()) return Invalid(absl::StrCat(where, " has no principal"));
    if (unit.organizer_unit().empty()) {
      return Invalid(absl::StrCat(where, " has no organizer_unit"));
    }
    if (!bound.insert(unit.principal()).second) {
      return Invalid(absl::StrCat(where, ": ", unit.principal(), " is bound twice"));
    }
    if (!AnyMatches(p.unit_bound_principals(), unit.principal())) {
      return Invalid(absl::StrCat(where, ": ", unit.principal(),
                                  " is not among unit_bound_principals, so its binding would "
                                  "not restrict it"));
    }
  }
  return result;
}

absl::StatusOr<CallerAccess> DataAccessPolicy::For(absl::string_view principal) const {
  CallerAccess access;
  access.personal_data = AnyMatches(policy_.personal_data_principals(), principal);
  access.confidential = AnyMatches(policy_.confidential_principals(), principal);
  access.sign_in_without_code = AnyMatches(policy_.sign_in_without_code_principals(), principal);
  if (!AnyMatches(policy_.unit_bound_principals(), principal)) return access;
  for (const common::v1::UnitBinding& unit : policy_.units()) {
    if (unit.principal() == principal) {
      access.organizer_unit = unit.organizer_unit();
      return access;
    }
  }
  return ErrorWithReason(
      absl::StatusCode::kPermissionDenied, "NO_ORGANIZER_UNIT",
      absl::StrCat(Shorten(principal, 200),
                   " acts for an organizer unit, but the data access file (", policy_.name(),
                   ") binds it to none; an admin adds it to \"units\""),
      {{"caller", std::string(principal)}});
}

}  // namespace huiwu::server
