#include "services/booking/domain/organizer_scope.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace huiwu::booking {

absl::Status CheckActsFor(absl::string_view field, absl::string_view organizer_unit,
                          absl::string_view scope) {
  if (scope.empty() || organizer_unit == scope) return absl::OkStatus();
  return ErrorWithReason(absl::StatusCode::kPermissionDenied, "OTHER_ORGANIZER_UNIT",
                         absl::StrCat(field, ": this system acts for ", scope,
                                      " and may not name another organizer unit"),
                         {{"field", std::string(field)}, {"organizer_unit", std::string(scope)}});
}

std::optional<std::string> ScopedUnitFilter(absl::string_view asked, absl::string_view scope) {
  if (scope.empty()) return std::string(asked);
  if (!asked.empty() && asked != scope) return std::nullopt;
  return std::string(scope);
}

absl::Status CheckCenterWide(absl::string_view what, absl::string_view scope) {
  if (scope.empty()) return absl::OkStatus();
  return ErrorWithReason(absl::StatusCode::kPermissionDenied, "CENTER_WIDE_VIEW",
                         absl::StrCat(what, " shows every unit's meetings; this system acts for ",
                                      scope, " alone: list its meetings with ListMeetings"),
                         {{"organizer_unit", std::string(scope)}});
}

}  // namespace huiwu::booking
