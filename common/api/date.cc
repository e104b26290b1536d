#include "common/api/date.h"

#include "absl/strings/str_cat.h"

namespace huiwu::api {

std::optional<absl::CivilDay> ParseDate(FieldChecks& checks, absl::string_view field,
                                        const common::v1::Date& date) {
  FieldChecks own;
  own.Int(absl::StrCat(field, ".year"), date.year(), kMinYear, kMaxYear);
  own.Int(absl::StrCat(field, ".month"), date.month(), 1, 12);
  own.Int(absl::StrCat(field, ".day"), date.day(), 1, 31);
  if (!own.ok()) {
    checks.AddFrom(own.status());
    return std::nullopt;
  }
  // CivilDay normalizes 30 February to 2 March: a date that does not survive the trip
  // does not exist.
  const absl::CivilDay day(date.year(), date.month(), date.day());
  if (day.month() != date.month() || day.day() != date.day()) {
    checks.Add(absl::StrCat(field, ".day"),
               absl::StrCat(date.year(), "-", date.month(), " has no day ", date.day()));
    return std::nullopt;
  }
  return day;
}

}  // namespace huiwu::api
