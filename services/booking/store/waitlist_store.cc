// BookingStore: joining and leaving a room's waitlist (候补). Serving it, when a holder
// gives the room up, is ServeWaitlist (waitlist_rows.h), inside the release.
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/api/etag_check.h"
#include "common/db/idempotency.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/booking/domain/waitlist.h"
#include "services/booking/store/booking_store.h"
#include "services/booking/store/lifecycle_step.h"
#include "services/booking/store/meeting_rows.h"
#include "services/booking/store/waitlist_rows.h"

namespace huiwu::booking {
namespace {

constexpr char kSelectEntryForUpdate[] =
    "SELECT building_id, room_id FROM waitlist_entries WHERE meeting_id = ? FOR UPDATE";
constexpr char kDeleteEntry[] = "DELETE FROM waitlist_entries WHERE meeting_id = ?";
constexpr char kInsertEntry[] =
    "INSERT INTO waitlist_entries (meeting_id, building_id, room_id, join_time, offer_time) "
    "VALUES (?, ?, ?, ?, NULL)";
// The booking counter (HoldRoom): a join writes the room row a release writes, so a
// join and a release of the same room are ordered, here and across Galera nodes, and
// a notice never joins a queue just served without it.
constexpr char kBumpRoomBookings[] =
    "UPDATE rooms SET booking_seq = booking_seq + 1 WHERE building_id = ? AND room_id = ?";
constexpr char kSelectOverlap[] =
    "SELECT meeting_id FROM occupancies WHERE building_id = ? AND room_id = ? "
    "AND start_time < ? AND start_time > ? AND end_time > ? AND meeting_id <> ? "
    "ORDER BY start_time LIMIT 1";

std::string RoomResource(absl::string_view building_id, absl::string_view room_id) {
  return absl::StrCat("buildings/", building_id, "/rooms/", room_id);
}

// The entry of the meeting, locked: its room, or nullopt.
std::optional<std::pair<std::string, std::string>> LockEntry(db::Connection& c,
                                                             absl::string_view meeting_id) {
  auto& select = c.Prepare(kSelectEntryForUpdate);
  select.setString(1, std::string(meeting_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  return std::make_pair(std::string(row->getString(1)), std::string(row->getString(2)));
}

void DeleteEntry(db::Connection& c, absl::string_view meeting_id) {
  auto& remove = c.Prepare(kDeleteEntry);
  remove.setString(1, std::string(meeting_id));
  remove.executeUpdate();
}

// The meeting holding the room over `hold`, or nullopt when it is free.
std::optional<std::string> HolderOver(db::Connection& c, const Meeting& meeting, TimeWindow hold,
                                      absl::Duration longest_hold) {
  auto& overlap = c.Prepare(kSelectOverlap);
  overlap.setString(1, meeting.building_id);
  overlap.setString(2, meeting.room_id);
  overlap.setDateTime(3, db::ToSqlDateTime(hold.end));
  overlap.setDateTime(4, db::ToSqlDateTime(hold.start - longest_hold));
  overlap.setDateTime(5, db::ToSqlDateTime(hold.start));
  overlap.setString(6, meeting.id);
  std::unique_ptr<sql::ResultSet> holder(overlap.executeQuery());
  if (!holder->next()) return std::nullopt;
  return std::string(holder->getString(1));
}

// What both waitlist calls start with. A retry whose request_id was claimed before is
// answered with the meeting as it is now (`replayed`); otherwise `meeting` is the
// meeting, row-locked, of the caller's unit, at the etag the caller read.
struct WaitTarget {
  bool replayed = false;
  std::optional<Meeting> meeting;
};

absl::StatusOr<WaitTarget> StartWaitChange(db::Connection& c, absl::string_view meeting_id,
                                           const WaitlistCommand& command, absl::Time now) {
  WaitTarget target;
  target.replayed =
      !command.request_id.empty() &&
      db::ClaimRequestId(c, command.method, command.request_id, MeetingName(meeting_id), now)
          .has_value();
  target.meeting =
      LoadScopedMeeting(c, meeting_id, /*lock=*/!target.replayed, command.organizer_scope);
  if (!target.meeting.has_value()) return MeetingNotFound(meeting_id);
  if (target.replayed) {
    target.meeting->waitlist = LoadWaitlistPlace(c, *target.meeting);
    return target;
  }
  absl::Status etag_ok =
      api::CheckEtag(command.etag, target.meeting->version, MeetingName(meeting_id));
  if (!etag_ok.ok()) return etag_ok;
  return target;
}

// Writes what a join or a leave changes on the meeting: a new etag and the history
// entry (the state stays SUBMITTED), and MeetingUpdated with the meeting as it is now.
absl::StatusOr<Meeting> RecordWaitChange(db::Connection& c, Meeting& meeting,
                                         absl::string_view actor, const std::string& reason,
                                         absl::Time now) {
  meeting.update_time = db::WholeMicros(now);
  UpdateMeetingRow(c, meeting, /*children=*/false);
  AppendHistory(c, meeting.id,
                StateChange{MeetingState::kSubmitted, MeetingState::kSubmitted, std::string(actor),
                            reason, meeting.update_time});
  std::optional<Meeting> result = LoadMeeting(c, meeting.id, /*lock=*/false);
  if (!result.has_value()) RetryRolledBack(MeetingName(meeting.id));
  result->waitlist = LoadWaitlistPlace(c, *result);
  PublishEvent(c, MeetingUpdatedEvent(*result), now);
  return *result;
}

}  // namespace

absl::StatusOr<Meeting> BookingStore::WaitlistMeeting(absl::string_view meeting_id,
                                                      const WaitlistCommand& command,
                                                      absl::Time now) {
  std::optional<Meeting> result;
  absl::Status status = db::InTransaction(pool_, command.method, [&](db::Connection& c) {
    absl::StatusOr<WaitTarget> target = StartWaitChange(c, meeting_id, command, now);
    if (!target.ok()) return target.status();
    if (target->replayed) {
      result = *std::move(target->meeting);
      return absl::OkStatus();
    }
    std::optional<Meeting> meeting = std::move(target->meeting);
    absl::Status can = CheckCanWaitlist(*meeting, now);
    if (!can.ok()) return can;
    absl::Status admitted = CheckRoomRights(c, *meeting, meeting->building_id, meeting->room_id);
    if (!admitted.ok()) return admitted;
    const std::string room = RoomResource(meeting->building_id, meeting->room_id);
    if (auto entry = LockEntry(c, meeting_id); entry.has_value()) {
      if (entry->first == meeting->building_id && entry->second == meeting->room_id) {
        return ErrorWithReason(absl::StatusCode::kAlreadyExists, "ALREADY_WAITLISTED",
                               absl::StrCat(MeetingName(meeting_id), " already waits for ", room,
                                            "; a notice waits once (LeaveWaitlist ends the wait)"),
                               {{"meeting", MeetingName(meeting_id)}, {"room", room}});
      }
      DeleteEntry(c, meeting_id);  // it waited for the room it was moved away from
    }
    auto& bump = c.Prepare(kBumpRoomBookings);
    bump.setString(1, meeting->building_id);
    bump.setString(2, meeting->room_id);
    if (bump.executeUpdate() == 0) {
      return ErrorWithReason(absl::StatusCode::kNotFound, "ROOM_NOT_FOUND",
                             absl::StrCat(room, " does not exist; list rooms to find one"),
                             {{"room", room}});
    }
    std::optional<TimeWindow> hold = PlanHold(c, *meeting, meeting->building_id, meeting->room_id);
    if (!hold.has_value()) RetryRolledBack(room);
    std::optional<std::string> holder =
        HolderOver(c, *meeting, *hold, LongestHold(longest_meeting_));
    if (!holder.has_value()) {
      return ErrorWithReason(
          absl::StatusCode::kFailedPrecondition, "ROOM_AVAILABLE",
          absl::StrCat(room, " is free over the slot of ", MeetingName(meeting_id),
                       "; confirm it (ConfirmMeeting) instead of waiting"),
          {{"meeting", MeetingName(meeting_id)}, {"room", room}});
    }
    auto& insert = c.Prepare(kInsertEntry);
    insert.setString(1, std::string(meeting_id));
    insert.setString(2, meeting->building_id);
    insert.setString(3, meeting->room_id);
    insert.setDateTime(4, db::ToSqlDateTime(now));
    insert.executeUpdate();
    absl::StatusOr<Meeting> changed = RecordWaitChange(
        c, *meeting, command.actor,
        absl::StrCat("waitlisted for ", room, " (held by ", MeetingName(*holder), ")"), now);
    if (!changed.ok()) return changed.status();
    result = *std::move(changed);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<Meeting> BookingStore::LeaveWaitlist(absl::string_view meeting_id,
                                                    const WaitlistCommand& command,
                                                    absl::Time now) {
  std::optional<Meeting> result;
  absl::Status status = db::InTransaction(pool_, command.method, [&](db::Connection& c) {
    absl::StatusOr<WaitTarget> target = StartWaitChange(c, meeting_id, command, now);
    if (!target.ok()) return target.status();
    if (target->replayed) {
      result = *std::move(target->meeting);
      return absl::OkStatus();
    }
    std::optional<Meeting> meeting = std::move(target->meeting);
    std::optional<WaitlistEntry> place = LoadWaitlistPlace(c, *meeting);
    if (!place.has_value()) {
      return ErrorWithReason(
          absl::StatusCode::kFailedPrecondition, "NOT_WAITLISTED",
          absl::StrCat(MeetingName(meeting_id), " is not waiting for a room; nothing to leave"),
          {{"meeting", MeetingName(meeting_id)}});
    }
    DeleteEntry(c, meeting_id);
    absl::StatusOr<Meeting> changed = RecordWaitChange(
        c, *meeting, command.actor,
        absl::StrCat("left the waitlist of ", RoomResource(place->building_id, place->room_id)),
        now);
    if (!changed.ok()) return changed.status();
    result = *std::move(changed);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

}  // namespace huiwu::booking
