#include "services/staffing/api/meeting_events.h"

#include "absl/strings/str_cat.h"
#include "common/api/resource_name.h"
#include "common/api/timestamp.h"
#include "common/events/subscription.h"
#include "common/status/status_macros.h"
#include "huiwu/booking/v1/events.pb.h"

namespace huiwu::staffing {
namespace {

namespace bv1 = ::huiwu::booking::v1;

template <typename T>
absl::StatusOr<MeetingEvent> Parse(const events::v1::Event& event, MeetingEventType type) {
  T payload;
  RETURN_IF_ERROR(events::UnpackPayload(event, payload));
  ASSIGN_OR_RETURN(BookedMeeting meeting, FromBookingMeeting(payload.meeting()));
  return MeetingEvent{type, std::move(meeting)};
}

}  // namespace

std::vector<std::string> FollowedMeetingEventTypes() {
  return {bv1::MeetingConfirmed::descriptor()->full_name(),
          bv1::MeetingRescheduled::descriptor()->full_name(),
          bv1::MeetingUpdated::descriptor()->full_name(),
          bv1::MeetingCancelled::descriptor()->full_name(),
          bv1::MeetingRejected::descriptor()->full_name(),
          bv1::MeetingNoShowReleased::descriptor()->full_name(),
          bv1::MeetingCompleted::descriptor()->full_name()};
}

absl::StatusOr<MeetingEvent> ParseMeetingEvent(const events::v1::Event& event) {
  const std::string& type = event.type();
  if (type == bv1::MeetingConfirmed::descriptor()->full_name()) {
    return Parse<bv1::MeetingConfirmed>(event, MeetingEventType::kConfirmed);
  }
  if (type == bv1::MeetingRescheduled::descriptor()->full_name()) {
    return Parse<bv1::MeetingRescheduled>(event, MeetingEventType::kRescheduled);
  }
  if (type == bv1::MeetingUpdated::descriptor()->full_name()) {
    return Parse<bv1::MeetingUpdated>(event, MeetingEventType::kUpdated);
  }
  if (type == bv1::MeetingCancelled::descriptor()->full_name()) {
    return Parse<bv1::MeetingCancelled>(event, MeetingEventType::kCancelled);
  }
  if (type == bv1::MeetingRejected::descriptor()->full_name()) {
    return Parse<bv1::MeetingRejected>(event, MeetingEventType::kRejected);
  }
  if (type == bv1::MeetingNoShowReleased::descriptor()->full_name()) {
    return Parse<bv1::MeetingNoShowReleased>(event, MeetingEventType::kNoShowReleased);
  }
  if (type == bv1::MeetingCompleted::descriptor()->full_name()) {
    return Parse<bv1::MeetingCompleted>(event, MeetingEventType::kCompleted);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("event ", event.cursor(), " of type ", type, " is not one staffing follows"));
}

absl::StatusOr<BookedMeeting> FromBookingMeeting(const bv1::Meeting& meeting) {
  BookedMeeting m;
  ASSIGN_OR_RETURN(std::vector<std::string> ids,
                   api::ParseResourceName("meeting.name", meeting.name(), "meetings/{meeting}"));
  m.meeting_id = ids[0];
  if (!meeting.room().empty()) {
    ASSIGN_OR_RETURN(std::vector<std::string> room,
                     api::ParseResourceName("meeting.room", meeting.room(),
                                            "buildings/{building}/rooms/{room}"));
    m.building_id = room[0];
    m.room_id = room[1];
  }
  if (!meeting.has_start_time() || !meeting.has_end_time()) {
    return absl::InvalidArgumentError(
        absl::StrCat(meeting.name(), " in the event has no start_time or end_time"));
  }
  m.window =
      TimeWindow{api::FromTimestamp(meeting.start_time()), api::FromTimestamp(meeting.end_time())};
  m.state = static_cast<BookedState>(meeting.state());
  m.kind = static_cast<BookedKind>(meeting.kind());
  m.expected_participants = meeting.expected_participants();
  m.vip_required = meeting.requirements().vip();
  for (int e : meeting.requirements().equipment()) {
    m.equipment.push_back(static_cast<BookedEquipment>(e));
  }
  m.materials = meeting.materials();
  return m;
}

}  // namespace huiwu::staffing
