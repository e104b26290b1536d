// Calendar feeds (GetCalendarFeed): meetings rendered as iCalendar (RFC 5545), for
// Outlook and the other calendar clients the organizer units use. Pure, unit-tested;
// the integration test parses the result with a real iCalendar parser.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_ICALENDAR_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_ICALENDAR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/booking/domain/meeting.h"

namespace huiwu::booking {

inline constexpr char kCalendarContentType[] = "text/calendar; charset=utf-8";

// Whether a feed shows a meeting in `state`. A room's feed shows what holds the room
// (CONFIRMED, IN_PROGRESS, COMPLETED, ARCHIVED); an organizer unit's feed shows those and
// its notices not yet confirmed (SUBMITTED, as TENTATIVE), so the unit's calendar has the
// meeting from the day it asked for it. Rejected and cancelled meetings are left out: a
// client that fetches the feed again drops them.
bool ShownInFeed(MeetingState state, bool unit_feed);

struct CalendarEvent {
  std::string uid;  // stable per meeting: "{meeting_id}@booking.huiwu"
  absl::Time start;
  absl::Time end;
  std::string summary;
  std::string location;
  std::string description;
  bool tentative = false;  // a notice not yet confirmed
  int64_t sequence = 0;    // grows with every change of the meeting
  absl::Time last_modified;
};

// The event of `meeting`, held at `location` (the room's display name; empty: none),
// under `title`: what the feed's caller may see of the meeting's title, never taken from
// the meeting here (a confidential meeting's is "内部会议" to most callers, api::TitleFor).
CalendarEvent EventOf(const Meeting& meeting, absl::string_view location, absl::string_view title);

// TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newline.
std::string EscapeText(absl::string_view text);

// One content line folded (RFC 5545 §3.1): at most 75 octets per physical line, each
// continuation starting with a space, never splitting a UTF-8 character; each physical
// line ends with CRLF.
std::string FoldLine(absl::string_view line);

// A UTC DATE-TIME in basic form, "20261201T010000Z".
std::string UtcDateTime(absl::Time t);

// The VCALENDAR named `calendar_name` holding `events`, stamped `now` (DTSTAMP).
std::string RenderCalendar(absl::string_view calendar_name,
                           const std::vector<CalendarEvent>& events, absl::Time now);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_ICALENDAR_H_
