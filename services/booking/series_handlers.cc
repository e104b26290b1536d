// BookingService: recurring series (例会, e.g. the weekly leadership meeting).
#include "absl/strings/str_cat.h"
#include "common/server/actor.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/booking/api/meeting_requests.h"
#include "services/booking/api/series_requests.h"
#include "services/booking/booking_service.h"
#include "services/booking/domain/organizer_scope.h"

namespace huiwu::booking {

grpc::Status BookingService::CreateMeetingSeries(grpc::ServerContext* context,
                                                 const v1::CreateMeetingSeriesRequest* request,
                                                 v1::CreateMeetingSeriesResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "CreateMeetingSeries", response, [&]() -> absl::Status {
        const absl::Time now = clock_.Now();
        ASSIGN_OR_RETURN(CreateSeriesCommand command,
                         ParseCreateMeetingSeries(*request, policy_, now));
        ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
        RETURN_IF_ERROR(
            CheckActsFor("meeting.organizer_unit", command.first.organizer_unit, scope));
        ASSIGN_OR_RETURN(
            MeetingSeriesRecord series,
            store_.CreateMeetingSeries(command.first, command.rule, command.windows,
                                       command.request_id, server::ActorOf(*context), now));
        ToProto(series, response->mutable_series());
        for (const Meeting& meeting : series.meetings) ToProto(meeting, response->add_meetings());
        for (const SkippedDay& day : command.skipped) ToProto(day, response->add_skipped_days());
        return absl::OkStatus();
      });
}

grpc::Status BookingService::ConfirmMeetingSeries(grpc::ServerContext* context,
                                                  const v1::ConfirmMeetingSeriesRequest* request,
                                                  v1::ConfirmMeetingSeriesResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "ConfirmMeetingSeries", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(ConfirmSeriesCommand command, ParseConfirmMeetingSeries(*request));
        command.confirm.actor = server::ActorOf(*context);
        ASSIGN_OR_RETURN(command.confirm.organizer_scope, OrganizerScopeOf(*context));
        ASSIGN_OR_RETURN(std::vector<OccurrenceResult> results,
                         store_.ConfirmMeetingSeries(command.series_id, command.confirm,
                                                     clock_.Now(), clearance_->check()));
        for (const OccurrenceResult& result : results) ToProto(result, response->add_results());
        return absl::OkStatus();
      });
}

}  // namespace huiwu::booking
