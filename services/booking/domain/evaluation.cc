#include "services/booking/domain/evaluation.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace huiwu::booking {

absl::Status CheckEvaluable(MeetingState state, const std::string& meeting_name) {
  if (state == MeetingState::kCompleted || state == MeetingState::kArchived) {
    return absl::OkStatus();
  }
  return ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "MEETING_NOT_COMPLETED",
      absl::StrCat(meeting_name, " is ", std::string(MeetingStateName(state)),
                   "; its service can be rated once it is COMPLETED (after CompleteMeeting)"),
      {{"meeting", meeting_name}, {"state", std::string(MeetingStateName(state))}});
}

absl::Status EvaluationExists(const std::string& meeting_name) {
  return ErrorWithReason(
      absl::StatusCode::kAlreadyExists, "EVALUATION_EXISTS",
      absl::StrCat(meeting_name,
                   " has been rated already and an evaluation is final; read it with "
                   "GetServiceEvaluation, or record a complaint (RecordComplaint)"),
      {{"meeting", meeting_name}});
}

}  // namespace huiwu::booking
