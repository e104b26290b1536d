#include "common/api/resource_name.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/field_checks.h"
#include "common/status/errors.h"

namespace huiwu::api {

absl::StatusOr<std::vector<std::string>> ParseResourceName(absl::string_view field,
                                                           absl::string_view name,
                                                           absl::string_view pattern,
                                                           bool allow_wildcard) {
  auto malformed = [&] {
    return InvalidFieldError(field, absl::StrCat("must be a resource name of the form ", pattern,
                                                 name.empty() ? " (it is empty)" : ""));
  };
  if (name.size() > 500) return malformed();
  std::vector<absl::string_view> name_parts = absl::StrSplit(name, '/');
  std::vector<absl::string_view> pattern_parts = absl::StrSplit(pattern, '/');
  if (name_parts.size() != pattern_parts.size()) return malformed();
  std::vector<std::string> ids;
  for (size_t i = 0; i < pattern_parts.size(); ++i) {
    const bool is_variable = absl::StartsWith(pattern_parts[i], "{");
    if (!is_variable) {
      if (name_parts[i] != pattern_parts[i]) return malformed();
      continue;
    }
    if (!(IsResourceId(name_parts[i]) || (allow_wildcard && name_parts[i] == "-"))) {
      return InvalidFieldError(
          field,
          absl::StrCat("must be a resource name of the form ", pattern, "; ", pattern_parts[i],
                       " must be 1–63 of a-z, 0-9 and '-', starting and ending with a "
                       "letter or digit"));
    }
    ids.emplace_back(name_parts[i]);
  }
  return ids;
}

}  // namespace huiwu::api
