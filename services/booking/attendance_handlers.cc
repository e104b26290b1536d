// BookingService: sign-in (签到) and attendance.
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/booking/api/attendance_requests.h"
#include "services/booking/booking_service.h"

namespace huiwu::booking {

grpc::Status BookingService::SignIn(grpc::ServerContext* context, const v1::SignInRequest* request,
                                    v1::SignInResponse* response) {
  return calls_.ServeMutation(*context, *request, "SignIn", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(SignInCommand command, ParseSignIn(*request));
    ASSIGN_OR_RETURN(SignInResult result, store_.SignIn(command, clock_.Now()));
    ToProto(result, response);
    return absl::OkStatus();
  });
}

grpc::Status BookingService::GetAttendance(grpc::ServerContext* context,
                                           const v1::GetAttendanceRequest* request,
                                           v1::GetAttendanceResponse* response) {
  return calls_.Serve(*context, "GetAttendance", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string meeting_id, ParseGetAttendance(*request));
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    ASSIGN_OR_RETURN(AttendanceReport report, store_.GetAttendance(meeting_id, scope));
    ToProto(report, response);
    return absl::OkStatus();
  });
}

}  // namespace huiwu::booking
