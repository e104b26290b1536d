// Booking's meeting events (proto/huiwu/booking/v1/events.proto) → what staffing reads
// of them (domain/meeting_events.h).
#ifndef HUIWU_SERVICES_STAFFING_API_MEETING_EVENTS_H_
#define HUIWU_SERVICES_STAFFING_API_MEETING_EVENTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "huiwu/booking/v1/meeting.pb.h"
#include "huiwu/events/v1/events.pb.h"
#include "services/staffing/domain/meeting_events.h"

namespace huiwu::staffing {

// The full names of the booking events staffing follows.
std::vector<std::string> FollowedMeetingEventTypes();

struct MeetingEvent {
  MeetingEventType type = MeetingEventType::kConfirmed;
  BookedMeeting meeting;
};

// INVALID_ARGUMENT when the event is not one staffing follows, its payload is not of
// its type, or the meeting's name, room or times are malformed.
absl::StatusOr<MeetingEvent> ParseMeetingEvent(const events::v1::Event& event);

// Booking's meeting as staffing reads it.
absl::StatusOr<BookedMeeting> FromBookingMeeting(const booking::v1::Meeting& meeting);

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_API_MEETING_EVENTS_H_
