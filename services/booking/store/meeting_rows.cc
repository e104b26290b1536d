#include "services/booking/store/meeting_rows.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/events/outbox.h"
#include "common/status/errors.h"
#include "services/booking/store/store_util.h"

namespace huiwu::booking {

const char kMeetingColumns[] =
    "meeting_id, title, kind, organizer_unit, contact_name, contact_phone, start_time, "
    "end_time, building_id, room_id, req_min_capacity, req_equipment, req_vip, req_building_id, "
    "expected_participants, materials, budget_fen, safety_measures, notes, setup_minutes, "
    "cleanup_minutes, state, state_reason, series_id, summary_attendance, summary_notes, "
    "summary_problems, version, create_time, update_time, confidential";

namespace {

const std::string kInsertMeeting = absl::StrCat(
    "INSERT INTO meetings (", kMeetingColumns,
    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "1, ?, ?, ?)");
constexpr char kUpdateMeeting[] =
    "UPDATE meetings SET title = ?, kind = ?, organizer_unit = ?, contact_name = ?, "
    "contact_phone = ?, start_time = ?, end_time = ?, building_id = ?, room_id = ?, "
    "req_min_capacity = ?, req_equipment = ?, req_vip = ?, req_building_id = ?, "
    "expected_participants = ?, materials = ?, budget_fen = ?, safety_measures = ?, notes = ?, "
    "setup_minutes = ?, cleanup_minutes = ?, state = ?, state_reason = ?, "
    "summary_attendance = ?, summary_notes = ?, summary_problems = ?, version = version + 1, "
    "update_time = ?, confidential = ? WHERE meeting_id = ?";
const std::string kSelectMeeting =
    absl::StrCat("SELECT ", kMeetingColumns, " FROM meetings WHERE meeting_id = ?");
const std::string kSelectMeetingForUpdate = kSelectMeeting + " FOR UPDATE";

constexpr char kInsertAttendee[] =
    "INSERT INTO meeting_attendees (meeting_id, attendee_id, position, name, unit, title, vip, "
    "protocol_rank) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kDeleteAttendees[] = "DELETE FROM meeting_attendees WHERE meeting_id = ?";
constexpr char kInsertAgendaItem[] =
    "INSERT INTO meeting_agenda (meeting_id, position, title, presenter, minutes) "
    "VALUES (?, ?, ?, ?, ?)";
constexpr char kDeleteAgenda[] = "DELETE FROM meeting_agenda WHERE meeting_id = ?";
constexpr char kInsertService[] =
    "INSERT INTO meeting_services (meeting_id, kind, quantity, notes) VALUES (?, ?, ?, ?)";
constexpr char kDeleteServices[] = "DELETE FROM meeting_services WHERE meeting_id = ?";
constexpr char kInsertHistory[] =
    "INSERT INTO meeting_history (meeting_id, seq, from_state, to_state, actor, reason, "
    "change_time) SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ? FROM meeting_history "
    "WHERE meeting_id = ?";
// Everything of a meeting beyond its row, in one round trip instead of six (issue 13:
// a GetMeeting was seven queries). Each part keeps its own order (part, k1, k2, k3):
//   1 attendees  k1 position          s1 id, s2 name, s3 unit, s4 title, n1 vip,
//                                     n2 protocol_rank
//   2 agenda     k1 position          s1 title, s2 presenter, n1 minutes
//   3 services   k1 kind              n1 kind, n2 quantity, s1 notes
//   4 history    k1 seq               n1 from, n2 to, s1 actor, s2 reason, t1 time
//   5 hold                            t1 start, t2 end
//   6 flags      k2 create_time, k3 hazard   s1 hazard, s2 reason, t1 create_time
// The casts give every column one type across the parts (a string k1 would sort 10
// before 9).
constexpr char kSelectChildren[] =
    "SELECT 1 AS part, CAST(position AS SIGNED) AS k1, CAST(NULL AS DATETIME(6)) AS k2, "
    "'' AS k3, attendee_id AS s1, name AS s2, unit AS s3, title AS s4, "
    "CAST(vip AS SIGNED) AS n1, CAST(protocol_rank AS SIGNED) AS n2, "
    "CAST(NULL AS DATETIME(6)) AS t1, "
    "CAST(NULL AS DATETIME(6)) AS t2 FROM meeting_attendees WHERE meeting_id = ? "
    "UNION ALL SELECT 2, position, NULL, '', title, presenter, '', '', minutes, 0, NULL, NULL "
    "FROM meeting_agenda WHERE meeting_id = ? "
    "UNION ALL SELECT 3, kind, NULL, '', notes, '', '', '', kind, quantity, NULL, NULL "
    "FROM meeting_services WHERE meeting_id = ? "
    "UNION ALL SELECT 4, seq, NULL, '', actor, reason, '', '', from_state, to_state, "
    "change_time, NULL FROM meeting_history WHERE meeting_id = ? "
    "UNION ALL SELECT 5, 0, NULL, '', '', '', '', '', 0, 0, start_time, end_time "
    "FROM occupancies WHERE meeting_id = ? "
    "UNION ALL SELECT 6, 0, create_time, hazard, hazard, reason, '', '', 0, 0, create_time, "
    "NULL FROM meeting_flags WHERE meeting_id = ? "
    "ORDER BY part, k1, k2, k3";
constexpr int kChildParts = 6;

// The booking counter write that serializes bookings of one room (see HoldRoom).
constexpr char kBumpRoomBookings[] =
    "UPDATE rooms SET booking_seq = booking_seq + 1 WHERE building_id = ? AND room_id = ?";
constexpr char kSelectRoomBuffers[] =
    "SELECT default_setup_minutes, default_cleanup_minutes FROM rooms "
    "WHERE building_id = ? AND room_id = ?";
constexpr char kSelectRoomForBooking[] =
    "SELECT capacity, state, default_setup_minutes, default_cleanup_minutes FROM rooms "
    "WHERE building_id = ? AND room_id = ?";
// Holds of the room that overlap [?, ?): an index range on (building_id, room_id,
// start_time) bounded below by the longest possible hold.
constexpr char kSelectOverlappingHold[] =
    "SELECT meeting_id FROM occupancies WHERE building_id = ? AND room_id = ? "
    "AND start_time < ? AND start_time > ? AND end_time > ? AND meeting_id <> ? "
    "ORDER BY start_time LIMIT 1";
constexpr char kUpsertHold[] =
    "INSERT INTO occupancies (meeting_id, building_id, room_id, start_time, end_time) "
    "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE building_id = VALUES(building_id), "
    "room_id = VALUES(room_id), start_time = VALUES(start_time), end_time = VALUES(end_time)";
constexpr char kShortenHold[] = "UPDATE occupancies SET end_time = ? WHERE meeting_id = ?";
constexpr char kDeleteHold[] = "DELETE FROM occupancies WHERE meeting_id = ?";

// The write of a notice on the room it names (see ReferenceRoom).
constexpr char kBumpRoomNotices[] =
    "UPDATE rooms SET notice_seq = notice_seq + 1 WHERE building_id = ? AND room_id = ?";

constexpr int kRoomStateActive = 1;

void SetOptionalInt(sql::PreparedStatement& s, int index, const std::optional<int>& value) {
  if (value.has_value()) {
    s.setInt(index, *value);
  } else {
    s.setNull(index, 0);
  }
}

// Binds the mutable columns in kUpdateMeeting order, starting at `first`.
int BindMutable(sql::PreparedStatement& s, int i, const Meeting& m) {
  s.setString(i++, m.title);
  s.setInt(i++, NumberOf(m.kind));
  s.setString(i++, m.organizer_unit);
  s.setString(i++, m.contact_name);
  s.setString(i++, m.contact_phone);
  s.setDateTime(i++, db::ToSqlDateTime(m.window.start));
  s.setDateTime(i++, db::ToSqlDateTime(m.window.end));
  s.setString(i++, m.building_id);
  s.setString(i++, m.room_id);
  s.setInt(i++, m.requirements.min_capacity);
  s.setUInt64(i++, ToMask(m.requirements.equipment));
  s.setBoolean(i++, m.requirements.vip);
  s.setString(i++, m.requirements.preferred_building_id);
  s.setInt(i++, m.expected_participants);
  s.setString(i++, m.materials);
  s.setInt64(i++, m.budget_fen);
  s.setString(i++, m.safety_measures);
  s.setString(i++, m.notes);
  SetOptionalInt(s, i++, m.setup_minutes);
  SetOptionalInt(s, i++, m.cleanup_minutes);
  s.setInt(i++, NumberOf(m.state));
  s.setString(i++, m.state_reason);
  return i;
}

int BindSummary(sql::PreparedStatement& s, int i, const Meeting& m) {
  if (m.summary.has_value()) {
    s.setInt(i++, m.summary->actual_attendance);
    s.setString(i++, m.summary->notes);
    s.setString(i++, m.summary->problems);
  } else {
    s.setNull(i++, 0);
    s.setNull(i++, 0);
    s.setNull(i++, 0);
  }
  return i;
}

void InsertChildren(db::Connection& c, const Meeting& m) {
  for (size_t i = 0; i < m.attendees.size(); ++i) {
    const Attendee& a = m.attendees[i];
    auto& insert = c.Prepare(kInsertAttendee);
    insert.setString(1, m.id);
    insert.setString(2, a.id);
    insert.setInt(3, static_cast<int>(i));
    insert.setString(4, a.name);
    insert.setString(5, a.unit);
    insert.setString(6, a.title);
    insert.setBoolean(7, a.vip);
    insert.setInt(8, a.protocol_rank);
    insert.executeUpdate();
  }
  for (size_t i = 0; i < m.agenda.size(); ++i) {
    auto& insert = c.Prepare(kInsertAgendaItem);
    insert.setString(1, m.id);
    insert.setInt(2, static_cast<int>(i));
    insert.setString(3, m.agenda[i].title);
    insert.setString(4, m.agenda[i].presenter);
    insert.setInt(5, m.agenda[i].minutes);
    insert.executeUpdate();
  }
  for (const ServiceRequest& service : m.services) {
    auto& insert = c.Prepare(kInsertService);
    insert.setString(1, m.id);
    insert.setInt(2, service.kind);
    insert.setInt(3, service.quantity);
    insert.setString(4, service.notes);
    insert.executeUpdate();
  }
}

void DeleteChildren(db::Connection& c, absl::string_view meeting_id) {
  for (const char* sql : {kDeleteAttendees, kDeleteAgenda, kDeleteServices}) {
    auto& remove = c.Prepare(sql);
    remove.setString(1, std::string(meeting_id));
    remove.executeUpdate();
  }
}

std::optional<int> OptionalInt(sql::ResultSet& row, int column) {
  if (row.isNull(column)) return std::nullopt;
  return row.getInt(column);
}

std::unique_ptr<sql::ResultSet> QueryById(db::Connection& c, const std::string& sql,
                                          absl::string_view id) {
  auto& select = c.Prepare(sql);
  select.setString(1, std::string(id));
  return std::unique_ptr<sql::ResultSet>(select.executeQuery());
}

}  // namespace

std::string MeetingName(absl::string_view meeting_id) {
  return absl::StrCat("meetings/", meeting_id);
}

std::string NewMeetingId() {
  thread_local std::mt19937_64 random(std::random_device{}());
  return absl::StrFormat("%016x", random());
}

Meeting ReadMeetingRow(sql::ResultSet& row) {
  Meeting m;
  m.id = row.getString(1);
  m.title = row.getString(2);
  m.kind = MeetingKindFromNumber(row.getInt(3)).value_or(MeetingKind::kInternal);
  m.organizer_unit = row.getString(4);
  m.contact_name = row.getString(5);
  m.contact_phone = row.getString(6);
  m.window.start = db::FromSqlDateTime(std::string(row.getString(7)));
  m.window.end = db::FromSqlDateTime(std::string(row.getString(8)));
  m.building_id = row.getString(9);
  m.room_id = row.getString(10);
  m.requirements.min_capacity = row.getInt(11);
  m.requirements.equipment = FromMask(row.getUInt64(12));
  m.requirements.vip = row.getBoolean(13);
  m.requirements.preferred_building_id = row.getString(14);
  m.expected_participants = row.getInt(15);
  m.materials = row.getString(16);
  m.budget_fen = row.getInt64(17);
  m.safety_measures = row.getString(18);
  m.notes = row.getString(19);
  m.setup_minutes = OptionalInt(row, 20);
  m.cleanup_minutes = OptionalInt(row, 21);
  m.state = MeetingStateFromNumber(row.getInt(22)).value_or(MeetingState::kSubmitted);
  m.state_reason = row.getString(23);
  m.series_id = row.getString(24);
  if (!row.isNull(25)) {
    m.summary = MeetingSummary{row.getInt(25), std::string(row.getString(26)),
                               std::string(row.getString(27))};
  }
  m.version = row.getInt64(28);
  m.create_time = db::FromSqlDateTime(std::string(row.getString(29)));
  m.update_time = db::FromSqlDateTime(std::string(row.getString(30)));
  m.confidential = row.getInt(31) != 0;
  return m;
}

void InsertMeeting(db::Connection& c, const Meeting& m) {
  auto& insert = c.Prepare(kInsertMeeting);
  insert.setString(1, m.id);
  // Columns 2.. follow kMeetingColumns, which lists the mutable ones in kUpdateMeeting
  // order, then series and summary.
  int i = BindMutable(insert, 2, m);
  insert.setString(i++, m.series_id);
  i = BindSummary(insert, i, m);
  insert.setDateTime(i++, db::ToSqlDateTime(m.create_time));
  insert.setDateTime(i++, db::ToSqlDateTime(m.update_time));
  insert.setInt(i++, m.confidential ? 1 : 0);
  insert.executeUpdate();
  InsertChildren(c, m);
}

void UpdateMeetingRow(db::Connection& c, const Meeting& m, bool children) {
  auto& update = c.Prepare(kUpdateMeeting);
  int i = BindMutable(update, 1, m);
  i = BindSummary(update, i, m);
  update.setDateTime(i++, db::ToSqlDateTime(m.update_time));
  update.setInt(i++, m.confidential ? 1 : 0);
  update.setString(i++, m.id);
  update.executeUpdate();
  if (children) {
    DeleteChildren(c, m.id);
    InsertChildren(c, m);
  }
}

std::optional<Meeting> LoadMeeting(db::Connection& c, absl::string_view meeting_id, bool lock) {
  std::optional<Meeting> meeting;
  {
    auto row = QueryById(c, lock ? kSelectMeetingForUpdate : kSelectMeeting, meeting_id);
    if (!row->next()) return std::nullopt;
    meeting = ReadMeetingRow(*row);
  }
  auto& select = c.Prepare(kSelectChildren);
  for (int i = 1; i <= kChildParts; ++i) select.setString(i, std::string(meeting_id));
  std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
  const auto time = [&rows](const char* column) {
    return db::FromSqlDateTime(std::string(rows->getString(column)));
  };
  while (rows->next()) {
    switch (rows->getInt("part")) {
      case 1:
        meeting->attendees.push_back(Attendee{rows->getString("s1"), rows->getString("s2"),
                                              rows->getString("s3"), rows->getString("s4"),
                                              rows->getInt("n1") != 0, rows->getInt("n2")});
        break;
      case 2:
        meeting->agenda.push_back(
            AgendaItem{rows->getString("s1"), rows->getString("s2"), rows->getInt("n1")});
        break;
      case 3:
        meeting->services.push_back(
            ServiceRequest{rows->getInt("n1"), rows->getInt("n2"), rows->getString("s1")});
        break;
      case 4:
        meeting->history.push_back(StateChange{
            MeetingStateFromNumber(rows->getInt("n1")).value_or(MeetingState::kSubmitted),
            MeetingStateFromNumber(rows->getInt("n2")).value_or(MeetingState::kSubmitted),
            rows->getString("s1"), rows->getString("s2"), time("t1")});
        break;
      case 5:
        meeting->occupancy = TimeWindow{time("t1"), time("t2")};
        break;
      case 6:
        meeting->flags.push_back(
            MeetingFlag{rows->getString("s1"), rows->getString("s2"), time("t1")});
        break;
    }
  }
  return meeting;
}

std::optional<Meeting> LoadScopedMeeting(db::Connection& c, absl::string_view meeting_id, bool lock,
                                         absl::string_view organizer_scope) {
  std::optional<Meeting> meeting = LoadMeeting(c, meeting_id, lock);
  if (meeting.has_value() && !organizer_scope.empty() &&
      meeting->organizer_unit != organizer_scope) {
    return std::nullopt;
  }
  return meeting;
}

std::optional<Meeting> LoadMeetingRow(db::Connection& c, absl::string_view meeting_id) {
  auto row = QueryById(c, kSelectMeeting, meeting_id);
  if (!row->next()) return std::nullopt;
  return ReadMeetingRow(*row);
}

void AppendHistory(db::Connection& c, absl::string_view meeting_id, const StateChange& change) {
  auto& insert = c.Prepare(kInsertHistory);
  insert.setString(1, std::string(meeting_id));
  insert.setInt(2, NumberOf(change.from));
  insert.setInt(3, NumberOf(change.to));
  insert.setString(4, change.actor);
  insert.setString(5, change.reason);
  insert.setDateTime(6, db::ToSqlDateTime(change.time));
  insert.setString(7, std::string(meeting_id));
  insert.executeUpdate();
}

absl::StatusOr<TimeWindow> HoldRoom(db::Connection& c, const Meeting& meeting,
                                    absl::string_view building_id, absl::string_view room_id,
                                    absl::Duration longest_hold) {
  const std::string room_name = absl::StrCat("buildings/", building_id, "/rooms/", room_id);
  {
    auto& bump = c.Prepare(kBumpRoomBookings);
    bump.setString(1, std::string(building_id));
    bump.setString(2, std::string(room_id));
    if (bump.executeUpdate() == 0) {
      return ErrorWithReason(absl::StatusCode::kNotFound, "ROOM_NOT_FOUND",
                             absl::StrCat(room_name, " does not exist; list rooms to find one"),
                             {{"room", room_name}});
    }
  }
  auto& select = c.Prepare(kSelectRoomForBooking);
  select.setString(1, std::string(building_id));
  select.setString(2, std::string(room_id));
  std::unique_ptr<sql::ResultSet> room(select.executeQuery());
  room->next();
  const int capacity = room->getInt(1);
  if (room->getInt(2) != kRoomStateActive) {
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "ROOM_NOT_BOOKABLE",
        absl::StrCat(room_name, " is under maintenance or retired; choose another room"),
        {{"room", room_name}});
  }
  if (capacity < meeting.expected_participants) {
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "ROOM_TOO_SMALL",
        absl::StrCat(room_name, " seats ", capacity, " but ", meeting.expected_participants,
                     " participants are expected; choose a larger room"),
        {{"room", room_name},
         {"capacity", absl::StrCat(capacity)},
         {"expected_participants", absl::StrCat(meeting.expected_participants)}});
  }
  const TimeWindow hold = HoldOf(meeting, room->getInt(3), room->getInt(4));
  {
    auto& overlap = c.Prepare(kSelectOverlappingHold);
    overlap.setString(1, std::string(building_id));
    overlap.setString(2, std::string(room_id));
    overlap.setDateTime(3, db::ToSqlDateTime(hold.end));
    overlap.setDateTime(4, db::ToSqlDateTime(hold.start - longest_hold));
    overlap.setDateTime(5, db::ToSqlDateTime(hold.start));
    overlap.setString(6, meeting.id);
    std::unique_ptr<sql::ResultSet> holder(overlap.executeQuery());
    if (holder->next()) {
      const std::string conflicting = MeetingName(std::string(holder->getString(1)));
      return ErrorWithReason(
          absl::StatusCode::kFailedPrecondition, "ROOM_CONFLICT",
          absl::StrCat(room_name, " is held by ", conflicting,
                       " over this time (set-up and clean-up included); choose another time "
                       "or room (FindAvailableRooms lists free ones)"),
          {{"room", room_name}, {"conflicting_meeting", conflicting}});
    }
  }
  auto& upsert = c.Prepare(kUpsertHold);
  upsert.setString(1, meeting.id);
  upsert.setString(2, std::string(building_id));
  upsert.setString(3, std::string(room_id));
  upsert.setDateTime(4, db::ToSqlDateTime(hold.start));
  upsert.setDateTime(5, db::ToSqlDateTime(hold.end));
  upsert.executeUpdate();
  return hold;
}

std::optional<TimeWindow> PlanHold(db::Connection& c, const Meeting& meeting,
                                   absl::string_view building_id, absl::string_view room_id) {
  auto& select = c.Prepare(kSelectRoomBuffers);
  select.setString(1, std::string(building_id));
  select.setString(2, std::string(room_id));
  std::unique_ptr<sql::ResultSet> room(select.executeQuery());
  if (!room->next()) return std::nullopt;
  return HoldOf(meeting, room->getInt(1), room->getInt(2));
}

void ShortenHold(db::Connection& c, absl::string_view meeting_id, absl::Time end) {
  auto& update = c.Prepare(kShortenHold);
  update.setDateTime(1, db::ToSqlDateTime(end));
  update.setString(2, std::string(meeting_id));
  update.executeUpdate();
}

void ReleaseHold(db::Connection& c, absl::string_view meeting_id) {
  auto& remove = c.Prepare(kDeleteHold);
  remove.setString(1, std::string(meeting_id));
  remove.executeUpdate();
}

absl::Status ReferenceRoom(db::Connection& c, absl::string_view building_id,
                           absl::string_view room_id) {
  // A write, not a read: a read of the room (even a locking one) holds only on this
  // Galera node, and a DeleteRoom through another node committed beside the notice.
  // Cost: notices naming one room are serialized: they queue on its row, with its
  // bookings (booking_seq is on the same row), until each commits; through two nodes the
  // later is refused at commit and retried.
  auto& bump = c.Prepare(kBumpRoomNotices);
  bump.setString(1, std::string(building_id));
  bump.setString(2, std::string(room_id));
  if (bump.executeUpdate() > 0) return absl::OkStatus();
  const std::string name = absl::StrCat("buildings/", building_id, "/rooms/", room_id);
  return ErrorWithReason(absl::StatusCode::kNotFound, "ROOM_NOT_FOUND",
                         absl::StrCat(name, " does not exist; list rooms to find its name"),
                         {{"room", name}});
}

void RetryRolledBack(absl::string_view what) {
  throw sql::SQLException(absl::StrCat(what, " vanished: rolled back by the cluster"), "40001",
                          db::kErLockDeadlock);
}

absl::Status MeetingNotFound(absl::string_view meeting_id) {
  return ErrorWithReason(
      absl::StatusCode::kNotFound, "MEETING_NOT_FOUND",
      absl::StrCat(MeetingName(meeting_id), " does not exist; list meetings to find its name"),
      {{"meeting", MeetingName(meeting_id)}});
}

void PublishEvent(db::Connection& c, const OutboxEvent& event, absl::Time now) {
  events::Publish(c, *event.payload, event.subjects, now);
}

}  // namespace huiwu::booking
