// Row-level building blocks of the meeting store, shared by its files (meetings,
// series, attendance, availability). Every function runs inside the caller's
// transaction and throws sql::SQLException like the driver.
#ifndef HUIWU_SERVICES_BOOKING_STORE_MEETING_ROWS_H_
#define HUIWU_SERVICES_BOOKING_STORE_MEETING_ROWS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/connection.h"
#include "services/booking/api/meeting_events.h"
#include "services/booking/domain/catalog.h"
#include "services/booking/domain/material_copies.h"
#include "services/booking/domain/meeting.h"

namespace sql {
class ResultSet;
}

namespace huiwu::booking {

// "meetings/{id}".
std::string MeetingName(absl::string_view meeting_id);

// A fresh random meeting id (16 hex digits): unguessable, unique in practice, and
// free of any ordering assumption (Galera strides auto-increments).
std::string NewMeetingId();

// Writes the meeting row and its attendees, agenda and services (version 1).
void InsertMeeting(db::Connection& c, const Meeting& meeting);

// Rewrites the meeting row's mutable columns (and, when `children`, its attendees,
// agenda and services) with version + 1.
void UpdateMeetingRow(db::Connection& c, const Meeting& meeting, bool children);

// The meeting with everything: children, history, occupancy. `lock` takes the row lock
// (for a change). nullopt when there is no such meeting.
std::optional<Meeting> LoadMeeting(db::Connection& c, absl::string_view meeting_id, bool lock);

// LoadMeeting for a caller that sees only `organizer_scope`'s meetings (a unit-bound
// caller's organizer unit; empty: every unit's). Another unit's meeting is nullopt, like
// a missing one, so that the answer (MEETING_NOT_FOUND) tells the caller nothing of it
// (issue 11: no existence leak).
std::optional<Meeting> LoadScopedMeeting(db::Connection& c, absl::string_view meeting_id, bool lock,
                                         absl::string_view organizer_scope);

// The meeting row alone, unlocked (no children, hold or flags); nullopt when there is
// no such meeting. For reads before a transaction, e.g. planning a hold.
std::optional<Meeting> LoadMeetingRow(db::Connection& c, absl::string_view meeting_id);

// The meeting row alone (no children), as ListMeetings returns it.
Meeting ReadMeetingRow(sql::ResultSet& row);
extern const char kMeetingColumns[];
// How many columns kMeetingColumns lists: the queries that select more after them
// number theirs from here.
inline constexpr int kMeetingColumnCount = 31;

// The meeting's numbered material copies by number, read with a shared lock (under the
// archive's meeting row lock: see material_copy_store.cc).
std::vector<MaterialCopy> LoadMaterialCopiesLocked(db::Connection& c, absl::string_view meeting_id);

// Appends a state change to the meeting's history.
void AppendHistory(db::Connection& c, absl::string_view meeting_id, const StateChange& change);

// Takes `room` for the meeting over its hold [start − set-up, end + clean-up), replacing
// any hold the meeting had. First writes the room's booking counter, so concurrent
// bookings of the room serialize here and, on Galera, conflict at certification; then
// checks the room is bookable, big enough, and free (an index range bounded by
// `longest_hold`). FAILED_PRECONDITION with reason ROOM_CONFLICT and the holder in
// metadata "conflicting_meeting"; ROOM_NOT_BOOKABLE; ROOM_TOO_SMALL. NOT_FOUND for an
// unknown room. Returns the hold taken.
absl::StatusOr<TimeWindow> HoldRoom(db::Connection& c, const Meeting& meeting,
                                    absl::string_view building_id, absl::string_view room_id,
                                    absl::Duration longest_hold);

// The hold `meeting` would take of the room (its window with its buffers or the room's
// defaults), as HoldRoom computes it; nullopt when there is no such room.
std::optional<TimeWindow> PlanHold(db::Connection& c, const Meeting& meeting,
                                   absl::string_view building_id, absl::string_view room_id);

// Shortens the meeting's hold to end at `end` (completion: clean-up after the actual end).
void ShortenHold(db::Connection& c, absl::string_view meeting_id, absl::Time end);

// Gives the room up (cancel, reject, no-show).
void ReleaseHold(db::Connection& c, absl::string_view meeting_id);

// NOT_FOUND (reason ROOM_NOT_FOUND) unless the room exists: a notice may name no room,
// but never one the center does not have. Call it in the transaction that stores a
// notice naming the room: it writes the room row (notice_seq), as DeleteRoom does, so
// that a delete racing the notice, on this node or another Galera node, is ordered
// against it (0006_room_notice_seq.sql).
absl::Status ReferenceRoom(db::Connection& c, absl::string_view building_id,
                           absl::string_view room_id);

// Throws the driver's deadlock error (1213), which db::InTransaction retries: for a
// transaction that finds a row it wrote itself gone. On Galera the cluster can roll a
// transaction back between two of its statements (a write set from another node won a
// row it wrote: the room row a notice writes, say), and the statements after it run in
// a new transaction (common/db/transaction.cc), so reading back its own insert can find
// nothing.
[[noreturn]] void RetryRolledBack(absl::string_view what);

// NOT_FOUND for a meeting (reason MEETING_NOT_FOUND).
absl::Status MeetingNotFound(absl::string_view meeting_id);

// Appends `event` to the outbox in the caller's transaction (common/events/outbox.h):
// the change and its event commit together or not at all.
void PublishEvent(db::Connection& c, const OutboxEvent& event, absl::Time now);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_STORE_MEETING_ROWS_H_
