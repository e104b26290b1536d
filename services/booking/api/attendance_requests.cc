#include "services/booking/api/attendance_requests.h"

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

}  // namespace

std::string WalkInId(absl::string_view name, absl::string_view unit) {
  // The name's length goes first so that ("ab", "c") and ("a", "bc") differ.
  return absl::StrFormat("w-%016x", api::Fingerprint(absl::StrCat(name.size(), ":", name, unit)));
}

absl::StatusOr<SignInCommand> ParseSignIn(const v1::SignInRequest& request) {
  api::FieldChecks checks;
  SignInCommand command;
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
  RETURN_IF_ERROR(checks.status());
  return command;
}

absl::StatusOr<std::string> ParseGetAttendance(const v1::GetAttendanceRequest& request) {
  return ParseMeetingName("meeting", request.meeting());
}

void ToProto(const SignInResult& result, v1::SignInResponse* out) {
  out->set_attendee_id(result.attendee_id);
  out->set_already_signed_in(result.already_signed_in);
  *out->mutable_sign_in_time() = api::ToTimestamp(result.sign_in_time);
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
  }
}

}  // namespace huiwu::booking
