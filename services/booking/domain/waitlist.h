// The waitlist (候补) of a room: notices whose room was taken over their slot, served
// first come, first served when a holder gives the room up (cancelled, or released as
// a no-show). The rules here are pure; the store applies them in the transaction that
// frees the room, so a freed slot is served exactly once.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_WAITLIST_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_WAITLIST_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/booking/domain/meeting.h"
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

// The history reason of a promotion, for the organizer unit: which room, what freed it.
std::string PromotionReason(WaitlistMode mode, absl::string_view room_name,
                            absl::string_view freed_by);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_WAITLIST_H_
