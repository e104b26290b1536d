// The lifecycle of a meeting, from the organizer unit's notice (会议通知) to its archive.
// This is the one place that decides which action may move a meeting from which state;
// the service and the store ask here and never re-encode the table.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_MEETING_STATE_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_MEETING_STATE_H_

#include <string_view>

#include "absl/status/statusor.h"

namespace huiwu::booking {

enum class MeetingState {
  kSubmitted,   // a notice from an organizer unit, not yet confirmed by the dispatch hub
  kConfirmed,   // the dispatch hub (信息处理中心) confirmed and allocated the room
  kInProgress,  // the meeting has started
  kCompleted,   // the meeting ended; summary and archive are pending
  kArchived,    // summarised and archived (会后总结归档); read-only
  kRejected,    // the dispatch hub refused the notice; terminal
  kCancelled,   // withdrawn before it started, or released as a no-show; terminal
};

enum class MeetingAction {
  kConfirm,
  kReject,
  kCancel,
  kStart,
  kComplete,
  kArchive,
  kReleaseNoShow,
};

// Proto-style names ("SUBMITTED", "IN_PROGRESS", ...), used in error messages and metadata.
std::string_view MeetingStateName(MeetingState state);
// "CONFIRM", "RELEASE_NO_SHOW", ...
std::string_view MeetingActionName(MeetingAction action);

// The state `action` moves a meeting in state `from` to, or FAILED_PRECONDITION with
// reason INVALID_STATE_TRANSITION and metadata {current_state, action} when the center's
// lifecycle does not allow it:
//   SUBMITTED -CONFIRM-> CONFIRMED -START-> IN_PROGRESS -COMPLETE-> COMPLETED -ARCHIVE-> ARCHIVED
//   SUBMITTED -REJECT-> REJECTED (only the dispatch hub's answer to a notice)
//   SUBMITTED or CONFIRMED -CANCEL-> CANCELLED (any time before it starts)
//   CONFIRMED -RELEASE_NO_SHOW-> CANCELLED (nobody signed in; see no_show.h)
// Whether the caller gave the reason that REJECT and CANCEL require is checked by the
// request validation, not here.
absl::StatusOr<MeetingState> NextState(MeetingState from, MeetingAction action);

// Whether a meeting in `state` holds its room (with its set-up and clean-up buffers), so
// that no other meeting may be booked over it. A SUBMITTED notice does not: the room is
// only allocated when the dispatch hub confirms. A COMPLETED (and then ARCHIVED) meeting
// keeps its hold, shortened to end one clean-up after the actual end: the tea sets are
// disinfected after every meeting (一会一消毒) even when it ends early or is archived at
// once. Rejected and cancelled meetings give the room up.
bool OccupiesRoom(MeetingState state);

// Whether a meeting in `state` may no longer be edited: archived records are kept as
// they are, and rejected or cancelled notices are final.
bool IsReadOnly(MeetingState state);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_MEETING_STATE_H_
