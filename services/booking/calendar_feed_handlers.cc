// BookingService: calendar feeds (GetCalendarFeed), a room's schedule or an organizer
// unit's meetings as iCalendar (RFC 5545) for Outlook and other calendar clients.
#include <map>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/api/confidential.h"
#include "common/status/status_macros.h"
#include "services/booking/api/calendar_feed_requests.h"
#include "services/booking/booking_service.h"
#include "services/booking/domain/icalendar.h"
#include "services/booking/domain/organizer_scope.h"

namespace huiwu::booking {
namespace {

// Meetings read per query while the feed is filled.
constexpr int kFeedPage = 500;

}  // namespace

grpc::Status BookingService::GetCalendarFeed(grpc::ServerContext* context,
                                             const v1::GetCalendarFeedRequest* request,
                                             v1::GetCalendarFeedResponse* response) {
  return calls_.Serve(*context, "GetCalendarFeed", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(CalendarFeedQuery query, ParseGetCalendarFeed(*request));
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    // 保密会议: a feed is text, not a marked message, so its titles are masked here.
    ASSIGN_OR_RETURN(api::ConfidentialViewer viewer, ViewerOf(*context));
    const bool unit_feed = query.room_id.empty();
    ASSIGN_OR_RETURN(std::vector<ReportRoom> rooms, report_store_.ListReportRooms());
    std::map<std::pair<std::string, std::string>, std::string> room_names;
    for (const ReportRoom& room : rooms) {
      room_names[{room.building_id, room.room_id}] = room.display_name;
    }
    MeetingFilter filter;
    filter.starts_within = query.starts_within;
    std::string calendar_name;
    if (unit_feed) {
      calendar_name = absl::StrCat(query.organizer_unit, " 会议");
    } else {
      ASSIGN_OR_RETURN(Room room, store_.GetRoom(query.building_id, query.room_id));
      filter.building_id = query.building_id;
      filter.room_id = query.room_id;
      auto name = room_names.find({query.building_id, query.room_id});
      calendar_name =
          absl::StrCat(name != room_names.end() ? name->second : room.display_name, " 日程");
    }
    // A unit-bound caller sees its own unit's meetings only: another unit's feed is empty,
    // a room's shows the caller's meetings in it (issue 11: no other unit's meeting exists
    // for it).
    std::optional<std::string> unit = ScopedUnitFilter(query.organizer_unit, scope);
    std::vector<CalendarEvent> events;
    bool truncated = false;
    if (unit.has_value()) {
      filter.organizer_unit = *unit;
      std::optional<absl::Time> after_start;
      std::string after_id;
      while (!truncated) {
        ASSIGN_OR_RETURN(std::vector<Meeting> page,
                         store_.ListMeetings(filter, after_start, after_id, kFeedPage));
        for (const Meeting& m : page) {
          if (!ShownInFeed(m.state, unit_feed)) continue;
          if (static_cast<int>(events.size()) == kMaxFeedEvents) {
            truncated = true;
            break;
          }
          auto name = room_names.find({m.building_id, m.room_id});
          const std::string location = !m.has_room()              ? std::string()
                                       : name != room_names.end() ? name->second
                                                                  : m.room_id;
          events.push_back(EventOf(
              m, location, api::TitleFor(viewer, m.confidential, m.organizer_unit, m.title)));
        }
        if (static_cast<int>(page.size()) < kFeedPage) break;
        after_start = page.back().window.start;
        after_id = page.back().id;
      }
    }
    response->set_content_type(kCalendarContentType);
    response->set_content(RenderCalendar(calendar_name, events, clock_.Now()));
    response->set_event_count(static_cast<int>(events.size()));
    response->set_truncated(truncated);
    return absl::OkStatus();
  });
}

}  // namespace huiwu::booking
