// All SQL of the booking service. Statements are named constants, prepared once per
// connection; every operation is one transaction run by db::InTransaction (retried
// whole on deadlock/certification failure/lost connection).
#ifndef HUIWU_SERVICES_BOOKING_STORE_BOOKING_STORE_H_
#define HUIWU_SERVICES_BOOKING_STORE_BOOKING_STORE_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "services/booking/domain/attendance.h"
#include "services/booking/domain/catalog.h"
#include "services/booking/domain/material_copies.h"
#include "services/booking/domain/meeting.h"
#include "services/booking/domain/recurrence.h"

namespace huiwu::booking {

// Sign-in and attendance (attendance_store.cc).
// Who signs in to which meeting: a listed attendee by id, or a walk-in under its
// WalkInId (api/attendance_requests.h) with the name and unit given at the door.
struct SignInCommand {
  std::string meeting_id;
  std::string attendee_id;
  bool walk_in = false;
  std::string name;  // walk-ins; a listed attendee's come from the list
  std::string unit;
};

struct SignInResult {
  std::string attendee_id;
  bool already_signed_in = false;
  absl::Time sign_in_time;  // the first sign-in: a second one never overwrites it
};

struct AttendanceReport {
  AttendanceFigures figures;
  std::vector<Attendee> absentees;  // figures.absentee_ids, in list order
};

// Availability and schedules (availability_store.cc).
// A room free for a window, with the hold it would take (its default buffers).
struct AvailableRoom {
  Room room;
  TimeWindow hold;
};

// A hold of a room, and the meeting holding it.
struct BusyBlock {
  TimeWindow hold;
  std::string meeting_id;
  std::string title;
  MeetingState state = MeetingState::kConfirmed;
  bool confidential = false;  // the title is masked for callers without the right
  std::string organizer_unit;
};

struct RoomSchedule {
  Room room;
  std::vector<BusyBlock> busy;  // by start
};

// Which meetings ListMeetings returns; empty/zero fields do not filter.
struct MeetingFilter {
  std::optional<TimeWindow> starts_within;  // start_time in [start, end)
  std::string building_id;                  // with room_id: one room
  std::string room_id;
  std::string organizer_unit;
  std::optional<MeetingState> state;
  std::string title_contains;
  // Who searches by title: a confidential meeting it may not see is not matched by its
  // title, or the search would tell the title (common/api/confidential.h).
  bool title_sees_confidential = true;
  std::string title_viewer_unit;
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
  // A unit-bound caller's organizer unit: another unit's meeting is MEETING_NOT_FOUND
  // (LoadScopedMeeting). Empty: every unit's.
  std::string organizer_scope;
};

// Whether a room may be used over a hold: booking asks safety (room_clearance.h). OK, or
// the error to answer (FAILED_PRECONDITION ROOM_NOT_CLEARED, UNAVAILABLE
// SAFETY_UNAVAILABLE). The store calls it before the transaction that takes the hold,
// never inside one: it may wait for another service up to a deadline, and no row may
// stay locked meanwhile. Empty: clearance is not checked.
using ClearanceCheck = std::function<absl::Status(absl::string_view building_id,
                                                  absl::string_view room_id, TimeWindow hold)>;

// Which meetings a hazard flags (FlagMeetings): every SUBMITTED or CONFIRMED meeting of
// the room (or, room_id empty, of every room of the building) that ends after now.
struct FlagCommand {
  std::string building_id;
  std::string room_id;  // empty: the whole building
  std::string hazard;   // `hazards/{hazard}`
  std::string reason;
};

// Recurring series (series_store.cc): the rule and the occurrences in time order.
struct MeetingSeriesRecord {
  std::string id;
  RecurrenceRule rule;
  std::vector<Meeting> meetings;
};

// What ConfirmMeetingSeries did to one occurrence (the API's OccurrenceOutcome).
enum class OccurrenceOutcome {
  kConfirmed,
  kAlreadyConfirmed,
  kConflict,
  kNotConfirmable,
  kRefused
};

struct OccurrenceResult {
  std::string meeting_id;
  absl::Time start;
  OccurrenceOutcome outcome = OccurrenceOutcome::kRefused;
  std::string conflicting_meeting;  // kConflict: `meetings/{id}` holding the room
  std::string detail;               // kRefused: why
};

// A meeting's numbered material copies (material_copy_store.cc), with what decides who
// sees their holders (a confidential meeting's are its content).
struct MaterialCopyList {
  bool confidential = false;
  std::string organizer_unit;
  std::vector<MaterialCopy> copies;  // by number
};

// A CONFIRMED meeting nobody signed in to, as the no-show sweep reads it.
struct NoShowCandidate {
  std::string meeting_id;
  MeetingKind kind = MeetingKind::kInternal;
  bool vip = false;  // requirements.vip or a VIP room (the kind is checked by the rule)
  absl::Time start;
};

// WaitlistMeeting or LeaveWaitlist (waitlist_store.cc), for one notice.
struct WaitlistCommand {
  std::string method;      // the RPC, for request_id idempotency
  std::string request_id;  // empty: none
  std::string etag;        // empty: unconditional
  std::string actor;
  std::string organizer_scope;  // as TransitionCommand's
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
  // Refused (FAILED_PRECONDITION, reason ROOM_HAS_FUTURE_MEETINGS) while a SUBMITTED,
  // CONFIRMED or IN_PROGRESS meeting of the room ends after `now`.
  absl::Status DeleteRoom(absl::string_view building_id, absl::string_view room_id,
                          absl::string_view etag, absl::Time now);

  // Meetings. Create writes a SUBMITTED notice (with request_id: a retry returns the
  // first). Get returns it with attendees, agenda, services, history and occupancy.
  absl::StatusOr<Meeting> CreateMeeting(const Meeting& meeting, absl::string_view request_id,
                                        absl::string_view actor, absl::Time now);
  // `organizer_scope` here and below: a unit-bound caller's unit, whose meetings alone it
  // sees (another's is MEETING_NOT_FOUND); empty: every unit's.
  absl::StatusOr<Meeting> GetMeeting(absl::string_view meeting_id,
                                     absl::string_view organizer_scope = {});
  // Moves a meeting through its lifecycle in one transaction: checks the etag and the
  // lifecycle, allocates (Confirm) or frees (Reject, Cancel, ReleaseNoShow) the room,
  // records the change in the history and publishes its event. A confirm that will take
  // a hold first asks `clearance` (when set) for exactly that room and hold, and the
  // transaction takes only a hold so cleared (else ABORTED, reason CLEARANCE_OUTDATED).
  // A cancel or no-show release that may confirm a waiting notice (an AUTO_CONFIRM room
  // with notices waiting near the freed hold) first asks `clearance` about that room; a
  // notice safety did not clear is offered the slot instead (ServeWaitlist). The release
  // itself goes ahead whatever safety answers, or if it does not.
  absl::StatusOr<Meeting> Transition(absl::string_view meeting_id, const TransitionCommand& command,
                                     absl::Time now, const ClearanceCheck& clearance = {});
  // New time and/or room; for a CONFIRMED meeting the new hold is taken in the same
  // transaction that gives up the old one, so on conflict nothing changes. A CONFIRMED
  // meeting's new hold is cleared first like a confirm's (`clearance`, when set).
  absl::StatusOr<Meeting> Reschedule(absl::string_view meeting_id, absl::string_view etag,
                                     TimeWindow window, absl::string_view building_id,
                                     absl::string_view room_id, absl::string_view request_id,
                                     absl::Time now, const ClearanceCheck& clearance = {},
                                     absl::string_view organizer_scope = {});
  // Meeting rows (no attendees, agenda, services or history; with the hold) matching
  // `filter`, by (start_time, meeting_id) after the cursor (`after_start`, `after_id`;
  // nullopt: from the first), at most `limit`; one query (meeting_list_store.cc).
  absl::StatusOr<std::vector<Meeting>> ListMeetings(const MeetingFilter& filter,
                                                    std::optional<absl::Time> after_start,
                                                    absl::string_view after_id, int limit);
  // Changes a meeting's details in one transaction (meeting_update_store.cc): checks
  // `etag`; refuses a read-only meeting (MEETING_READ_ONLY), a summary before COMPLETED
  // (MEETING_NOT_COMPLETED) and a CONFIRMED meeting outgrowing its room (ROOM_TOO_SMALL);
  // `apply` sets the new values. With `following`, every later SUBMITTED or CONFIRMED
  // occurrence of the meeting's series gets the same change, in the same transaction.
  absl::StatusOr<Meeting> UpdateMeeting(absl::string_view meeting_id, absl::string_view etag,
                                        bool following,
                                        absl::FunctionRef<absl::Status(Meeting&)> apply,
                                        absl::Time now, absl::string_view organizer_scope = {});

  // Recurring series (series_store.cc).
  // Writes the series and one SUBMITTED meeting per occurrence window (copies of `first`
  // at those times) in one transaction; with request_id a retry returns the first series.
  absl::StatusOr<MeetingSeriesRecord> CreateMeetingSeries(const Meeting& first,
                                                          const RecurrenceRule& rule,
                                                          const std::vector<TimeWindow>& windows,
                                                          absl::string_view request_id,
                                                          absl::string_view actor, absl::Time now);
  // Tries to confirm every occurrence, in time order, each in its own transaction so that
  // one taken slot does not undo the others; `command` is a kConfirm whose room (if any)
  // applies to occurrences that name none. Each occurrence's hold is cleared first, as
  // Transition does: one not cleared is kRefused with the reason; when clearance cannot
  // be checked the call stops with that error (the occurrences before stay confirmed and
  // a retry reports them). One result per occurrence.
  absl::StatusOr<std::vector<OccurrenceResult>> ConfirmMeetingSeries(
      absl::string_view series_id, const TransitionCommand& command, absl::Time now,
      const ClearanceCheck& clearance = {});
  // Cancels the meeting and every later SUBMITTED or CONFIRMED occurrence of its series
  // in one transaction, freeing their rooms. Returns the named meeting, then the ids of
  // all meetings cancelled (the named one first). Each freed room's waitlist is served
  // as a single cancel serves it, `clearance` (when set) asked first.
  absl::StatusOr<std::pair<Meeting, std::vector<std::string>>> CancelThisAndFollowing(
      absl::string_view meeting_id, const TransitionCommand& command, absl::Time now,
      const ClearanceCheck& clearance = {});
  // CONFIRMED meetings that started in [`started_after`, `started_by`] and have no
  // sign-in, oldest first, at most `limit` (one query; the no-show sweep).
  absl::StatusOr<std::vector<NoShowCandidate>> ListNoShowCandidates(absl::Time started_after,
                                                                    absl::Time started_by,
                                                                    int limit);

  // Flags the meetings a hazard affects (flag_store.cc), in one transaction, each once
  // per hazard: a repeated or redelivered event flags nothing twice. Publishes
  // MeetingFlagged for each meeting newly flagged and returns their ids.
  absl::StatusOr<std::vector<std::string>> FlagMeetings(const FlagCommand& command, absl::Time now);

  // Numbered material copies (material_copy_store.cc; 保密文件编号发放、回收).
  // Records `copy` (meeting_id, number, holder, holder_unit, issued_by) as handed out,
  // writing its meeting's row so that an archive on another Galera node conflicts with
  // it. MEETING_NOT_FOUND (also for another unit's meeting), FAILED_PRECONDITION
  // MEETING_READ_ONLY for an archived meeting, ALREADY_EXISTS MATERIAL_COPY_EXISTS for a
  // number already recorded. With request_id a retry returns the copy as it is now.
  absl::StatusOr<MaterialCopy> IssueMaterialCopy(const MaterialCopy& copy,
                                                 absl::string_view request_id,
                                                 absl::string_view organizer_scope, absl::Time now);
  // Recovers (`to` kRecovered) or writes off (kWrittenOff, with `reason`) a copy that is
  // out; FAILED_PRECONDITION MATERIAL_COPY_NOT_OUT otherwise, NOT_FOUND
  // MATERIAL_COPY_NOT_FOUND for a number never handed out.
  absl::StatusOr<MaterialCopy> CloseMaterialCopy(absl::string_view meeting_id,
                                                 absl::string_view number, MaterialCopyState to,
                                                 absl::string_view reason, absl::string_view actor,
                                                 absl::string_view organizer_scope, absl::Time now);
  absl::StatusOr<MaterialCopyList> ListMaterialCopies(absl::string_view meeting_id,
                                                      absl::string_view organizer_scope = {});

  // Sign-in and attendance (attendance_store.cc).
  // Signs someone in (签到) to a meeting that is CONFIRMED (from 60 minutes before its
  // start) or IN_PROGRESS, else FAILED_PRECONDITION reason SIGN_IN_CLOSED; a listed
  // attendee must be on the list (NOT_FOUND, reason ATTENDEE_NOT_FOUND). Signing in
  // again writes nothing and answers already_signed_in with the first time.
  absl::StatusOr<SignInResult> SignIn(const SignInCommand& who, absl::Time now);
  // The meeting's list against its sign-ins: one query besides LoadMeeting.
  absl::StatusOr<AttendanceReport> GetAttendance(absl::string_view meeting_id,
                                                 absl::string_view organizer_scope = {});

  // The waitlist (waitlist_store.cc; the rules in domain/waitlist.h). Join: the notice
  // (SUBMITTED, naming a room, not started) joins its room's queue when the rights admit
  // it and the room is taken over its hold; ALREADY_EXISTS (ALREADY_WAITLISTED) when it
  // waits already, FAILED_PRECONDITION ROOM_AVAILABLE when the room is free. Leave:
  // FAILED_PRECONDITION NOT_WAITLISTED when it does not wait. Each writes the history,
  // a new etag and MeetingUpdated; the answer carries the meeting's waitlist place.
  absl::StatusOr<Meeting> WaitlistMeeting(absl::string_view meeting_id,
                                          const WaitlistCommand& command, absl::Time now);
  absl::StatusOr<Meeting> LeaveWaitlist(absl::string_view meeting_id,
                                        const WaitlistCommand& command, absl::Time now);

  // Availability and schedules (availability_store.cc).
  // ACTIVE rooms meeting `requirements` whose hold for `window` (with their default
  // buffers) overlaps no other hold, unranked (the domain ranks them): two queries.
  absl::StatusOr<std::vector<AvailableRoom>> FindAvailableRooms(
      TimeWindow window, const RoomRequirements& requirements);
  // Every room matching (empty ids: any), ordered by resource name, each with the holds
  // overlapping `window`: two queries, whatever the number of rooms. NOT_FOUND for an
  // unknown room or building.
  absl::StatusOr<std::vector<RoomSchedule>> GetRoomSchedule(absl::string_view building_id,
                                                            absl::string_view room_id,
                                                            TimeWindow window);

  // What the domain gauges show (gauge_store.cc): the meetings starting within `window`
  // by state, and how many rooms a CONFIRMED or IN_PROGRESS meeting holds at `now` (its
  // set-up and clean-up included).
  absl::StatusOr<std::map<MeetingState, int64_t>> CountMeetingsByState(TimeWindow starts_within);
  absl::StatusOr<int64_t> CountRoomsInUse(absl::Time now);

 private:
  db::ConnectionPool& pool_;
  const absl::Duration longest_meeting_;
};

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_STORE_BOOKING_STORE_H_
