// BookingService: readiness (准备情况), the daily service notice and the weekly brief.
#include "common/server/actor.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/booking/api/report_requests.h"
#include "services/booking/booking_service.h"
#include "services/booking/domain/organizer_scope.h"

namespace huiwu::booking {

grpc::Status BookingService::GetMeetingReadiness(grpc::ServerContext* context,
                                                 const v1::GetMeetingReadinessRequest* request,
                                                 v1::GetMeetingReadinessResponse* response) {
  return calls_.Serve(*context, "GetMeetingReadiness", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string meeting_id, ParseGetMeetingReadiness(*request));
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    ASSIGN_OR_RETURN(*response->mutable_readiness(),
                     reports_->GetMeetingReadiness(meeting_id, scope));
    return absl::OkStatus();
  });
}

grpc::Status BookingService::GetDailyServiceNotice(grpc::ServerContext* context,
                                                   const v1::GetDailyServiceNoticeRequest* request,
                                                   v1::GetDailyServiceNoticeResponse* response) {
  return calls_.Serve(*context, "GetDailyServiceNotice", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(absl::CivilDay day, ParseGetDailyServiceNotice(*request));
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    RETURN_IF_ERROR(CheckCenterWide("the daily service notice", scope));
    ASSIGN_OR_RETURN(api::ConfidentialViewer viewer, ViewerOf(*context));
    return reports_->GetDailyServiceNotice(day, viewer, response);
  });
}

grpc::Status BookingService::GetWeeklyBrief(grpc::ServerContext* context,
                                            const v1::GetWeeklyBriefRequest* request,
                                            v1::GetWeeklyBriefResponse* response) {
  return calls_.Serve(*context, "GetWeeklyBrief", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(absl::CivilDay day, ParseGetWeeklyBrief(*request));
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    RETURN_IF_ERROR(CheckCenterWide("the weekly brief", scope));
    ASSIGN_OR_RETURN(api::ConfidentialViewer viewer, ViewerOf(*context));
    return reports_->GetWeeklyBrief(day, viewer, response);
  });
}

grpc::Status BookingService::RecordServiceDone(grpc::ServerContext* context,
                                               const v1::RecordServiceDoneRequest* request,
                                               v1::RecordServiceDoneResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "RecordServiceDone", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(RecordServiceDoneCommand command, ParseRecordServiceDone(*request));
        ASSIGN_OR_RETURN(*response->mutable_service(),
                         reports_->RecordServiceDone(command.meeting_id, command.kind,
                                                     server::ActorOf(*context)));
        return absl::OkStatus();
      });
}

}  // namespace huiwu::booking
