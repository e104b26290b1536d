// Booking's meeting, as its events carry it (proto/huiwu/booking/v1/events.proto), turned
// into the meeting details a kit keeps. Booking validated the meeting, but inventory
// checks again what it stores: an event is input like any request.
#ifndef HUIWU_SERVICES_INVENTORY_API_MEETING_EVENTS_H_
#define HUIWU_SERVICES_INVENTORY_API_MEETING_EVENTS_H_

#include "absl/status/statusor.h"
#include "huiwu/booking/v1/meeting.pb.h"
#include "services/inventory/domain/types.h"

namespace huiwu::inventory {

// The kit's meeting details (meeting_id, kind, participant_count, room, organizer_unit,
// window); INVALID_ARGUMENT naming each bad field (`meeting.room`, …), e.g. a meeting
// without a room.
absl::StatusOr<Kit> ParseMeetingForKit(const booking::v1::Meeting& meeting);

// The meeting id of `meetings/{meeting}`, for events that only release or settle.
absl::StatusOr<std::string> ParseEventMeetingName(const booking::v1::Meeting& meeting);

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_API_MEETING_EVENTS_H_
