// All SQL of the booking service. Statements are named constants, prepared once per
// connection; every operation is one transaction run by db::InTransaction (retried
// whole on deadlock/certification failure/lost connection).
#ifndef HUIWU_SERVICES_BOOKING_STORE_BOOKING_STORE_H_
#define HUIWU_SERVICES_BOOKING_STORE_BOOKING_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "services/booking/domain/catalog.h"
#include "services/booking/domain/meeting.h"

namespace huiwu::booking {

// Which meetings ListMeetings returns; empty/zero fields do not filter.
struct MeetingFilter {
  std::optional<TimeWindow> starts_within;  // start_time in [start, end)
  std::string building_id;                  // with room_id: one room
  std::string room_id;
  std::string organizer_unit;
  std::optional<MeetingState> state;
  std::string title_contains;
};

// A state change asked of the store; the lifecycle table itself is domain/meeting_state.
struct TransitionCommand {
  MeetingAction action;
  std::string method;      // the RPC, for request_id idempotency
  std::string request_id;  // empty: none
  std::string etag;        // empty: unconditional
  std::string actor;
  std::string reason;
  std::string building_id;  // Confirm: the room to allocate (empty: the notice's)
  std::string room_id;
  std::optional<MeetingSummary> summary;  // Complete
};

class BookingStore final {
 public:
  // `longest_meeting` bounds the overlap query's index range (DESIGN §4).
  BookingStore(db::ConnectionPool& pool, absl::Duration longest_meeting)
      : pool_(pool), longest_meeting_(longest_meeting) {}

  // With a request_id, a retry returns the building created first (and writes nothing).
  absl::StatusOr<Building> CreateBuilding(const Building& building, absl::string_view request_id,
                                          absl::Time now);
  absl::StatusOr<Building> GetBuilding(absl::string_view building_id);
  // Buildings ordered by id after `after_id`, at most `limit`.
  absl::StatusOr<std::vector<Building>> ListBuildings(absl::string_view after_id, int limit);

  absl::StatusOr<Room> CreateRoom(const Room& room, absl::string_view request_id, absl::Time now);
  absl::StatusOr<Room> GetRoom(absl::string_view building_id, absl::string_view room_id);
  // Rooms ordered by (building, room) after `after` ({} or {building_id, room_id}).
  absl::StatusOr<std::vector<Room>> ListRooms(const RoomFilter& filter,
                                              const std::vector<std::string>& after, int limit);
  // Reads the room locked, checks `etag` (when not empty), lets `apply` change it, writes
  // it back with a new version.
  absl::StatusOr<Room> UpdateRoom(absl::string_view building_id, absl::string_view room_id,
                                  absl::string_view etag, absl::FunctionRef<void(Room&)> apply,
                                  absl::Time now);
  absl::Status DeleteRoom(absl::string_view building_id, absl::string_view room_id,
                          absl::string_view etag);

  // Meetings. Create writes a SUBMITTED notice (with request_id: a retry returns the
  // first). Get returns it with attendees, agenda, services, history and occupancy.
  absl::StatusOr<Meeting> CreateMeeting(const Meeting& meeting, absl::string_view request_id,
                                        absl::string_view actor, absl::Time now);
  absl::StatusOr<Meeting> GetMeeting(absl::string_view meeting_id);
  // Moves a meeting through its lifecycle in one transaction: checks the etag and the
  // lifecycle, allocates (Confirm) or frees (Reject, Cancel, ReleaseNoShow) the room,
  // records the change in the history.
  absl::StatusOr<Meeting> Transition(absl::string_view meeting_id, const TransitionCommand& command,
                                     absl::Time now);
  // New time and/or room; for a CONFIRMED meeting the new hold is taken in the same
  // transaction that gives up the old one, so on conflict nothing changes.
  absl::StatusOr<Meeting> Reschedule(absl::string_view meeting_id, absl::string_view etag,
                                     TimeWindow window, absl::string_view building_id,
                                     absl::string_view room_id, absl::string_view request_id,
                                     absl::Time now);

 private:
  db::ConnectionPool& pool_;
  const absl::Duration longest_meeting_;
};

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_STORE_BOOKING_STORE_H_
