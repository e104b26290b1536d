// Validation of the readiness and report requests: every bad field named, nothing read
// or written before the request is whole.
#ifndef HUIWU_SERVICES_BOOKING_API_REPORT_REQUESTS_H_
#define HUIWU_SERVICES_BOOKING_API_REPORT_REQUESTS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "huiwu/booking/v1/reports.pb.h"

namespace huiwu::booking {

// The meeting id of `name` (`meetings/{meeting}`).
absl::StatusOr<std::string> ParseGetMeetingReadiness(const v1::GetMeetingReadinessRequest& request);

// The day (Asia/Shanghai).
absl::StatusOr<absl::CivilDay> ParseGetDailyServiceNotice(
    const v1::GetDailyServiceNoticeRequest& request);

// Any day of the week.
absl::StatusOr<absl::CivilDay> ParseGetWeeklyBrief(const v1::GetWeeklyBriefRequest& request);

struct RecordServiceDoneCommand {
  std::string meeting_id;
  int kind = 0;  // ServiceKind number
};

absl::StatusOr<RecordServiceDoneCommand> ParseRecordServiceDone(
    const v1::RecordServiceDoneRequest& request);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_API_REPORT_REQUESTS_H_
