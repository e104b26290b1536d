#include "services/booking/domain/calendar.h"

namespace huiwu::booking {

TimeWindow DayWindow(absl::CivilDay day, absl::TimeZone zone) {
  return TimeWindow{absl::FromCivil(day, zone), absl::FromCivil(day + 1, zone)};
}

TimeWindow WeekWindow(absl::CivilDay any_day_in_week, absl::TimeZone zone) {
  const absl::CivilDay monday = CenterWeekStart(any_day_in_week);
  return TimeWindow{absl::FromCivil(monday, zone), absl::FromCivil(monday + 7, zone)};
}

absl::CivilDay LocalDayOf(absl::Time time, absl::TimeZone zone) {
  return absl::ToCivilDay(time, zone);
}

}  // namespace huiwu::booking
