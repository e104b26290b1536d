#include "services/booking/api/waitlist_requests.h"

#include "common/api/field_checks.h"
#include "common/status/status_macros.h"
#include "services/booking/api/meeting_requests.h"

namespace huiwu::booking {
namespace {

absl::StatusOr<WaitlistCall> ParseCall(absl::string_view method, const std::string& name,
                                       const std::string& etag, const std::string& request_id) {
  api::FieldChecks checks;
  WaitlistCall call;
  auto id = ParseMeetingName("name", name);
  if (id.ok()) {
    call.meeting_id = *id;
  } else {
    checks.AddFrom(id.status());
  }
  if (etag.size() > 64) checks.Add("etag", "not an etag of this service; pass the meeting's etag");
  checks.RequestId("request_id", request_id);
  RETURN_IF_ERROR(checks.status());
  call.command.method = std::string(method);
  call.command.etag = etag;
  call.command.request_id = request_id;
  return call;
}

}  // namespace

absl::StatusOr<WaitlistCall> ParseWaitlistMeeting(const v1::WaitlistMeetingRequest& request) {
  return ParseCall("WaitlistMeeting", request.name(), request.etag(), request.request_id());
}

absl::StatusOr<WaitlistCall> ParseLeaveWaitlist(const v1::LeaveWaitlistRequest& request) {
  return ParseCall("LeaveWaitlist", request.name(), request.etag(), request.request_id());
}

}  // namespace huiwu::booking
