// UpdateMeeting requests: the mask and the masked details validated (only those), and
// applied to a stored meeting.
#ifndef HUIWU_SERVICES_BOOKING_API_MEETING_UPDATE_REQUESTS_H_
#define HUIWU_SERVICES_BOOKING_API_MEETING_UPDATE_REQUESTS_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "huiwu/booking/v1/booking_service.pb.h"
#include "services/booking/domain/meeting.h"
#include "services/booking/domain/scheduling_limits.h"

namespace huiwu::booking {

struct UpdateMeetingCommand {
  std::string meeting_id;
  std::string etag;        // empty: unconditional
  uint32_t details = 0;    // kMeeting* bits named by the mask
  Meeting patch;           // the new values of those details
  bool following = false;  // SERIES_SCOPE_THIS_AND_FOLLOWING
};

// The mask is required: an update that names no field is a mistake, not "everything".
absl::StatusOr<UpdateMeetingCommand> ParseUpdateMeeting(const v1::UpdateMeetingRequest& request);

// Copies the masked details into `meeting`. A new kind must allow the meeting's length
// (INVALID_ARGUMENT naming meeting.kind otherwise): the limits are per kind.
absl::Status ApplyMeetingUpdate(const UpdateMeetingCommand& command, const SchedulingPolicy& policy,
                                Meeting& meeting);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_API_MEETING_UPDATE_REQUESTS_H_
