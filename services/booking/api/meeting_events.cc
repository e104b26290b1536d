#include "services/booking/api/meeting_events.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/api/confidential.h"
#include "common/api/timestamp.h"
#include "common/events/outbox.h"
#include "huiwu/booking/v1/events.pb.h"
#include "services/booking/api/catalog_requests.h"
#include "services/booking/api/meeting_requests.h"

namespace huiwu::booking {
namespace {

std::vector<std::string> SubjectsOf(const Meeting& meeting) {
  std::vector<std::string> subjects = {absl::StrCat("meetings/", meeting.id)};
  if (meeting.has_room()) subjects.push_back(RoomName(meeting.building_id, meeting.room_id));
  subjects.push_back(events::OrganizerUnitSubject(meeting.organizer_unit));
  return subjects;
}

// The API's Meeting without attendees and history, and a confidential meeting's content
// masked as for a caller without the right: the stream goes to the center's other
// services and to organizer units' systems (other units' too), none of which needs the
// title or agenda to staff, supply or inspect the room. `confidential` tells a consumer
// that GetMeeting, under its own rights, has the rest.
void ToEventMeeting(const Meeting& meeting, v1::Meeting* out) {
  ToProto(meeting, out);
  out->clear_attendees();
  out->clear_history();
  api::MaskConfidential(*out, api::ConfidentialViewer::Nobody());
}

// An event whose payload is `Payload{meeting = …}`.
template <typename Payload>
OutboxEvent MeetingEvent(const Meeting& meeting) {
  auto payload = std::make_unique<Payload>();
  ToEventMeeting(meeting, payload->mutable_meeting());
  return OutboxEvent{std::move(payload), SubjectsOf(meeting)};
}

OutboxEvent RoomEvent(std::unique_ptr<google::protobuf::Message> payload,
                      absl::string_view building_id, absl::string_view room_id) {
  return OutboxEvent{std::move(payload),
                     {RoomName(building_id, room_id), BuildingName(building_id)}};
}

}  // namespace

OutboxEvent MeetingTransitionEvent(MeetingAction action, const Meeting& meeting) {
  switch (action) {
    case MeetingAction::kConfirm:
      return MeetingEvent<v1::MeetingConfirmed>(meeting);
    case MeetingAction::kReject:
      return MeetingEvent<v1::MeetingRejected>(meeting);
    case MeetingAction::kCancel:
      return MeetingEvent<v1::MeetingCancelled>(meeting);
    case MeetingAction::kStart:
      return MeetingEvent<v1::MeetingStarted>(meeting);
    case MeetingAction::kComplete:
      return MeetingEvent<v1::MeetingCompleted>(meeting);
    case MeetingAction::kArchive:
      return MeetingEvent<v1::MeetingArchived>(meeting);
    case MeetingAction::kReleaseNoShow:
      return MeetingEvent<v1::MeetingNoShowReleased>(meeting);
  }
  return MeetingEvent<v1::MeetingUpdated>(meeting);  // unreachable: every action is above
}

OutboxEvent MeetingSubmittedEvent(const Meeting& meeting) {
  return MeetingEvent<v1::MeetingSubmitted>(meeting);
}

OutboxEvent MeetingUpdatedEvent(const Meeting& meeting) {
  return MeetingEvent<v1::MeetingUpdated>(meeting);
}

OutboxEvent MeetingRescheduledEvent(const Meeting& meeting, TimeWindow previous_window,
                                    absl::string_view previous_building_id,
                                    absl::string_view previous_room_id) {
  auto payload = std::make_unique<v1::MeetingRescheduled>();
  ToEventMeeting(meeting, payload->mutable_meeting());
  *payload->mutable_previous_start_time() = api::ToTimestamp(previous_window.start);
  *payload->mutable_previous_end_time() = api::ToTimestamp(previous_window.end);
  std::vector<std::string> subjects = SubjectsOf(meeting);
  if (!previous_room_id.empty()) {
    const std::string previous_room = RoomName(previous_building_id, previous_room_id);
    payload->set_previous_room(previous_room);
    if (previous_room != payload->meeting().room()) subjects.push_back(previous_room);
  }
  return OutboxEvent{std::move(payload), std::move(subjects)};
}

OutboxEvent MeetingFlaggedEvent(const Meeting& meeting, const MeetingFlag& flag) {
  auto payload = std::make_unique<v1::MeetingFlagged>();
  ToEventMeeting(meeting, payload->mutable_meeting());
  payload->set_hazard(flag.hazard);
  payload->set_reason(flag.reason);
  std::vector<std::string> subjects = SubjectsOf(meeting);
  subjects.push_back(flag.hazard);
  return OutboxEvent{std::move(payload), std::move(subjects)};
}

OutboxEvent MeetingWaitlistPromotedEvent(const Meeting& meeting, bool confirmed,
                                         absl::string_view freed_by) {
  auto payload = std::make_unique<v1::MeetingWaitlistPromoted>();
  ToEventMeeting(meeting, payload->mutable_meeting());
  payload->set_confirmed(confirmed);
  payload->set_freed_by(std::string(freed_by));
  return OutboxEvent{std::move(payload), SubjectsOf(meeting)};
}

OutboxEvent AttendeeSignedInEvent(const Meeting& meeting, absl::string_view attendee_id,
                                  bool walk_in, absl::Time sign_in_time) {
  auto payload = std::make_unique<v1::AttendeeSignedIn>();
  payload->set_meeting(absl::StrCat("meetings/", meeting.id));
  payload->set_attendee_id(std::string(attendee_id));
  payload->set_walk_in(walk_in);
  *payload->mutable_sign_in_time() = api::ToTimestamp(sign_in_time);
  return OutboxEvent{std::move(payload), SubjectsOf(meeting)};
}

OutboxEvent RoomCreatedEvent(const Room& room) {
  auto payload = std::make_unique<v1::RoomCreated>();
  ToProto(room, payload->mutable_room());
  return RoomEvent(std::move(payload), room.building_id, room.room_id);
}

OutboxEvent RoomUpdatedEvent(const Room& room) {
  auto payload = std::make_unique<v1::RoomUpdated>();
  ToProto(room, payload->mutable_room());
  return RoomEvent(std::move(payload), room.building_id, room.room_id);
}

OutboxEvent RoomDeletedEvent(absl::string_view building_id, absl::string_view room_id) {
  auto payload = std::make_unique<v1::RoomDeleted>();
  payload->set_room(RoomName(building_id, room_id));
  return RoomEvent(std::move(payload), building_id, room_id);
}

}  // namespace huiwu::booking
