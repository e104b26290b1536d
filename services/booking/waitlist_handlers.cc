// BookingService: a room's waitlist (候补).
#include "common/server/actor.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/booking/api/meeting_requests.h"
#include "services/booking/api/waitlist_requests.h"
#include "services/booking/booking_service.h"

namespace huiwu::booking {

grpc::Status BookingService::WaitlistMeeting(grpc::ServerContext* context,
                                             const v1::WaitlistMeetingRequest* request,
                                             v1::WaitlistMeetingResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "WaitlistMeeting", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(WaitlistCall call, ParseWaitlistMeeting(*request));
        call.command.actor = server::ActorOf(*context);
        ASSIGN_OR_RETURN(call.command.organizer_scope, OrganizerScopeOf(*context));
        ASSIGN_OR_RETURN(Meeting meeting,
                         store_.WaitlistMeeting(call.meeting_id, call.command, clock_.Now()));
        ToProto(meeting, response->mutable_meeting());
        return absl::OkStatus();
      });
}

grpc::Status BookingService::LeaveWaitlist(grpc::ServerContext* context,
                                           const v1::LeaveWaitlistRequest* request,
                                           v1::LeaveWaitlistResponse* response) {
  return calls_.ServeMutation(*context, *request, "LeaveWaitlist", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(WaitlistCall call, ParseLeaveWaitlist(*request));
    call.command.actor = server::ActorOf(*context);
    ASSIGN_OR_RETURN(call.command.organizer_scope, OrganizerScopeOf(*context));
    ASSIGN_OR_RETURN(Meeting meeting,
                     store_.LeaveWaitlist(call.meeting_id, call.command, clock_.Now()));
    ToProto(meeting, response->mutable_meeting());
    return absl::OkStatus();
  });
}

}  // namespace huiwu::booking
