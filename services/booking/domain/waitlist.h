// The waitlist (候补) of a room: notices whose room was taken over their slot, served
// first come, first served when a holder gives the room up (cancelled, or released as
// a no-show). The rules here are pure; the store applies them in the transaction that
// frees the room, so a freed slot is served exactly once.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_WAITLIST_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_WAITLIST_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/booking/domain/meeting.h"
#include "services/booking/domain/time_window.h"
#include "services/booking/domain/waitlist_entry.h"

namespace huiwu::booking {

// How many waiting notices one release examines at most: the release's transaction
// stays short (each candidate costs a locked read and a hold attempt) while a room's
// queue for one slot is, in practice, a handful of notices.
inline constexpr int kMaxWaitlistCandidates = 10;

// Whether `meeting` may join the waitlist of the room it names at `now`: it is SUBMITTED
// (INVALID_STATE_TRANSITION), names a room (ROOM_REQUIRED) and has not started
// (SLOT_PASSED) — a slot in the past can never be freed for it. FAILED_PRECONDITION
// with the reason; OK otherwise. Rights and whether the room is taken are the store's
// to check, on the locked room row.
absl::Status CheckCanWaitlist(const Meeting& meeting, absl::Time now);

// What a release does with one entry of the freed room's queue.
enum class WaitlistVerdict {
  kServe,  // try it: confirm it (or offer the slot) if it now fits
  kSkip,   // leave it waiting: already offered a slot, which it may still take
  kDrop,   // remove it: the wait has ended (see WaitlistEntryVerdict)
};

// The verdict on `entry` for `meeting` (its notice, read under its row lock) at `now`.
// kDrop when the notice is no longer SUBMITTED (confirmed elsewhere, rejected,
// cancelled), names another room than the one it waits for (moved), or has started
// (the entry lapsed: 候补 only for a slot still to come).
WaitlistVerdict WaitlistEntryVerdict(const WaitlistEntry& entry, const Meeting& meeting,
                                     absl::Time now);

// Whether `entry` is a live wait of `meeting` (shown as Meeting.waitlist): the notice is
// SUBMITTED and still names the entry's room. A lapsed entry is shown (with its
// expire_time passed) until a release of the room around its slot removes it.
bool IsLiveWait(const WaitlistEntry& entry, const Meeting& meeting);

// The window a release asks safety to clear, before its transaction, for the waiting
// notices it may confirm: the span of the holds they would take (`holds`), one question
// for the room rather than one per notice. A longer window never has fewer blocks (open
// hazards and overdue inspections block any window; a pending disinfection blocks every
// window ending after its meeting), so a span safety clears clears each hold within it.
// nullopt when `holds` is empty: nobody to confirm, nothing to ask.
std::optional<TimeWindow> PromotionClearanceWindow(const std::vector<TimeWindow>& holds);

// What a release does for the first waiting notice that fits, and the history reason
// the organizer unit and the dispatch hub read.
struct Promotion {
  WaitlistMode mode = WaitlistMode::kAutoConfirm;  // confirm it, or offer it the slot
  std::string reason;
};

// The promotion in `room_name` freed by `freed_by`: as the room's waitlist_mode says,
// except that AUTO_CONFIRM offers instead of confirming unless `clearance` (safety's
// answer for the notice's hold, asked before the release's transaction; OK when the
// service checks no clearance) is OK. A room with an open hazard that blocks bookings
// must not get a confirmed meeting, and a room safety could not be asked about is not
// taken for clear (as ConfirmMeeting fails closed); an offer holds nothing, and the
// dispatch hub's ConfirmMeeting asks safety again. The reason then says why, by the
// answer's reason and what blocks it (ErrorInfo reason, metadata "blocks").
Promotion PromotionFor(WaitlistMode room_mode, const absl::Status& clearance,
                       absl::string_view room_name, absl::string_view freed_by);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_WAITLIST_H_
