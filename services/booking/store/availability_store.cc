// BookingStore: rooms free for a window (FindAvailableRooms) and room schedules.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <algorithm>
#include <bit>
#include <map>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/booking/store/booking_store.h"
#include "services/booking/store/lifecycle_step.h"
#include "services/booking/store/meeting_rows.h"
#include "services/booking/store/room_rows.h"
#include "services/booking/store/store_util.h"

namespace huiwu::booking {
namespace {

// The rooms that can be booked and offer what is required (equipment is a bit mask, see
// store_util.h). The catalog is small (tens of rooms): a scan of it is cheap.
const std::string kSelectBookableRooms = absl::StrCat(
    "SELECT ", kRoomColumns,
    " FROM rooms WHERE state = 1 AND capacity >= ? AND (equipment & ?) = ? AND (? = FALSE OR vip)");
// One room, the rooms of one building, or every room (empty ids do not filter).
const std::string kSelectScheduleRooms =
    absl::StrCat("SELECT ", kRoomColumns,
                 " FROM rooms WHERE (? = '' OR building_id = ?) AND (? = '' OR room_id = ?)");
constexpr char kSelectBuildingExists[] = "SELECT 1 FROM buildings WHERE building_id = ?";

// The holds of a list of rooms that can overlap a span. The explicit list of
// (building_id, room_id) keeps one index range per room on occupancies_by_room
// (building_id, room_id, start_time), bounded below by the longest possible hold
// (DESIGN §4); BETWEEN or a correlated NOT EXISTS would lose the range (PLATFORM.md).
// EXPLAIN: type range, key occupancies_by_room, key_len 516 (all three key parts).
// The statement is the prefix, "(?, ?)" once per room, then the range.
constexpr char kSelectHoldsOfRooms[] =
    "SELECT o.building_id, o.room_id, o.start_time, o.end_time FROM occupancies o "
    "WHERE (o.building_id, o.room_id) IN (";
// The same range, with the meeting holding the room: one join, not a query per room.
constexpr char kSelectBusyBlocksOfRooms[] =
    "SELECT o.building_id, o.room_id, o.start_time, o.end_time, o.meeting_id, m.title, "
    "m.state, m.confidential, m.organizer_unit FROM occupancies o JOIN meetings m ON m.meeting_id "
    "= o.meeting_id "
    "WHERE (o.building_id, o.room_id) IN (";
constexpr char kHoldsInRange[] = ") AND o.start_time > ? AND o.start_time < ? AND o.end_time > ?";
constexpr char kByStart[] = " ORDER BY o.start_time, o.meeting_id";

using RoomKey = std::pair<std::string, std::string>;

std::vector<Room> ReadRooms(sql::PreparedStatement& select) {
  std::vector<Room> rooms;
  std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
  while (rows->next()) rooms.push_back(ReadRoom(*rows));
  return rooms;
}

// Runs `prefix` + the room list + the range [lower, upper) of start times, keeping holds
// that end after `ends_after`, and hands each row and its room's index to `visit`. The
// list is padded to a power of two (repeating the last room) so that a connection
// prepares (and caches) a handful of statements, not one per number of rooms.
template <typename Visit>
void ForEachHold(db::Connection& c, absl::string_view prefix, absl::string_view order,
                 const std::vector<Room>& rooms, absl::Time lower, absl::Time upper,
                 absl::Time ends_after, Visit visit) {
  const size_t length = std::bit_ceil(rooms.size());
  std::string sql(prefix);
  for (size_t i = 0; i < length; ++i) absl::StrAppend(&sql, i == 0 ? "(?, ?)" : ", (?, ?)");
  absl::StrAppend(&sql, kHoldsInRange, order);

  auto& select = c.Prepare(sql);
  std::map<RoomKey, size_t> index;
  int p = 1;
  for (size_t i = 0; i < length; ++i) {
    const Room& room = rooms[std::min(i, rooms.size() - 1)];
    index.emplace(RoomKey{room.building_id, room.room_id}, std::min(i, rooms.size() - 1));
    select.setString(p++, room.building_id);
    select.setString(p++, room.room_id);
  }
  select.setDateTime(p++, db::ToSqlDateTime(lower));
  select.setDateTime(p++, db::ToSqlDateTime(upper));
  select.setDateTime(p++, db::ToSqlDateTime(ends_after));
  std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
  while (rows->next()) {
    const size_t i = index.at(RoomKey{rows->getString(1), rows->getString(2)});
    const TimeWindow hold{db::FromSqlDateTime(std::string(rows->getString(3))),
                          db::FromSqlDateTime(std::string(rows->getString(4)))};
    visit(i, hold, *rows);
  }
}

std::string RoomResourceName(const Room& room) {
  return absl::StrCat("buildings/", room.building_id, "/rooms/", room.room_id);
}

}  // namespace

absl::StatusOr<std::vector<AvailableRoom>> BookingStore::FindAvailableRooms(
    TimeWindow window, const RoomRequirements& requirements) {
  std::vector<Room> free_rooms;
  std::vector<TimeWindow> free_holds;
  absl::Status status = db::ReadOnly(pool_, "FindAvailableRooms", [&](db::Connection& c) {
    free_rooms.clear();
    free_holds.clear();
    auto& select = c.Prepare(kSelectBookableRooms);
    select.setInt(1, requirements.min_capacity);
    select.setUInt64(2, ToMask(requirements.equipment));
    select.setUInt64(3, ToMask(requirements.equipment));
    select.setBoolean(4, requirements.vip);
    std::vector<Room> rooms = ReadRooms(select);
    if (rooms.empty()) return absl::OkStatus();

    // Each room would be held with its own default buffers (一会一消毒 after).
    std::vector<TimeWindow> holds;
    TimeWindow span = {absl::InfiniteFuture(), absl::InfinitePast()};
    for (const Room& room : rooms) {
      holds.push_back(OccupancyOf(window, absl::Minutes(room.default_setup_minutes),
                                  absl::Minutes(room.default_cleanup_minutes)));
      span.start = std::min(span.start, holds.back().start);
      span.end = std::max(span.end, holds.back().end);
    }
    std::vector<bool> taken(rooms.size(), false);
    ForEachHold(c, kSelectHoldsOfRooms, "", rooms, span.start - LongestHold(longest_meeting_),
                span.end, span.start, [&](size_t i, const TimeWindow& hold, sql::ResultSet&) {
                  if (Overlaps(hold, holds[i])) taken[i] = true;
                });
    for (size_t i = 0; i < rooms.size(); ++i) {
      if (taken[i]) continue;
      free_rooms.push_back(std::move(rooms[i]));
      free_holds.push_back(holds[i]);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;

  std::vector<AvailableRoom> result;
  for (size_t i = 0; i < free_rooms.size(); ++i) {
    result.push_back(AvailableRoom{std::move(free_rooms[i]), free_holds[i]});
  }
  return result;
}

absl::StatusOr<std::vector<RoomSchedule>> BookingStore::GetRoomSchedule(
    absl::string_view building_id, absl::string_view room_id, TimeWindow window) {
  std::vector<RoomSchedule> result;
  absl::Status status = db::ReadOnly(pool_, "GetRoomSchedule", [&](db::Connection& c) {
    result.clear();
    auto& select = c.Prepare(kSelectScheduleRooms);
    select.setString(1, std::string(building_id));
    select.setString(2, std::string(building_id));
    select.setString(3, std::string(room_id));
    select.setString(4, std::string(room_id));
    std::vector<Room> rooms = ReadRooms(select);
    if (rooms.empty()) {
      if (!room_id.empty()) {
        const std::string name = absl::StrCat("buildings/", building_id, "/rooms/", room_id);
        return ErrorWithReason(absl::StatusCode::kNotFound, "ROOM_NOT_FOUND",
                               absl::StrCat(name, " does not exist; list rooms to find its name"),
                               {{"room", name}});
      }
      if (!building_id.empty()) {
        auto& exists = c.Prepare(kSelectBuildingExists);
        exists.setString(1, std::string(building_id));
        std::unique_ptr<sql::ResultSet> row(exists.executeQuery());
        if (!row->next()) {
          const std::string name = absl::StrCat("buildings/", building_id);
          return ErrorWithReason(
              absl::StatusCode::kNotFound, "BUILDING_NOT_FOUND",
              absl::StrCat(name, " does not exist; list buildings to find its name"),
              {{"building", name}});
        }
      }
      return absl::OkStatus();
    }
    std::vector<std::vector<BusyBlock>> busy(rooms.size());
    ForEachHold(c, kSelectBusyBlocksOfRooms, kByStart, rooms,
                window.start - LongestHold(longest_meeting_), window.end, window.start,
                [&](size_t i, const TimeWindow& hold, sql::ResultSet& row) {
                  busy[i].push_back(BusyBlock{
                      hold, std::string(row.getString(5)), std::string(row.getString(6)),
                      MeetingStateFromNumber(row.getInt(7)).value_or(MeetingState::kConfirmed),
                      row.getInt(8) != 0, std::string(row.getString(9))});
                });
    for (size_t i = 0; i < rooms.size(); ++i) {
      result.push_back(RoomSchedule{std::move(rooms[i]), std::move(busy[i])});
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  // By resource name, as the response promises.
  std::sort(result.begin(), result.end(), [](const RoomSchedule& a, const RoomSchedule& b) {
    return RoomResourceName(a.room) < RoomResourceName(b.room);
  });
  return result;
}

}  // namespace huiwu::booking
