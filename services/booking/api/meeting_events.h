// The events booking publishes (proto/huiwu/booking/v1/events.proto), built from domain
// values: which message, its payload and its subjects.
//
// Dependency direction: the store publishes each change in the transaction that makes
// it (transactional outbox, DESIGN §2), so the store calls these builders. They live
// with the API's mapping because an event's Meeting is exactly what GetMeeting answers
// (the same ToProto), minus attendees (personal data stays behind GetMeeting) and
// history. This header needs only domain/ and the generated messages, never store/ or
// the request parsers, so store → api/meeting_events → domain has no cycle; the rest of
// api/ stays above the store.
#ifndef HUIWU_SERVICES_BOOKING_API_MEETING_EVENTS_H_
#define HUIWU_SERVICES_BOOKING_API_MEETING_EVENTS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "services/booking/domain/catalog.h"
#include "services/booking/domain/meeting.h"

namespace huiwu::booking {

// One event to append to the outbox (events::Publish).
struct OutboxEvent {
  std::unique_ptr<google::protobuf::Message> payload;
  // The resources it concerns, what StreamEvents filters on: `meetings/{id}`, the room
  // when there is one, `organizerUnits/{unit}` (so the OA system can follow its unit).
  std::vector<std::string> subjects;
};

// The event of a lifecycle step: MeetingConfirmed for kConfirm, MeetingRejected,
// MeetingCancelled, MeetingStarted, MeetingCompleted, MeetingArchived,
// MeetingNoShowReleased. `meeting` as it is after the step.
OutboxEvent MeetingTransitionEvent(MeetingAction action, const Meeting& meeting);
// A notice (or one occurrence of a series) was submitted.
OutboxEvent MeetingSubmittedEvent(const Meeting& meeting);
// Details changed without a move.
OutboxEvent MeetingUpdatedEvent(const Meeting& meeting);
// Moved from `previous_window` in the previous room (empty ids: none); the previous
// room is a subject too, so that its door display learns the meeting left.
OutboxEvent MeetingRescheduledEvent(const Meeting& meeting, TimeWindow previous_window,
                                    absl::string_view previous_building_id,
                                    absl::string_view previous_room_id);
// Flagged because of `flag` (one of meeting.flags); the hazard is a subject too.
OutboxEvent MeetingFlaggedEvent(const Meeting& meeting, const MeetingFlag& flag);
// Served from its room's waitlist after `freed_by` (`meetings/{id}`) gave the room up:
// confirmed (a MeetingConfirmed precedes it) or offered the slot.
OutboxEvent MeetingWaitlistPromotedEvent(const Meeting& meeting, bool confirmed,
                                         absl::string_view freed_by);
// Someone signed in (签到) for the first time.
OutboxEvent AttendeeSignedInEvent(const Meeting& meeting, absl::string_view attendee_id,
                                  bool walk_in, absl::Time sign_in_time);

// Rooms: subjects are the room and its building.
OutboxEvent RoomCreatedEvent(const Room& room);
OutboxEvent RoomUpdatedEvent(const Room& room);
OutboxEvent RoomDeletedEvent(absl::string_view building_id, absl::string_view room_id);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_API_MEETING_EVENTS_H_
