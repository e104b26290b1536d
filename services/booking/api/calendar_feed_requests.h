// GetCalendarFeed requests (calendar_feed.proto): validated into a query.
#ifndef HUIWU_SERVICES_BOOKING_API_CALENDAR_FEED_REQUESTS_H_
#define HUIWU_SERVICES_BOOKING_API_CALENDAR_FEED_REQUESTS_H_

#include <string>

#include "absl/status/statusor.h"
#include "huiwu/booking/v1/calendar_feed.pb.h"
#include "services/booking/domain/time_window.h"

namespace huiwu::booking {

// At most this many events in one feed: a year of one busy room is about 1,500.
inline constexpr int kMaxFeedEvents = 2000;

struct CalendarFeedQuery {
  std::string building_id;  // a room's feed, with room_id
  std::string room_id;
  std::string organizer_unit;  // else a unit's
  TimeWindow starts_within;    // the days asked, Asia/Shanghai
};

absl::StatusOr<CalendarFeedQuery> ParseGetCalendarFeed(const v1::GetCalendarFeedRequest& request);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_API_CALENDAR_FEED_REQUESTS_H_
