// One step of a meeting's lifecycle inside the caller's transaction, shared by the
// store's files: BookingStore::Transition runs it for one meeting, the series store runs
// it once per occurrence (confirm) or for a meeting and its later occurrences (cancel).
#ifndef HUIWU_SERVICES_BOOKING_STORE_LIFECYCLE_STEP_H_
#define HUIWU_SERVICES_BOOKING_STORE_LIFECYCLE_STEP_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/connection.h"
#include "services/booking/domain/meeting.h"
#include "services/booking/store/booking_store.h"

namespace huiwu::booking {

// The longest a room can be held for one meeting: the longest meeting plus the largest
// set-up and clean-up buffers the API accepts.
absl::Duration LongestHold(absl::Duration longest_meeting);

// What room clearance said before the transaction (see ClearanceCheck): not checked
// (clearance is off), or checked and `cleared` is the room and hold safety cleared
// (nullopt: the plan expected the step to take no hold).
struct ClearanceGate {
  bool checked = false;
  struct Cleared {
    std::string building_id;
    std::string room_id;
    TimeWindow hold;
  };
  std::optional<Cleared> cleared;

  // OK when the step may take `hold` of the room; else ABORTED, reason
  // CLEARANCE_OUTDATED: the meeting or room changed between the check and the
  // transaction, and a hold nobody cleared is never taken (fail closed for safety).
  absl::Status Allows(absl::string_view meeting_id, absl::string_view building_id,
                      absl::string_view room_id, TimeWindow hold) const;
};

// Which room a confirm allocates: the command's, or the meeting's when the command names
// none (ConfirmMeeting); the meeting's, or the command's when the meeting names none (an
// occurrence of ConfirmMeetingSeries).
enum class ConfirmRoom { kCommandFirst, kMeetingFirst };

// The hold a confirm of `meeting_id` by `command` would take, read before the
// transaction: nullopt when it will take none (no such meeting or room, the etag does
// not match, not SUBMITTED, no room named), so the transaction answers why.
std::optional<ClearanceGate::Cleared> PlanConfirmHold(db::Connection& c,
                                                      absl::string_view meeting_id,
                                                      const TransitionCommand& command,
                                                      ConfirmRoom room);

// Asks `clearance` (set) about `planned` (when the step will take a hold) and returns
// the gate for the step's transaction, or the error to answer.
absl::StatusOr<ClearanceGate> CheckClearance(const ClearanceCheck& clearance,
                                             const std::optional<ClearanceGate::Cleared>& planned);

// Moves `meeting`, loaded with its row lock, by `command.action`: checks the lifecycle
// (NextState), allocates the room (Confirm, via HoldRoom, only a hold `gate` allows) or
// frees it (Reject, Cancel, ReleaseNoShow), writes the row, appends the history entry
// and publishes the step's event with the meeting as it is after it. Does not check the
// etag or the request_id: those belong to the call, not to the step. On error the
// caller must roll back (HoldRoom may have written the room's booking counter).
absl::Status ApplyTransition(db::Connection& c, Meeting& meeting, const TransitionCommand& command,
                             absl::Duration longest_meeting, absl::Time now,
                             const ClearanceGate& gate = {});

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_STORE_LIFECYCLE_STEP_H_
