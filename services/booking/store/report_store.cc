// ReportStore: what readiness, the daily notice and the weekly brief read of booking's
// own tables, and the record of delivered services.
#include "services/booking/store/report_store.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <map>
#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/api/timestamp.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/events/outbox.h"
#include "common/status/errors.h"
#include "huiwu/booking/v1/reports.pb.h"
#include "services/booking/domain/catalog.h"
#include "services/booking/domain/meeting_state.h"
#include "services/booking/store/meeting_rows.h"

namespace huiwu::booking {
namespace {

// The states whose meetings hold a room (domain/meeting_state.h), as an SQL list.
std::string HoldingStates() {
  std::vector<int> numbers;
  for (MeetingState state :
       {MeetingState::kSubmitted, MeetingState::kConfirmed, MeetingState::kInProgress,
        MeetingState::kCompleted, MeetingState::kArchived, MeetingState::kRejected,
        MeetingState::kCancelled}) {
    if (OccupiesRoom(state)) numbers.push_back(NumberOf(state));
  }
  return absl::StrJoin(numbers, ", ");
}

// A page of meetings by start (the meetings_by_start index), then each joined to its
// hold, room and building names and its counts. The counts and the no-show mark are
// primary-key-prefix lookups per row inside the one statement, not a query per meeting.
const std::string kListReportMeetings = absl::StrCat(
    "SELECT page.*, o.start_time, o.end_time, r.display_name, b.display_name,"
    " (SELECT COUNT(*) FROM meeting_attendees a WHERE a.meeting_id = page.meeting_id),"
    " (SELECT COUNT(*) FROM sign_ins s WHERE s.meeting_id = page.meeting_id),"
    " EXISTS (SELECT 1 FROM meeting_history h WHERE h.meeting_id = page.meeting_id"
    "  AND h.to_state = ? AND h.actor = ?)"
    " FROM (SELECT ",
    kMeetingColumns,
    " FROM meetings WHERE start_time >= ? AND start_time < ? AND (? = 0 OR state IN (",
    HoldingStates(),
    ")) ORDER BY start_time, meeting_id LIMIT ?) AS page"
    " LEFT JOIN occupancies o ON o.meeting_id = page.meeting_id"
    " LEFT JOIN rooms r ON r.building_id = page.building_id AND r.room_id = page.room_id"
    " LEFT JOIN buildings b ON b.building_id = page.building_id"
    " ORDER BY page.start_time, page.building_id, page.room_id, page.meeting_id");
// Columns of kListReportMeetings after the meeting's own.
constexpr int kHoldStartColumn = kMeetingColumnCount + 1;
constexpr int kRoomNameColumn = kMeetingColumnCount + 3;
constexpr int kBuildingNameColumn = kMeetingColumnCount + 4;
constexpr int kAttendeesColumn = kMeetingColumnCount + 5;
constexpr int kSignInsColumn = kMeetingColumnCount + 6;
constexpr int kNoShowColumn = kMeetingColumnCount + 7;

constexpr char kListServicesIn[] =
    "SELECT s.meeting_id, s.kind, s.quantity, s.notes FROM meetings m"
    " JOIN meeting_services s ON s.meeting_id = m.meeting_id"
    " WHERE m.start_time >= ? AND m.start_time < ? ORDER BY s.meeting_id, s.kind";
constexpr char kListDoneIn[] =
    "SELECT d.meeting_id, d.kind, d.done_time, d.done_by FROM meetings m"
    " JOIN meeting_services_done d ON d.meeting_id = m.meeting_id"
    " WHERE m.start_time >= ? AND m.start_time < ? ORDER BY d.meeting_id, d.kind";

constexpr char kSelectRoomNames[] =
    "SELECT r.display_name, b.display_name FROM rooms r"
    " JOIN buildings b ON b.building_id = r.building_id"
    " WHERE r.building_id = ? AND r.room_id = ?";
constexpr char kSelectSignIns[] =
    "SELECT attendee_id, walk_in, name, unit, sign_in_time FROM sign_ins WHERE meeting_id = ?"
    " ORDER BY sign_in_time, attendee_id";
constexpr char kCountSignIns[] = "SELECT COUNT(*) FROM sign_ins WHERE meeting_id = ?";
constexpr char kSelectDone[] =
    "SELECT kind, done_time, done_by FROM meeting_services_done WHERE meeting_id = ?"
    " ORDER BY kind";
constexpr char kSelectOneDone[] =
    "SELECT kind, done_time, done_by FROM meeting_services_done"
    " WHERE meeting_id = ? AND kind = ?";
constexpr char kInsertDone[] =
    "INSERT INTO meeting_services_done (meeting_id, kind, done_time, done_by)"
    " VALUES (?, ?, ?, ?)";
constexpr char kSelectNoShowMark[] =
    "SELECT 1 FROM meeting_history WHERE meeting_id = ? AND to_state = ? AND actor = ? LIMIT 1";

const std::string kListReportRooms = absl::StrCat(
    "SELECT r.building_id, r.room_id, r.display_name, b.display_name FROM rooms r"
    " JOIN buildings b ON b.building_id = r.building_id WHERE r.state <> ",
    static_cast<int>(RoomState::kRetired), " ORDER BY r.building_id, r.room_id");

// "市政府大楼 301会议室": the room as people name it, with its building ("310" exists in
// two buildings).
std::string RoomDisplayName(const std::string& building, const std::string& room) {
  if (building.empty()) return room;
  if (room.empty()) return building;
  return absl::StrCat(building, " ", room);
}

std::string StringOrEmpty(sql::ResultSet& row, int column) {
  return row.isNull(column) ? std::string() : std::string(row.getString(column));
}

ServiceDone ReadDone(sql::ResultSet& row, int first) {
  return ServiceDone{row.getInt(first), db::FromSqlDateTime(std::string(row.getString(first + 1))),
                     std::string(row.getString(first + 2))};
}

// The display name of the meeting's room, with its building's; empty without a room.
std::string RoomDisplayNameOf(db::Connection& c, const Meeting& meeting) {
  if (!meeting.has_room()) return "";
  auto& names = c.Prepare(kSelectRoomNames);
  names.setString(1, meeting.building_id);
  names.setString(2, meeting.room_id);
  std::unique_ptr<sql::ResultSet> row(names.executeQuery());
  if (!row->next()) return "";
  return RoomDisplayName(std::string(row->getString(2)), std::string(row->getString(1)));
}

}  // namespace

absl::StatusOr<SignInSheetData> ReportStore::GetSignInSheet(absl::string_view meeting_id,
                                                            absl::string_view organizer_scope) {
  SignInSheetData result;
  absl::Status status = db::ReadOnly(pool_, "GetSignInSheet", [&](db::Connection& c) {
    std::optional<Meeting> meeting =
        LoadScopedMeeting(c, meeting_id, /*lock=*/false, organizer_scope);
    if (!meeting.has_value()) return MeetingNotFound(meeting_id);
    result = SignInSheetData{};
    result.meeting = *std::move(meeting);
    result.room_display_name = RoomDisplayNameOf(c, result.meeting);
    auto& select = c.Prepare(kSelectSignIns);
    select.setString(1, std::string(meeting_id));
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) {
      result.sign_ins.push_back(SignInRecord{
          std::string(rows->getString(1)), rows->getBoolean(2), std::string(rows->getString(3)),
          std::string(rows->getString(4)), db::FromSqlDateTime(std::string(rows->getString(5)))});
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<SeatingPlanData> ReportStore::GetSeatingPlan(absl::string_view meeting_id,
                                                            absl::string_view organizer_scope) {
  SeatingPlanData result;
  absl::Status status = db::ReadOnly(pool_, "GetSeatingPlan", [&](db::Connection& c) {
    std::optional<Meeting> meeting =
        LoadScopedMeeting(c, meeting_id, /*lock=*/false, organizer_scope);
    if (!meeting.has_value()) return MeetingNotFound(meeting_id);
    result = SeatingPlanData{};
    result.meeting = *std::move(meeting);
    result.room_display_name = RoomDisplayNameOf(c, result.meeting);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<ReportMeeting> ReportStore::GetReportMeeting(absl::string_view meeting_id,
                                                            absl::string_view no_show_actor,
                                                            absl::string_view organizer_scope) {
  ReportMeeting result;
  absl::Status status = db::ReadOnly(pool_, "GetReportMeeting", [&](db::Connection& c) {
    std::optional<Meeting> meeting =
        LoadScopedMeeting(c, meeting_id, /*lock=*/false, organizer_scope);
    if (!meeting.has_value()) return MeetingNotFound(meeting_id);
    result = ReportMeeting{};
    result.meeting = *std::move(meeting);
    result.listed_attendees = static_cast<int>(result.meeting.attendees.size());
    const std::string id(meeting_id);
    result.room_display_name = RoomDisplayNameOf(c, result.meeting);
    {
      auto& count = c.Prepare(kCountSignIns);
      count.setString(1, id);
      std::unique_ptr<sql::ResultSet> row(count.executeQuery());
      if (row->next()) result.signed_in = row->getInt(1);
    }
    {
      auto& done = c.Prepare(kSelectDone);
      done.setString(1, id);
      std::unique_ptr<sql::ResultSet> rows(done.executeQuery());
      while (rows->next()) result.done.push_back(ReadDone(*rows, 1));
    }
    auto& mark = c.Prepare(kSelectNoShowMark);
    mark.setString(1, id);
    mark.setInt(2, NumberOf(MeetingState::kCancelled));
    mark.setString(3, std::string(no_show_actor));
    std::unique_ptr<sql::ResultSet> row(mark.executeQuery());
    result.released_as_no_show = row->next();
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<std::vector<ReportMeeting>> ReportStore::ListHoldingMeetings(
    TimeWindow window, int limit, absl::string_view no_show_actor) {
  return ListMeetings(window, limit, /*holding_only=*/true, no_show_actor);
}

absl::StatusOr<std::vector<ReportMeeting>> ReportStore::ListAllMeetings(
    TimeWindow window, int limit, absl::string_view no_show_actor) {
  return ListMeetings(window, limit, /*holding_only=*/false, no_show_actor);
}

absl::StatusOr<std::vector<ReportMeeting>> ReportStore::ListMeetings(
    TimeWindow window, int limit, bool holding_only, absl::string_view no_show_actor) {
  std::vector<ReportMeeting> result;
  absl::Status status = db::ReadOnly(pool_, "ListReportMeetings", [&](db::Connection& c) {
    result.clear();
    const std::string start = db::ToSqlDateTime(window.start);
    const std::string end = db::ToSqlDateTime(window.end);
    std::map<std::string, size_t> index;
    {
      auto& select = c.Prepare(kListReportMeetings);
      int i = 1;
      select.setInt(i++, NumberOf(MeetingState::kCancelled));
      select.setString(i++, std::string(no_show_actor));
      select.setDateTime(i++, start);
      select.setDateTime(i++, end);
      select.setInt(i++, holding_only ? 1 : 0);
      select.setInt(i++, limit);
      std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
      while (rows->next()) {
        ReportMeeting m;
        m.meeting = ReadMeetingRow(*rows);
        if (!rows->isNull(kHoldStartColumn)) {
          m.meeting.occupancy =
              TimeWindow{db::FromSqlDateTime(std::string(rows->getString(kHoldStartColumn))),
                         db::FromSqlDateTime(std::string(rows->getString(kHoldStartColumn + 1)))};
        }
        m.room_display_name = RoomDisplayName(StringOrEmpty(*rows, kBuildingNameColumn),
                                              StringOrEmpty(*rows, kRoomNameColumn));
        m.listed_attendees = rows->getInt(kAttendeesColumn);
        m.signed_in = rows->getInt(kSignInsColumn);
        m.released_as_no_show = rows->getInt(kNoShowColumn) != 0;
        index[m.meeting.id] = result.size();
        result.push_back(std::move(m));
      }
    }
    // The services and their progress of every meeting of the window, two statements in
    // all; rows of meetings beyond the page's limit are skipped.
    {
      auto& select = c.Prepare(kListServicesIn);
      select.setDateTime(1, start);
      select.setDateTime(2, end);
      std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
      while (rows->next()) {
        auto it = index.find(std::string(rows->getString(1)));
        if (it == index.end()) continue;
        result[it->second].meeting.services.push_back(
            ServiceRequest{rows->getInt(2), rows->getInt(3), std::string(rows->getString(4))});
      }
    }
    auto& select = c.Prepare(kListDoneIn);
    select.setDateTime(1, start);
    select.setDateTime(2, end);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) {
      auto it = index.find(std::string(rows->getString(1)));
      if (it == index.end()) continue;
      result[it->second].done.push_back(ReadDone(*rows, 2));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<std::vector<ReportRoom>> ReportStore::ListReportRooms() {
  std::vector<ReportRoom> result;
  absl::Status status = db::ReadOnly(pool_, "ListReportRooms", [&](db::Connection& c) {
    result.clear();
    auto& select = c.Prepare(kListReportRooms);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) {
      result.push_back(ReportRoom{
          std::string(rows->getString(1)), std::string(rows->getString(2)),
          RoomDisplayName(std::string(rows->getString(4)), std::string(rows->getString(3)))});
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<ServiceDone> ReportStore::RecordServiceDone(absl::string_view meeting_id, int kind,
                                                           absl::string_view actor,
                                                           absl::Time now) {
  ServiceDone result;
  absl::Status status = db::InTransaction(pool_, "RecordServiceDone", [&](db::Connection& c) {
    // The meeting's row lock: an update rewriting the order waits, so a service is never
    // recorded done after it was taken off the order.
    std::optional<Meeting> meeting = LoadMeeting(c, meeting_id, /*lock=*/true);
    if (!meeting.has_value()) return MeetingNotFound(meeting_id);
    const std::string name = MeetingName(meeting_id);
    if (IsReadOnly(meeting->state)) {
      const std::string state(MeetingStateName(meeting->state));
      return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "MEETING_READ_ONLY",
                             absl::StrCat(name, " is ", state,
                                          "; services are recorded for meetings that are "
                                          "still to be held"),
                             {{"meeting", name}, {"state", state}});
    }
    const ServiceRequest* ordered = nullptr;
    for (const ServiceRequest& service : meeting->services) {
      if (service.kind == kind) ordered = &service;
    }
    if (ordered == nullptr) {
      return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "SERVICE_NOT_ORDERED",
                             absl::StrCat(name, " did not order service ", kind,
                                          "; add it to the meeting's services first "
                                          "(UpdateMeeting) or record one it ordered"),
                             {{"meeting", name}, {"kind", absl::StrCat(kind)}});
    }
    const std::string id(meeting_id);
    {
      auto& select = c.Prepare(kSelectOneDone);
      select.setString(1, id);
      select.setInt(2, kind);
      std::unique_ptr<sql::ResultSet> row(select.executeQuery());
      if (row->next()) {
        // Recorded before: the first record stands and nothing is published again.
        result = ReadDone(*row, 1);
        return absl::OkStatus();
      }
    }
    result = ServiceDone{kind, db::WholeMicros(now), std::string(actor)};
    auto& insert = c.Prepare(kInsertDone);
    insert.setString(1, id);
    insert.setInt(2, kind);
    insert.setDateTime(3, db::ToSqlDateTime(result.time));
    insert.setString(4, result.by);
    // Two first records of one service queue on the meeting's row lock, and the second
    // then finds the first above (sessions read committed rows); on Galera the loser's
    // commit fails certification and the retry finds it.
    insert.executeUpdate();

    v1::MeetingServiceDone event;
    event.set_meeting(name);
    v1::ServiceProgress* progress = event.mutable_service();
    progress->set_kind(static_cast<v1::ServiceKind>(kind));
    progress->set_quantity(ordered->quantity);
    progress->set_notes(ordered->notes);
    progress->set_done(true);
    *progress->mutable_done_time() = api::ToTimestamp(result.time);
    progress->set_done_by(result.by);
    std::vector<std::string> subjects = {name};
    if (meeting->has_room()) {
      subjects.push_back(
          absl::StrCat("buildings/", meeting->building_id, "/rooms/", meeting->room_id));
    }
    subjects.push_back(events::OrganizerUnitSubject(meeting->organizer_unit));
    events::Publish(c, event, subjects, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace huiwu::booking
