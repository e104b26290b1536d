#include "services/booking/domain/meeting_state.h"

#include <array>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"

namespace huiwu::booking {
namespace {

struct Transition {
  MeetingState from;
  MeetingAction action;
  MeetingState to;
};

// The whole lifecycle; every pair not listed here is refused.
constexpr std::array<Transition, 8> kTransitions = {{
    {MeetingState::kSubmitted, MeetingAction::kConfirm, MeetingState::kConfirmed},
    {MeetingState::kSubmitted, MeetingAction::kReject, MeetingState::kRejected},
    {MeetingState::kSubmitted, MeetingAction::kCancel, MeetingState::kCancelled},
    {MeetingState::kConfirmed, MeetingAction::kCancel, MeetingState::kCancelled},
    {MeetingState::kConfirmed, MeetingAction::kStart, MeetingState::kInProgress},
    {MeetingState::kConfirmed, MeetingAction::kReleaseNoShow, MeetingState::kCancelled},
    {MeetingState::kInProgress, MeetingAction::kComplete, MeetingState::kCompleted},
    {MeetingState::kCompleted, MeetingAction::kArchive, MeetingState::kArchived},
}};

// What the caller can do about a refused action, by the state the meeting is in.
const char* AdviceFor(MeetingState current) {
  if (IsReadOnly(current)) {
    return "the meeting can no longer change; submit a new meeting notice instead";
  }
  return "reload the meeting to see its current state and retry only an allowed action";
}

}  // namespace

std::string_view MeetingStateName(MeetingState state) {
  switch (state) {
    case MeetingState::kSubmitted:
      return "SUBMITTED";
    case MeetingState::kConfirmed:
      return "CONFIRMED";
    case MeetingState::kInProgress:
      return "IN_PROGRESS";
    case MeetingState::kCompleted:
      return "COMPLETED";
    case MeetingState::kArchived:
      return "ARCHIVED";
    case MeetingState::kRejected:
      return "REJECTED";
    case MeetingState::kCancelled:
      return "CANCELLED";
  }
  return "MEETING_STATE_UNSPECIFIED";
}

std::string_view MeetingActionName(MeetingAction action) {
  switch (action) {
    case MeetingAction::kConfirm:
      return "CONFIRM";
    case MeetingAction::kReject:
      return "REJECT";
    case MeetingAction::kCancel:
      return "CANCEL";
    case MeetingAction::kStart:
      return "START";
    case MeetingAction::kComplete:
      return "COMPLETE";
    case MeetingAction::kArchive:
      return "ARCHIVE";
    case MeetingAction::kReleaseNoShow:
      return "RELEASE_NO_SHOW";
  }
  return "MEETING_ACTION_UNSPECIFIED";
}

absl::StatusOr<MeetingState> NextState(MeetingState from, MeetingAction action) {
  // std::string, not std::string_view: this Abseil build has its own absl::string_view,
  // which absl::StrCat requires.
  std::vector<std::string> allowed_from;
  for (const Transition& t : kTransitions) {
    if (t.action != action) continue;
    if (t.from == from) return t.to;
    allowed_from.emplace_back(MeetingStateName(t.from));
  }
  const std::string current(MeetingStateName(from));
  const std::string verb(MeetingActionName(action));
  return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "INVALID_STATE_TRANSITION",
                         absl::StrCat("cannot ", verb, " a meeting that is ", current, ": ", verb,
                                      " is allowed only from ", absl::StrJoin(allowed_from, " or "),
                                      "; ", AdviceFor(from)),
                         {{"current_state", current}, {"action", verb}});
}

bool OccupiesRoom(MeetingState state) {
  return state == MeetingState::kConfirmed || state == MeetingState::kInProgress ||
         state == MeetingState::kCompleted || state == MeetingState::kArchived;
}

bool IsReadOnly(MeetingState state) {
  return state == MeetingState::kArchived || state == MeetingState::kRejected ||
         state == MeetingState::kCancelled;
}

}  // namespace huiwu::booking
