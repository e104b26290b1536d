// Sign-in (签到) and attendance requests: validated and turned into store commands, and
// the store's answers back into responses.
#ifndef HUIWU_SERVICES_BOOKING_API_ATTENDANCE_REQUESTS_H_
#define HUIWU_SERVICES_BOOKING_API_ATTENDANCE_REQUESTS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "huiwu/booking/v1/booking_service.pb.h"
#include "huiwu/booking/v1/sign_in.pb.h"
#include "services/booking/domain/sign_in_code.h"
#include "services/booking/store/booking_store.h"

namespace huiwu::booking {

// The id a walk-in signs in under: "w-" and a stable fingerprint of name and unit, the
// same on every replica and every call, so the same person coming twice (or a retried
// call) is one sign-in, not two.
std::string WalkInId(absl::string_view name, absl::string_view unit);

// A sign-in as asked: who, and the door screen's code when one was scanned (empty:
// none; its shape is checked here, its signature by SignInCodes::Verify).
struct SignInCall {
  SignInCommand command;
  std::string sign_in_code;
};

absl::StatusOr<SignInCall> ParseSignIn(const v1::SignInRequest& request);
// The meeting id.
absl::StatusOr<std::string> ParseGetAttendance(const v1::GetAttendanceRequest& request);
// The meeting id.
absl::StatusOr<std::string> ParseGetSignInCode(const v1::GetSignInCodeRequest& request);
// The meeting id.
absl::StatusOr<std::string> ParseGetSignInSheet(const v1::GetSignInSheetRequest& request);

void ToProto(const SignInResult& result, v1::SignInResponse* out);
void ToProto(const AttendanceReport& report, v1::GetAttendanceResponse* out);
void ToProto(const IssuedSignInCode& issued, v1::GetSignInCodeResponse* out);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_API_ATTENDANCE_REQUESTS_H_
