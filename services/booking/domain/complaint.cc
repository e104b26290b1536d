#include "services/booking/domain/complaint.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace huiwu::booking {
namespace {

// What to do instead, for a step refused in `state`.
absl::string_view AdviceIn(ComplaintState state) {
  switch (state) {
    case ComplaintState::kRecorded:
      return "assign it first (AssignComplaint)";
    case ComplaintState::kAssigned:
      return "answer it (AnswerComplaint) before closing it";
    case ComplaintState::kAnswered:
      return "it is answered: close it (CloseComplaint), or record a new complaint";
    case ComplaintState::kClosed:
      return "it is closed and read-only: record a new complaint";
  }
  return "";
}

}  // namespace

absl::string_view ComplaintStateName(ComplaintState state) {
  switch (state) {
    case ComplaintState::kRecorded:
      return "RECORDED";
    case ComplaintState::kAssigned:
      return "ASSIGNED";
    case ComplaintState::kAnswered:
      return "ANSWERED";
    case ComplaintState::kClosed:
      return "CLOSED";
  }
  return "UNSPECIFIED";
}

absl::string_view ComplaintActionName(ComplaintAction action) {
  switch (action) {
    case ComplaintAction::kAssign:
      return "assign";
    case ComplaintAction::kAnswer:
      return "answer";
    case ComplaintAction::kClose:
      return "close";
  }
  return "";
}

ComplaintState StateAfter(ComplaintAction action) {
  switch (action) {
    case ComplaintAction::kAssign:
      return ComplaintState::kAssigned;
    case ComplaintAction::kAnswer:
      return ComplaintState::kAnswered;
    case ComplaintAction::kClose:
      return ComplaintState::kClosed;
  }
  return ComplaintState::kRecorded;
}

absl::Status CheckComplaintStep(ComplaintState from, ComplaintAction action,
                                const std::string& complaint_name) {
  bool allowed = false;
  switch (action) {
    case ComplaintAction::kAssign:
      allowed = from == ComplaintState::kRecorded || from == ComplaintState::kAssigned;
      break;
    case ComplaintAction::kAnswer:
      allowed = from == ComplaintState::kAssigned;
      break;
    case ComplaintAction::kClose:
      allowed = from == ComplaintState::kAnswered;
      break;
  }
  if (allowed) return absl::OkStatus();
  return ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "COMPLAINT_STATE_CONFLICT",
      absl::StrCat("cannot ", ComplaintActionName(action), " ", complaint_name, ", which is ",
                   ComplaintStateName(from), "; ", AdviceIn(from)),
      {{"complaint", complaint_name}, {"state", std::string(ComplaintStateName(from))}});
}

Complaint RecordedComplaint(Complaint complaint, const std::string& actor, absl::Time now) {
  complaint.state = ComplaintState::kRecorded;
  complaint.assignee.clear();
  complaint.answer.clear();
  complaint.history = {
      ComplaintChange{ComplaintState::kRecorded, ComplaintState::kRecorded, actor, now, ""}};
  complaint.version = 1;
  complaint.create_time = now;
  complaint.update_time = now;
  return complaint;
}

absl::Status ApplyComplaintAction(Complaint& complaint, ComplaintAction action,
                                  const std::string& text, const std::string& actor,
                                  absl::Time now) {
  const absl::Status step =
      CheckComplaintStep(complaint.state, action, absl::StrCat("complaints/", complaint.id));
  if (!step.ok()) return step;
  if (action == ComplaintAction::kAssign) complaint.assignee = text;
  if (action == ComplaintAction::kAnswer) complaint.answer = text;
  const ComplaintState to = StateAfter(action);
  complaint.history.push_back(ComplaintChange{complaint.state, to, actor, now, text});
  complaint.state = to;
  complaint.update_time = now;
  ++complaint.version;
  return absl::OkStatus();
}

}  // namespace huiwu::booking
