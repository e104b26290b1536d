#include "services/booking/api/report_requests.h"

#include <optional>

#include "common/api/date.h"
#include "common/api/field_checks.h"
#include "common/status/status_macros.h"
#include "huiwu/booking/v1/meeting.pb.h"
#include "services/booking/api/meeting_requests.h"

namespace huiwu::booking {
namespace {

absl::StatusOr<absl::CivilDay> RequiredDate(absl::string_view field, bool present,
                                            const common::v1::Date& date) {
  api::FieldChecks checks;
  std::optional<absl::CivilDay> day;
  if (!present) {
    checks.Add(field, "required: the day as {year, month, day} in Asia/Shanghai");
  } else {
    day = api::ParseDate(checks, field, date);
  }
  RETURN_IF_ERROR(checks.status());
  return *day;
}

}  // namespace

absl::StatusOr<std::string> ParseGetMeetingReadiness(
    const v1::GetMeetingReadinessRequest& request) {
  return ParseMeetingName("name", request.name());
}

absl::StatusOr<absl::CivilDay> ParseGetDailyServiceNotice(
    const v1::GetDailyServiceNoticeRequest& request) {
  return RequiredDate("date", request.has_date(), request.date());
}

absl::StatusOr<absl::CivilDay> ParseGetWeeklyBrief(const v1::GetWeeklyBriefRequest& request) {
  return RequiredDate("week", request.has_week(), request.week());
}

absl::StatusOr<RecordServiceDoneCommand> ParseRecordServiceDone(
    const v1::RecordServiceDoneRequest& request) {
  api::FieldChecks checks;
  RecordServiceDoneCommand command;
  auto meeting = ParseMeetingName("meeting", request.meeting());
  if (meeting.ok()) {
    command.meeting_id = *meeting;
  } else {
    checks.AddFrom(meeting.status());
  }
  checks.Enum("kind", request.kind(), v1::ServiceKind_IsValid, /*allow_unspecified=*/false);
  command.kind = request.kind();
  RETURN_IF_ERROR(checks.status());
  return command;
}

}  // namespace huiwu::booking
