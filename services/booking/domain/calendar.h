// The center's calendar. Times are UTC on the wire and in the database; the days and
// weeks of the daily service notice (每日服务通知) and the weekly brief (每周业务简报) are
// the center's local days and weeks, in Asia/Shanghai, weeks starting on Monday.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_CALENDAR_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_CALENDAR_H_

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/booking/domain/time_window.h"

namespace huiwu::booking {

// Asia/Shanghai from the system's time-zone database; UTC+8 when that database is
// missing (a slim container image). The two agree for every date the center books:
// China has kept UTC+8 without daylight saving time since 1991.
absl::TimeZone CenterTimeZone();

// The local day `day` in `zone`: [its midnight, the next midnight).
TimeWindow DayWindow(absl::CivilDay day, absl::TimeZone zone);

// The Monday on or before `day`: the first day of its week.
absl::CivilDay WeekStart(absl::CivilDay day);

// The local week (Monday 00:00 to the next Monday 00:00) that contains `any_day_in_week`.
TimeWindow WeekWindow(absl::CivilDay any_day_in_week, absl::TimeZone zone);

// The local day an instant falls on; a meeting belongs to the day of its start.
absl::CivilDay LocalDayOf(absl::Time time, absl::TimeZone zone);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_CALENDAR_H_
