// Room rights and the waitlist inside the caller's transaction: the two points where
// the lifecycle (lifecycle_step.h, meeting_store.cc) calls in, kept here so that the
// confirm and cancel transactions each gain one call. Every function throws
// sql::SQLException like the driver.
#ifndef HUIWU_SERVICES_BOOKING_STORE_WAITLIST_ROWS_H_
#define HUIWU_SERVICES_BOOKING_STORE_WAITLIST_ROWS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/connection.h"
#include "services/booking/domain/meeting.h"
#include "services/booking/domain/time_window.h"
#include "services/booking/domain/waitlist_entry.h"

namespace huiwu::booking {

struct ClearanceGate;  // lifecycle_step.h

// OK when the room's rights (domain/room_rights.h) admit `meeting`'s organizer unit and
// kind; else FAILED_PRECONDITION, reason ROOM_RESTRICTED, metadata "room" and
// "organizer_unit" or "kind". Reads the room row with its lock (FOR UPDATE), the row the
// booking then writes (booking_seq): an UpdateRoom changing the rights is ordered
// against the confirm on this server, and on Galera the later of the two is refused at
// commit. OK for an unknown room (the hold answers ROOM_NOT_FOUND).
absl::Status CheckRoomRights(db::Connection& c, const Meeting& meeting,
                             absl::string_view building_id, absl::string_view room_id);

// Serves the waitlist of `freed`'s room after `freed` gave up `freed_hold` of it in this
// transaction (cancelled, or released as a no-show): among the entries whose slot can
// reach the freed hold (only those can newly fit), the first waiting notice (by join
// time) that now fits is confirmed through the lifecycle (its history, MeetingConfirmed)
// or offered the slot, per the room's waitlist_mode and, for a confirm, safety's
// clearance of its hold as `gate` carries it (asked before the transaction; a notice
// not cleared is offered instead: domain PromotionFor); MeetingWaitlistPromoted is
// published. Entries whose wait has ended are removed on the way (WaitlistEntryVerdict).
// Takes the room row's lock first (writing booking_seq, as a booking does), so two
// releases of one room, or a release and a WaitlistMeeting, are ordered and a slot is
// served once. At most kMaxWaitlistCandidates entries are examined. Entries of other
// slots are left for the release of their own slot (or their own LeaveWaitlist).
absl::Status ServeWaitlist(db::Connection& c, const Meeting& freed, TimeWindow freed_hold,
                           absl::Duration longest_meeting, absl::string_view actor, absl::Time now,
                           const ClearanceGate& gate);

// The room a release of `meeting_id` would free and the span of the holds of the notices
// waiting for it that the release could confirm (domain PromotionClearanceWindow): what
// to ask safety before the release's transaction.
struct PromotionPlan {
  std::string building_id;
  std::string room_id;
  TimeWindow window;
};

// Read before a release's transaction, without locks, in one statement: the plan when
// a promotion there could be a confirm — the meeting holds a room whose waitlist_mode is
// AUTO_CONFIRM, and notices not yet offered wait for a slot that can reach its hold (the
// entries ServeWaitlist would examine) — else nullopt: nothing to ask safety, which a
// cancel of a room nobody waits for, the usual case, never waits on.
std::optional<PromotionPlan> PlanPromotion(db::Connection& c, absl::string_view meeting_id);

// The meeting's live place on a waitlist (domain IsLiveWait), or nullopt.
std::optional<WaitlistEntry> LoadWaitlistPlace(db::Connection& c, const Meeting& meeting);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_STORE_WAITLIST_ROWS_H_
