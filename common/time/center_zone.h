// The center's time zone. Times are UTC on the wire and in the database; the days and
// weeks people work and report in are the center's local ones, in Asia/Shanghai,
// weeks starting on Monday. Abseil only, so every service's domain code can use it.
#ifndef HUIWU_COMMON_TIME_CENTER_ZONE_H_
#define HUIWU_COMMON_TIME_CENTER_ZONE_H_

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace huiwu {

// Asia/Shanghai from the system's time-zone database; UTC+8 when that database is
// missing (a slim container image). The two agree for every date the center works:
// China has kept UTC+8 without daylight saving time since 1991.
absl::TimeZone CenterTimeZone();

// The Monday on or before `day`: the first day of its week.
absl::CivilDay CenterWeekStart(absl::CivilDay day);

}  // namespace huiwu

#endif  // HUIWU_COMMON_TIME_CENTER_ZONE_H_
