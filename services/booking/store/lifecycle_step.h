// One step of a meeting's lifecycle inside the caller's transaction, shared by the
// store's files: BookingStore::Transition runs it for one meeting, the series store runs
// it once per occurrence (confirm) or for a meeting and its later occurrences (cancel).
#ifndef HUIWU_SERVICES_BOOKING_STORE_LIFECYCLE_STEP_H_
#define HUIWU_SERVICES_BOOKING_STORE_LIFECYCLE_STEP_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/connection.h"
#include "services/booking/domain/meeting.h"
#include "services/booking/store/booking_store.h"
#include "services/booking/store/waitlist_rows.h"

namespace huiwu::booking {

// The longest a room can be held for one meeting: the longest meeting plus the largest
// set-up and clean-up buffers the API accepts.
absl::Duration LongestHold(absl::Duration longest_meeting);

// What room clearance said before the transaction (see ClearanceCheck): not checked
// (clearance is off), or checked and `cleared` is the room and hold safety cleared
// (nullopt: the plan expected the step to take no hold); for a release (cancel, no-show
// release), `promotions` are safety's answers for the rooms its waitlist may be
// confirmed in.
struct ClearanceGate {
  bool checked = false;
  struct Cleared {
    std::string building_id;
    std::string room_id;
    TimeWindow hold;
  };
  std::optional<Cleared> cleared;

  // Safety's answer (`clearance`: OK, or the error Check gave) for a room over `window`,
  // the span of the holds the waiting notices there would take (PlanPromotion).
  struct RoomAnswer {
    std::string building_id;
    std::string room_id;
    TimeWindow window;
    absl::Status clearance;
  };
  std::vector<RoomAnswer> promotions;

  // OK when the step may take `hold` of the room; else ABORTED, reason
  // CLEARANCE_OUTDATED: the meeting or room changed between the check and the
  // transaction, and a hold nobody cleared is never taken (fail closed for safety).
  absl::Status Allows(absl::string_view meeting_id, absl::string_view building_id,
                      absl::string_view room_id, TimeWindow hold) const;

  // What a waitlist promotion into `hold` of the room may rely on (domain PromotionFor):
  // OK when clearance is not checked, or an answer that cleared the room covers the
  // hold; that answer's error when safety refused or could not be asked; else
  // FAILED_PRECONDITION, reason CLEARANCE_NOT_ASKED (the queue changed after it was read:
  // a notice nobody asked safety about is offered, not confirmed).
  absl::Status PromotionClearance(absl::string_view building_id, absl::string_view room_id,
                                  TimeWindow hold) const;
};

// Whether `action` gives a held room up before its use, so that the room's waitlist is
// served (a cancel, a no-show release).
inline bool FreesHold(MeetingAction action) {
  return action == MeetingAction::kCancel || action == MeetingAction::kReleaseNoShow;
}

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

// Before a release's transaction: asks `clearance` (when set) about each room its
// waitlist may be confirmed in — each of `planned` (PlanPromotion, one per meeting the
// release frees) — and returns the gate that carries the answers. Safety's refusal or
// silence is an answer, not an error: the release goes ahead, and a promotion becomes
// an offer (domain PromotionFor).
ClearanceGate CheckPromotionClearance(const ClearanceCheck& clearance,
                                      const std::vector<PromotionPlan>& planned);

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
