#include "services/booking/api/attendance_requests.h"

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/api/field_checks.h"
#include "common/api/page_token.h"
#include "common/api/timestamp.h"
#include "common/status/status_macros.h"
#include "services/booking/api/meeting_requests.h"

namespace huiwu::booking {
namespace {

// As for attendees on the list (meeting_requests.cc).
constexpr int kMaxPersonName = 50;
constexpr int kMaxUnit = 100;
// A code is about 50 characters (domain/sign_in_code.h); anything much longer was not
// made by GetSignInCode.
constexpr size_t kMaxSignInCode = 128;

bool IsSignInCodeChar(char c) { return absl::ascii_isalnum(c) || c == '.' || c == '-' || c == '_'; }

}  // namespace

std::string WalkInId(absl::string_view name, absl::string_view unit) {
  // The name's length goes first so that ("ab", "c") and ("a", "bc") differ.
  return absl::StrFormat("w-%016x", api::Fingerprint(absl::StrCat(name.size(), ":", name, unit)));
}

absl::StatusOr<SignInCall> ParseSignIn(const v1::SignInRequest& request) {
  api::FieldChecks checks;
  SignInCall call;
  SignInCommand& command = call.command;
  auto meeting = ParseMeetingName("meeting", request.meeting());
  if (meeting.ok()) {
    command.meeting_id = *meeting;
  } else {
    checks.AddFrom(meeting.status());
  }
  switch (request.who_case()) {
    case v1::SignInRequest::kAttendeeId:
      checks.ResourceId("attendee_id", request.attendee_id());
      command.attendee_id = request.attendee_id();
      break;
    case v1::SignInRequest::kWalkIn:
      checks.Text("walk_in.name", request.walk_in().name(), 1, kMaxPersonName);
      checks.Text("walk_in.unit", request.walk_in().unit(), 0, kMaxUnit);
      command.walk_in = true;
      command.name = request.walk_in().name();
      command.unit = request.walk_in().unit();
      command.attendee_id = WalkInId(command.name, command.unit);
      break;
    case v1::SignInRequest::WHO_NOT_SET:
      checks.Add("attendee_id",
                 "required: the attendee's id from the meeting's list, or walk_in for someone "
                 "not on the list");
      break;
  }
  const std::string& code = request.sign_in_code();
  if (code.size() > kMaxSignInCode) {
    checks.Add("sign_in_code", absl::StrCat("at most ", kMaxSignInCode,
                                            " characters; pass the door screen's code unchanged"));
  } else if (!absl::c_all_of(code, IsSignInCodeChar)) {
    checks.Add("sign_in_code",
               "only A-Z, a-z, 0-9, '.', '-' and '_'; pass the door screen's code unchanged");
  }
  call.sign_in_code = code;
  RETURN_IF_ERROR(checks.status());
  return call;
}

absl::StatusOr<std::string> ParseGetAttendance(const v1::GetAttendanceRequest& request) {
  return ParseMeetingName("meeting", request.meeting());
}

absl::StatusOr<std::string> ParseGetSignInCode(const v1::GetSignInCodeRequest& request) {
  return ParseMeetingName("meeting", request.meeting());
}

absl::StatusOr<std::string> ParseGetSignInSheet(const v1::GetSignInSheetRequest& request) {
  return ParseMeetingName("meeting", request.meeting());
}

void ToProto(const SignInResult& result, v1::SignInResponse* out) {
  out->set_attendee_id(result.attendee_id);
  out->set_already_signed_in(result.already_signed_in);
  *out->mutable_sign_in_time() = api::ToTimestamp(result.sign_in_time);
}

void ToProto(const IssuedSignInCode& issued, v1::GetSignInCodeResponse* out) {
  out->set_sign_in_code(issued.code);
  *out->mutable_refresh_time() = api::ToTimestamp(issued.refresh_time);
  *out->mutable_expire_time() = api::ToTimestamp(issued.expire_time);
  out->mutable_refresh_interval()->set_seconds(absl::ToInt64Seconds(SignInCodes::kPeriod));
}

void ToProto(const AttendanceReport& report, v1::GetAttendanceResponse* out) {
  out->set_expected(report.figures.expected);
  out->set_signed_in(report.figures.signed_in);
  out->set_walk_ins(report.figures.walk_ins);
  out->set_rate(report.figures.rate);
  for (const Attendee& a : report.absentees) {
    auto* absentee = out->add_absentees();
    absentee->set_id(a.id);
    absentee->set_name(a.name);
    absentee->set_unit(a.unit);
    absentee->set_title(a.title);
    absentee->set_vip(a.vip);
    absentee->set_protocol_rank(a.protocol_rank);
  }
}

}  // namespace huiwu::booking
