// BookingService: sign-in (签到), the door screen's codes (扫码签到), attendance and the
// sign-in sheet (签到表).
#include "absl/strings/str_cat.h"
#include "common/server/caller.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/booking/api/attendance_requests.h"
#include "services/booking/booking_service.h"
#include "services/booking/domain/attendance.h"

namespace huiwu::booking {
namespace {

absl::Status CodesOff() {
  return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "SIGN_IN_CODES_OFF",
                         "this booking service has no sign-in keys (--sign_in_key_file), so it "
                         "makes and accepts no sign-in codes; sign people in at the attendant's "
                         "desk, or ask the admin to configure the keys");
}

// The door's code, when the caller must show one or shows one anyway: a sign-in that
// cannot be faked (扫码签到) proves the person stood at the door within the last minute.
absl::Status CheckSignInCode(const SignInCodes* codes, const SignInCall& call,
                             const server::CallerAccess& access, const std::string& caller,
                             absl::Time now) {
  if (call.sign_in_code.empty()) return CheckSignInWithoutCode(access.sign_in_without_code, caller);
  if (codes == nullptr) return CodesOff();
  return codes->Verify(call.sign_in_code, call.command.meeting_id, now);
}

}  // namespace

grpc::Status BookingService::SignIn(grpc::ServerContext* context, const v1::SignInRequest* request,
                                    v1::SignInResponse* response) {
  return calls_.ServeMutation(*context, *request, "SignIn", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(SignInCall call, ParseSignIn(*request));
    // One time for the code's age and the sign-in: a code valid when checked is the one
    // the sign-in is recorded under.
    const absl::Time now = clock_.Now();
    ASSIGN_OR_RETURN(server::CallerAccess access, calls_.AccessOf(*context));
    const std::shared_ptr<const SignInCodes> codes = SignInCodesInForce();
    RETURN_IF_ERROR(
        CheckSignInCode(codes.get(), call, access, server::AuthenticatedCallerOf(*context), now));
    ASSIGN_OR_RETURN(SignInResult result, store_.SignIn(call.command, now));
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

grpc::Status BookingService::GetSignInCode(grpc::ServerContext* context,
                                           const v1::GetSignInCodeRequest* request,
                                           v1::GetSignInCodeResponse* response) {
  return calls_.Serve(*context, "GetSignInCode", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string meeting_id, ParseGetSignInCode(*request));
    const std::shared_ptr<const SignInCodes> codes = SignInCodesInForce();
    if (codes == nullptr) return CodesOff();
    const absl::Time now = clock_.Now();
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    ASSIGN_OR_RETURN(Meeting meeting, store_.GetMeeting(meeting_id, scope));
    // The screen shows a code exactly while SignIn would take it.
    RETURN_IF_ERROR(CheckSignInOpen(meeting, now));
    ASSIGN_OR_RETURN(IssuedSignInCode issued, codes->Issue(meeting_id, now));
    ToProto(issued, response);
    return absl::OkStatus();
  });
}

grpc::Status BookingService::GetSignInSheet(grpc::ServerContext* context,
                                            const v1::GetSignInSheetRequest* request,
                                            v1::GetSignInSheetResponse* response) {
  return calls_.Serve(*context, "GetSignInSheet", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string meeting_id, ParseGetSignInSheet(*request));
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    ASSIGN_OR_RETURN(api::ConfidentialViewer viewer, ViewerOf(*context));
    return reports_->GetSignInSheet(meeting_id, scope, viewer, response);
  });
}

}  // namespace huiwu::booking
