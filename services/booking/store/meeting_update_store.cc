// BookingStore: changing the details of a meeting (and of the later occurrences of its
// series).
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <algorithm>
#include <memory>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "common/api/etag_check.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/booking/store/booking_store.h"
#include "services/booking/store/meeting_rows.h"
#include "services/booking/store/store_util.h"

namespace huiwu::booking {
namespace {

constexpr char kSelectRoomCapacity[] =
    "SELECT capacity FROM rooms WHERE building_id = ? AND room_id = ?";
// The later occurrences a THIS_AND_FOLLOWING change reaches: those not yet started and
// not final (an IN_PROGRESS or later occurrence keeps what it had).
constexpr char kSelectFollowing[] =
    "SELECT meeting_id FROM meetings WHERE series_id = ? AND start_time > ? "
    "AND state IN (?, ?) ORDER BY start_time, meeting_id";

bool SameAttendees(const std::vector<Attendee>& a, const std::vector<Attendee>& b) {
  auto key = [](const Attendee& x) {
    return std::tie(x.id, x.name, x.unit, x.title, x.vip, x.protocol_rank);
  };
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [&](const Attendee& x, const Attendee& y) { return key(x) == key(y); });
}

bool SameAgenda(const std::vector<AgendaItem>& a, const std::vector<AgendaItem>& b) {
  auto key = [](const AgendaItem& x) { return std::tie(x.title, x.presenter, x.minutes); };
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [&](const AgendaItem& x, const AgendaItem& y) { return key(x) == key(y); });
}

bool SameServices(const std::vector<ServiceRequest>& a, const std::vector<ServiceRequest>& b) {
  auto key = [](const ServiceRequest& x) { return std::tie(x.kind, x.quantity, x.notes); };
  return std::equal(
      a.begin(), a.end(), b.begin(), b.end(),
      [&](const ServiceRequest& x, const ServiceRequest& y) { return key(x) == key(y); });
}

bool SameSummary(const std::optional<MeetingSummary>& a, const std::optional<MeetingSummary>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a.has_value()) return true;
  return std::tie(a->actual_attendance, a->notes, a->problems) ==
         std::tie(b->actual_attendance, b->notes, b->problems);
}

absl::Status ReadOnly(const Meeting& meeting) {
  const std::string state(MeetingStateName(meeting.state));
  return ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "MEETING_READ_ONLY",
      absl::StrCat(MeetingName(meeting.id), " is ", state,
                   " and can no longer be changed; archived meetings are kept as they are and "
                   "rejected or cancelled notices are final (submit a new notice instead)"),
      {{"meeting", MeetingName(meeting.id)}, {"current_state", state}});
}

// The seats of the meeting's room still suffice for a CONFIRMED meeting whose expected
// participants grew: the dispatch hub allocated the room for the smaller number.
absl::Status CheckRoomFits(db::Connection& c, const Meeting& meeting) {
  auto& select = c.Prepare(kSelectRoomCapacity);
  select.setString(1, meeting.building_id);
  select.setString(2, meeting.room_id);
  std::unique_ptr<sql::ResultSet> room(select.executeQuery());
  if (!room->next()) return absl::OkStatus();  // a room cannot go while it is booked
  const int capacity = room->getInt(1);
  if (capacity >= meeting.expected_participants) return absl::OkStatus();
  const std::string room_name =
      absl::StrCat("buildings/", meeting.building_id, "/rooms/", meeting.room_id);
  return ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "ROOM_TOO_SMALL",
      absl::StrCat(MeetingName(meeting.id), " is confirmed in ", room_name, ", which seats ",
                   capacity, ", but ", meeting.expected_participants,
                   " participants would be expected; reschedule it to a larger room first"),
      {{"meeting", MeetingName(meeting.id)},
       {"room", room_name},
       {"capacity", absl::StrCat(capacity)},
       {"expected_participants", absl::StrCat(meeting.expected_participants)}});
}

// Applies the change to one locked meeting, writes it (version + 1) and publishes
// MeetingUpdated with it.
absl::Status ChangeOne(db::Connection& c, Meeting& meeting,
                       absl::FunctionRef<absl::Status(Meeting&)> apply, absl::Time now) {
  if (IsReadOnly(meeting.state)) return ReadOnly(meeting);
  const Meeting before = meeting;
  absl::Status applied = apply(meeting);
  if (!applied.ok()) return applied;
  // 会后总结: the summary records what happened, so it exists only once the meeting has.
  if (!SameSummary(before.summary, meeting.summary) && meeting.state != MeetingState::kCompleted) {
    const std::string state(MeetingStateName(meeting.state));
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "MEETING_NOT_COMPLETED",
                           absl::StrCat(MeetingName(meeting.id), " is ", state,
                                        "; a summary can be added once the meeting is COMPLETED"),
                           {{"meeting", MeetingName(meeting.id)}, {"current_state", state}});
  }
  if (meeting.state == MeetingState::kConfirmed && meeting.has_room() &&
      meeting.expected_participants > before.expected_participants) {
    absl::Status fits = CheckRoomFits(c, meeting);
    if (!fits.ok()) return fits;
  }
  const bool children = !SameAttendees(before.attendees, meeting.attendees) ||
                        !SameAgenda(before.agenda, meeting.agenda) ||
                        !SameServices(before.services, meeting.services);
  meeting.update_time = db::WholeMicros(now);
  UpdateMeetingRow(c, meeting, children);
  meeting.version += 1;  // as UpdateMeetingRow wrote it
  PublishEvent(c, MeetingUpdatedEvent(meeting), now);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Meeting> BookingStore::UpdateMeeting(absl::string_view meeting_id,
                                                    absl::string_view etag, bool following,
                                                    absl::FunctionRef<absl::Status(Meeting&)> apply,
                                                    absl::Time now,
                                                    absl::string_view organizer_scope) {
  std::optional<Meeting> result;
  absl::Status status = db::InTransaction(pool_, "UpdateMeeting", [&](db::Connection& c) {
    std::optional<Meeting> meeting =
        LoadScopedMeeting(c, meeting_id, /*lock=*/true, organizer_scope);
    if (!meeting.has_value()) return MeetingNotFound(meeting_id);
    absl::Status etag_ok = api::CheckEtag(etag, meeting->version, MeetingName(meeting_id));
    if (!etag_ok.ok()) return etag_ok;
    absl::Status changed = ChangeOne(c, *meeting, apply, now);
    if (!changed.ok()) return changed;
    if (following && !meeting->series_id.empty()) {
      std::vector<std::string> later;
      {
        auto& select = c.Prepare(kSelectFollowing);
        select.setString(1, meeting->series_id);
        select.setDateTime(2, db::ToSqlDateTime(meeting->window.start));
        select.setInt(3, NumberOf(MeetingState::kSubmitted));
        select.setInt(4, NumberOf(MeetingState::kConfirmed));
        std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
        while (rows->next()) later.push_back(rows->getString(1));
      }
      for (const std::string& id : later) {
        std::optional<Meeting> occurrence =
            LoadScopedMeeting(c, id, /*lock=*/true, organizer_scope);
        if (!occurrence.has_value()) continue;
        // Re-checked under the row lock: the occurrence may have moved on meanwhile.
        if (occurrence->state != MeetingState::kSubmitted &&
            occurrence->state != MeetingState::kConfirmed) {
          continue;
        }
        absl::Status occurrence_changed = ChangeOne(c, *occurrence, apply, now);
        if (!occurrence_changed.ok()) return occurrence_changed;
      }
    }
    result = LoadMeeting(c, meeting_id, /*lock=*/false);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

}  // namespace huiwu::booking
