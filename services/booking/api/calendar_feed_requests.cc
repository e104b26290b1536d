#include "services/booking/api/calendar_feed_requests.h"

#include "common/api/field_checks.h"
#include "common/time/center_zone.h"
#include "services/booking/api/catalog_requests.h"
#include "services/booking/api/feedback_requests.h"
#include "services/booking/domain/calendar.h"

namespace huiwu::booking {
namespace {
constexpr int kMaxUnit = 100;
}  // namespace

absl::StatusOr<CalendarFeedQuery> ParseGetCalendarFeed(const v1::GetCalendarFeedRequest& request) {
  api::FieldChecks checks;
  CalendarFeedQuery query;
  switch (request.subject_case()) {
    case v1::GetCalendarFeedRequest::kRoom: {
      absl::StatusOr<RoomKey> room = ParseRoomName("room", request.room());
      if (room.ok()) {
        query.building_id = room->building_id;
        query.room_id = room->room_id;
      } else {
        checks.AddFrom(room.status());
      }
      break;
    }
    case v1::GetCalendarFeedRequest::kOrganizerUnit:
      checks.Text("organizer_unit", request.organizer_unit(), 1, kMaxUnit);
      query.organizer_unit = request.organizer_unit();
      break;
    case v1::GetCalendarFeedRequest::SUBJECT_NOT_SET:
      checks.Add("room",
                 "required: the room (buildings/{building}/rooms/{room}) or the "
                 "organizer_unit whose meetings the feed shows");
      break;
  }
  auto range = CheckDayRange(checks, "start_date", request.has_start_date(), request.start_date(),
                             "end_date", request.has_end_date(), request.end_date());
  if (!checks.ok()) return checks.status();
  const absl::TimeZone zone = CenterTimeZone();
  query.starts_within =
      TimeWindow{DayWindow(range->first, zone).start, DayWindow(range->second, zone).end};
  return query;
}

}  // namespace huiwu::booking
