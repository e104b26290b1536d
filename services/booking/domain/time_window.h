// A span of time a meeting takes, and the span it holds its room for.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_TIME_WINDOW_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_TIME_WINDOW_H_

#include <ostream>

#include "absl/time/time.h"

namespace huiwu::booking {

// Half-open [start, end): a meeting that ends at 10:00 and one that starts at 10:00 do
// not share an instant. Valid windows have start < end (CheckWindow in
// scheduling_limits.h refuses the others before anything is stored).
struct TimeWindow {
  absl::Time start;
  absl::Time end;

  friend bool operator==(const TimeWindow&, const TimeWindow&) = default;
};

// For test failure messages and logs: the window in UTC, RFC 3339.
std::ostream& operator<<(std::ostream& os, const TimeWindow& window);

// Whether the two windows share an instant. Windows that only touch at an edge do not
// overlap, so back-to-back bookings are allowed. This is the same predicate as the
// store's SQL (`start < :end AND end > :start`), so memory and database agree.
bool Overlaps(const TimeWindow& a, const TimeWindow& b);

// Whether `outer` holds every instant of `inner`.
bool Covers(const TimeWindow& outer, const TimeWindow& inner);

// The span a meeting holds its room: [start - setup, end + cleanup). A room holds one
// meeting at a time including the set-up before it and the clean-up and disinfection
// after it (一会一消毒: the tea sets are disinfected after every meeting). A negative
// buffer is taken as zero: a buffer may never shrink the meeting's own window, which
// would let two meetings share the room.
TimeWindow OccupancyOf(TimeWindow meeting, absl::Duration setup, absl::Duration cleanup);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_TIME_WINDOW_H_
