// BookingService: meetings and their lifecycle.
#include "absl/strings/str_cat.h"
#include "common/server/actor.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/booking/api/meeting_requests.h"
#include "services/booking/booking_service.h"
#include "services/booking/domain/organizer_scope.h"

namespace huiwu::booking {
namespace {

// Runs a parsed transition for the caller (its person as the actor, its organizer unit
// as the scope) and maps the result. A confirm's room, and a cancel's room that may
// confirm a waiting notice, are cleared by `clearance` first.
template <typename Response>
absl::Status RunTransition(BookingStore& store, const server::CallGate& calls,
                           const grpc::ServerContext& context,
                           absl::StatusOr<TransitionCommand> command, absl::string_view name,
                           absl::Time now, Response* response,
                           const ClearanceCheck& clearance = {}) {
  if (!command.ok()) return command.status();
  ASSIGN_OR_RETURN(server::CallerAccess access, calls.AccessOf(context));
  command->actor = server::ActorOf(context);
  command->organizer_scope = access.organizer_unit;
  ASSIGN_OR_RETURN(std::string id, MeetingIdOf(name));
  ASSIGN_OR_RETURN(Meeting meeting, store.Transition(id, *command, now, clearance));
  ToProto(meeting, response->mutable_meeting());
  return absl::OkStatus();
}

}  // namespace

grpc::Status BookingService::CreateMeeting(grpc::ServerContext* context,
                                           const v1::CreateMeetingRequest* request,
                                           v1::CreateMeetingResponse* response) {
  return calls_.ServeMutation(*context, *request, "CreateMeeting", response, [&]() -> absl::Status {
    const absl::Time now = clock_.Now();
    ASSIGN_OR_RETURN(CreateMeetingCommand command, ParseCreateMeeting(*request, policy_, now));
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    RETURN_IF_ERROR(CheckActsFor("meeting.organizer_unit", command.meeting.organizer_unit, scope));
    ASSIGN_OR_RETURN(Meeting meeting, store_.CreateMeeting(command.meeting, command.request_id,
                                                           server::ActorOf(*context), now));
    ToProto(meeting, response->mutable_meeting());
    return absl::OkStatus();
  });
}

grpc::Status BookingService::GetMeeting(grpc::ServerContext* context,
                                        const v1::GetMeetingRequest* request,
                                        v1::GetMeetingResponse* response) {
  return calls_.Serve(*context, "GetMeeting", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string id, MeetingIdOf(request->name()));
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    ASSIGN_OR_RETURN(Meeting meeting, store_.GetMeeting(id, scope));
    ToProto(meeting, response->mutable_meeting());
    return absl::OkStatus();
  });
}

grpc::Status BookingService::ConfirmMeeting(grpc::ServerContext* context,
                                            const v1::ConfirmMeetingRequest* request,
                                            v1::ConfirmMeetingResponse* response) {
  return calls_.ServeMutation(*context, *request, "ConfirmMeeting", response, [&] {
    return RunTransition(store_, calls_, *context, ParseConfirm(*request), request->name(),
                         clock_.Now(), response, clearance_->check());
  });
}

grpc::Status BookingService::RejectMeeting(grpc::ServerContext* context,
                                           const v1::RejectMeetingRequest* request,
                                           v1::RejectMeetingResponse* response) {
  return calls_.ServeMutation(*context, *request, "RejectMeeting", response, [&] {
    return RunTransition(store_, calls_, *context, ParseReject(*request), request->name(),
                         clock_.Now(), response);
  });
}

grpc::Status BookingService::CancelMeeting(grpc::ServerContext* context,
                                           const v1::CancelMeetingRequest* request,
                                           v1::CancelMeetingResponse* response) {
  return calls_.ServeMutation(*context, *request, "CancelMeeting", response, [&]() -> absl::Status {
    if (request->scope() == v1::SERIES_SCOPE_THIS_AND_FOLLOWING) {
      // The rest of a series is withdrawn together, in one transaction.
      ASSIGN_OR_RETURN(TransitionCommand command, ParseCancel(*request));
      command.actor = server::ActorOf(*context);
      ASSIGN_OR_RETURN(command.organizer_scope, OrganizerScopeOf(*context));
      ASSIGN_OR_RETURN(std::string id, MeetingIdOf(request->name()));
      ASSIGN_OR_RETURN(auto cancelled, store_.CancelThisAndFollowing(id, command, clock_.Now(),
                                                                     clearance_->check()));
      ToProto(cancelled.first, response->mutable_meeting());
      for (const std::string& cancelled_id : cancelled.second) {
        response->add_cancelled_meetings(absl::StrCat("meetings/", cancelled_id));
      }
      return absl::OkStatus();
    }
    // The freed room may confirm a waiting notice: `clearance` asks safety first.
    RETURN_IF_ERROR(RunTransition(store_, calls_, *context, ParseCancel(*request), request->name(),
                                  clock_.Now(), response, clearance_->check()));
    response->add_cancelled_meetings(response->meeting().name());
    return absl::OkStatus();
  });
}

grpc::Status BookingService::StartMeeting(grpc::ServerContext* context,
                                          const v1::StartMeetingRequest* request,
                                          v1::StartMeetingResponse* response) {
  return calls_.ServeMutation(*context, *request, "StartMeeting", response, [&] {
    return RunTransition(store_, calls_, *context, ParseStart(*request), request->name(),
                         clock_.Now(), response);
  });
}

grpc::Status BookingService::CompleteMeeting(grpc::ServerContext* context,
                                             const v1::CompleteMeetingRequest* request,
                                             v1::CompleteMeetingResponse* response) {
  return calls_.ServeMutation(*context, *request, "CompleteMeeting", response, [&] {
    return RunTransition(store_, calls_, *context, ParseComplete(*request), request->name(),
                         clock_.Now(), response);
  });
}

grpc::Status BookingService::ArchiveMeeting(grpc::ServerContext* context,
                                            const v1::ArchiveMeetingRequest* request,
                                            v1::ArchiveMeetingResponse* response) {
  return calls_.ServeMutation(*context, *request, "ArchiveMeeting", response, [&] {
    return RunTransition(store_, calls_, *context, ParseArchive(*request), request->name(),
                         clock_.Now(), response);
  });
}

grpc::Status BookingService::RescheduleMeeting(grpc::ServerContext* context,
                                               const v1::RescheduleMeetingRequest* request,
                                               v1::RescheduleMeetingResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "RescheduleMeeting", response, [&]() -> absl::Status {
        const absl::Time now = clock_.Now();
        // The limits depend on the meeting's kind, so read it first; the store re-reads the
        // meeting under lock before changing it.
        ASSIGN_OR_RETURN(std::string id, MeetingIdOf(request->name()));
        ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
        ASSIGN_OR_RETURN(Meeting current, store_.GetMeeting(id, scope));
        ASSIGN_OR_RETURN(RescheduleCommand command,
                         ParseReschedule(*request, policy_, current.kind, now));
        ASSIGN_OR_RETURN(Meeting meeting,
                         store_.Reschedule(command.meeting_id, command.etag, command.window,
                                           command.building_id, command.room_id, command.request_id,
                                           now, clearance_->check(), scope));
        ToProto(meeting, response->mutable_meeting());
        return absl::OkStatus();
      });
}

}  // namespace huiwu::booking
