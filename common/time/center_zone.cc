#include "common/time/center_zone.h"

namespace huiwu {
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

absl::CivilDay CenterWeekStart(absl::CivilDay day) {
  return absl::PrevWeekday(day + 1, absl::Weekday::monday);
}

}  // namespace huiwu
