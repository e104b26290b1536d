// huiwu.common.v1.Date → absl::CivilDay, checked: years 2000–2200 and a day the month has.
#ifndef HUIWU_COMMON_API_DATE_H_
#define HUIWU_COMMON_API_DATE_H_

#include <optional>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "common/api/field_checks.h"
#include "huiwu/common/v1/date.pb.h"

namespace huiwu::api {

inline constexpr int kMinYear = 2000;
inline constexpr int kMaxYear = 2200;

// The date, or nullopt with violations naming `field`.year, .month or .day added.
std::optional<absl::CivilDay> ParseDate(FieldChecks& checks, absl::string_view field,
                                        const common::v1::Date& date);

}  // namespace huiwu::api

#endif  // HUIWU_COMMON_API_DATE_H_
