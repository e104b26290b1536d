// The center's calendar. Times are UTC on the wire and in the database; the days and
// weeks of the daily service notice (每日服务通知) and the weekly brief (每周业务简报) are
// the center's local days and weeks, in Asia/Shanghai, weeks starting on Monday.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_CALENDAR_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_CALENDAR_H_

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/time/center_zone.h"
#include "services/booking/domain/time_window.h"

namespace huiwu::booking {

// The center's zone and the first day of a week: huiwu::CenterTimeZone() and
// huiwu::CenterWeekStart() (common/time/center_zone.h), shared by every service.

// The local day `day` in `zone`: [its midnight, the next midnight).
TimeWindow DayWindow(absl::CivilDay day, absl::TimeZone zone);

// The local week (Monday 00:00 to the next Monday 00:00) that contains `any_day_in_week`.
TimeWindow WeekWindow(absl::CivilDay any_day_in_week, absl::TimeZone zone);

// The local day an instant falls on; a meeting belongs to the day of its start.
absl::CivilDay LocalDayOf(absl::Time time, absl::TimeZone zone);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_CALENDAR_H_
