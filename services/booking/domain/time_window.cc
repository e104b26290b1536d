#include "services/booking/domain/time_window.h"

#include <algorithm>

namespace huiwu::booking {

std::ostream& operator<<(std::ostream& os, const TimeWindow& window) {
  return os << "[" << absl::FormatTime(absl::RFC3339_full, window.start, absl::UTCTimeZone())
            << ", " << absl::FormatTime(absl::RFC3339_full, window.end, absl::UTCTimeZone()) << ")";
}

bool Overlaps(const TimeWindow& a, const TimeWindow& b) {
  return a.start < b.end && b.start < a.end;
}

bool Covers(const TimeWindow& outer, const TimeWindow& inner) {
  return outer.start <= inner.start && inner.end <= outer.end;
}

TimeWindow OccupancyOf(TimeWindow meeting, absl::Duration setup, absl::Duration cleanup) {
  return TimeWindow{meeting.start - std::max(setup, absl::ZeroDuration()),
                    meeting.end + std::max(cleanup, absl::ZeroDuration())};
}

}  // namespace huiwu::booking
