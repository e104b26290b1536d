// Service evaluation (服务评价), complaint (投诉) and feedback report requests: validated
// (bad input is INVALID_ARGUMENT naming each field, and changes nothing) and turned into
// store commands; the store's answers back into responses.
#ifndef HUIWU_SERVICES_BOOKING_API_FEEDBACK_REQUESTS_H_
#define HUIWU_SERVICES_BOOKING_API_FEEDBACK_REQUESTS_H_

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "common/api/field_checks.h"
#include "huiwu/booking/v1/booking_service.pb.h"
#include "huiwu/booking/v1/feedback.pb.h"
#include "services/booking/domain/complaint.h"
#include "services/booking/domain/evaluation.h"
#include "services/booking/domain/feedback_figures.h"
#include "services/booking/store/feedback_store.h"

namespace huiwu::booking {

// The longest period a feedback report or a calendar feed covers: a year.
inline constexpr int kMaxFeedbackRangeDays = 366;

struct SubmitEvaluationCommand {
  ServiceEvaluation evaluation;  // meeting id, ratings and comment
  std::string request_id;
};
absl::StatusOr<SubmitEvaluationCommand> ParseSubmitServiceEvaluation(
    const v1::SubmitServiceEvaluationRequest& request);
// The meeting id.
absl::StatusOr<std::string> ParseGetServiceEvaluation(
    const v1::GetServiceEvaluationRequest& request);

struct RecordComplaintCommand {
  Complaint complaint;  // meeting or room, unit, description, contact
  std::string request_id;
};
// `organizer_scope`: the caller's unit (empty for a center-wide caller, who must name the
// unit of a complaint about a room).
absl::StatusOr<RecordComplaintCommand> ParseRecordComplaint(
    const v1::RecordComplaintRequest& request, absl::string_view organizer_scope);

struct ComplaintStepCommand {
  std::string complaint_id;
  std::string etag;
  ComplaintAction action = ComplaintAction::kAssign;
  std::string text;  // the assignee, the answer, or the closing note
};
absl::StatusOr<ComplaintStepCommand> ParseAssignComplaint(
    const v1::AssignComplaintRequest& request);
absl::StatusOr<ComplaintStepCommand> ParseAnswerComplaint(
    const v1::AnswerComplaintRequest& request);
absl::StatusOr<ComplaintStepCommand> ParseCloseComplaint(const v1::CloseComplaintRequest& request);
// The complaint id.
absl::StatusOr<std::string> ParseGetComplaint(const v1::GetComplaintRequest& request);

struct ListComplaintsQuery {
  ComplaintFilter filter;
  int page_size = 0;
  std::optional<absl::Time> after_time;
  std::string after_id;
  std::string filter_text;  // the page token's fingerprint
};
absl::StatusOr<ListComplaintsQuery> ParseListComplaints(const v1::ListComplaintsRequest& request);
std::string NextComplaintsPageToken(const ListComplaintsQuery& query, const Complaint& last);

// A required range of days `start_field`..`end_field` (inclusive, Asia/Shanghai) of at
// most kMaxFeedbackRangeDays; nullopt with violations added to `checks`.
std::optional<std::pair<absl::CivilDay, absl::CivilDay>> CheckDayRange(
    api::FieldChecks& checks, absl::string_view start_field, bool has_start,
    const common::v1::Date& start, absl::string_view end_field, bool has_end,
    const common::v1::Date& end);

// First and last day (inclusive), Asia/Shanghai.
absl::StatusOr<std::pair<absl::CivilDay, absl::CivilDay>> ParseGetFeedbackReport(
    const v1::GetFeedbackReportRequest& request);

void ToProto(const ServiceEvaluation& evaluation, v1::ServiceEvaluation* out);
// `with_history`: GetComplaint and the changes; listings leave it out.
void ToProto(const Complaint& complaint, bool with_history, v1::Complaint* out);
// `room_names`: display names by (building_id, room_id).
void ToProto(const FeedbackFigures& figures, const std::map<RoomKey2, std::string>& room_names,
             v1::FeedbackFigures* out);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_API_FEEDBACK_REQUESTS_H_
