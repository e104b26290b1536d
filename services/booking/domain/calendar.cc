#include "services/booking/domain/calendar.h"

namespace huiwu::booking {
namespace {

constexpr char kCenterZoneName[] = "Asia/Shanghai";
constexpr int kCenterUtcOffsetSeconds = 8 * 60 * 60;

absl::TimeZone LoadCenterTimeZone() {
  absl::TimeZone zone;
  if (absl::LoadTimeZone(kCenterZoneName, &zone)) return zone;
  return absl::FixedTimeZone(kCenterUtcOffsetSeconds);
}

}  // namespace

absl::TimeZone CenterTimeZone() {
  // Loaded once: the zone cannot change while the process runs.
  static const absl::TimeZone zone = LoadCenterTimeZone();
  return zone;
}

TimeWindow DayWindow(absl::CivilDay day, absl::TimeZone zone) {
  return TimeWindow{absl::FromCivil(day, zone), absl::FromCivil(day + 1, zone)};
}

absl::CivilDay WeekStart(absl::CivilDay day) {
  return absl::PrevWeekday(day + 1, absl::Weekday::monday);
}

TimeWindow WeekWindow(absl::CivilDay any_day_in_week, absl::TimeZone zone) {
  const absl::CivilDay monday = WeekStart(any_day_in_week);
  return TimeWindow{absl::FromCivil(monday, zone), absl::FromCivil(monday + 7, zone)};
}

absl::CivilDay LocalDayOf(absl::Time time, absl::TimeZone zone) {
  return absl::ToCivilDay(time, zone);
}

}  // namespace huiwu::booking
