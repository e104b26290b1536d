// WaitlistMeeting and LeaveWaitlist requests, validated into store commands.
#ifndef HUIWU_SERVICES_BOOKING_API_WAITLIST_REQUESTS_H_
#define HUIWU_SERVICES_BOOKING_API_WAITLIST_REQUESTS_H_

#include <string>

#include "absl/status/statusor.h"
#include "huiwu/booking/v1/booking_service.pb.h"
#include "services/booking/store/booking_store.h"

namespace huiwu::booking {

// A parsed call: the meeting's id and the command (actor and scope are the caller's,
// set by the handler).
struct WaitlistCall {
  std::string meeting_id;
  WaitlistCommand command;
};

// INVALID_ARGUMENT naming each bad field: name (meetings/{meeting}), etag (at most 64
// characters), request_id.
absl::StatusOr<WaitlistCall> ParseWaitlistMeeting(const v1::WaitlistMeetingRequest& request);
absl::StatusOr<WaitlistCall> ParseLeaveWaitlist(const v1::LeaveWaitlistRequest& request);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_API_WAITLIST_REQUESTS_H_
