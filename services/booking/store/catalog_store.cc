// BookingStore: buildings and rooms.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/api/etag_check.h"
#include "common/db/idempotency.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/booking/api/catalog_requests.h"
#include "services/booking/store/booking_store.h"
#include "services/booking/store/meeting_rows.h"
#include "services/booking/store/room_rows.h"
#include "services/booking/store/store_util.h"

namespace huiwu::booking {
namespace {

constexpr char kBuildingColumns[] =
    "building_id, display_name, address, version, create_time, update_time";
const std::string kInsertBuilding =
    absl::StrCat("INSERT INTO buildings (", kBuildingColumns, ") VALUES (?, ?, ?, 1, ?, ?)");
const std::string kSelectBuilding =
    absl::StrCat("SELECT ", kBuildingColumns, " FROM buildings WHERE building_id = ?");
const std::string kListBuildings =
    absl::StrCat("SELECT ", kBuildingColumns,
                 " FROM buildings WHERE building_id > ? ORDER BY building_id LIMIT ?");

const std::string kInsertRoom =
    absl::StrCat("INSERT INTO rooms (", kRoomColumns,
                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)");
const std::string kSelectRoom =
    absl::StrCat("SELECT ", kRoomColumns, " FROM rooms WHERE building_id = ? AND room_id = ?");
const std::string kSelectRoomForUpdate = kSelectRoom + " FOR UPDATE";
// Keyset paging on the primary key; the filters are optional (the "? = 0 OR" idiom keeps
// one prepared statement for every combination).
const std::string kListRooms =
    absl::StrCat("SELECT ", kRoomColumns,
                 " FROM rooms WHERE (? = '' OR building_id = ?)"
                 " AND (building_id > ? OR (building_id = ? AND room_id > ?))"
                 " AND capacity >= ? AND (equipment & ?) = ? AND (? = 0 OR state = ?)"
                 " ORDER BY building_id, room_id LIMIT ?");
constexpr char kUpdateRoom[] =
    "UPDATE rooms SET display_name = ?, floor = ?, capacity = ?, seating_layouts = ?, "
    "equipment = ?, vip = ?, default_setup_minutes = ?, default_cleanup_minutes = ?, state = ?, "
    "allowed_units = ?, allowed_kinds = ?, waitlist_mode = ?, version = version + 1, update_time = "
    "? WHERE building_id = ? AND room_id = ?";
constexpr char kDeleteRoom[] = "DELETE FROM rooms WHERE building_id = ? AND room_id = ?";
// The room's meetings still to happen (SUBMITTED, CONFIRMED or IN_PROGRESS, ending after
// now): the next one and how many. An index range on meetings_by_room.
constexpr char kSelectFutureMeetings[] =
    "SELECT meeting_id, COUNT(*) OVER () FROM meetings WHERE building_id = ? AND room_id = ? "
    "AND state IN (?, ?, ?) AND end_time > ? ORDER BY start_time, meeting_id LIMIT 1";

// A confirmed meeting of the room, still to end, that needs more than ? seats.
constexpr char kSelectMeetingTooBig[] =
    "SELECT meeting_id, expected_participants FROM meetings WHERE building_id = ? AND "
    "room_id = ? AND state IN (?, ?) AND end_time > ? AND expected_participants > ? "
    "ORDER BY start_time LIMIT 1";

Building ReadBuilding(sql::ResultSet& row) {
  Building b;
  b.id = row.getString(1);
  b.display_name = row.getString(2);
  b.address = row.getString(3);
  b.version = row.getInt64(4);
  b.create_time = db::FromSqlDateTime(std::string(row.getString(5)));
  b.update_time = db::FromSqlDateTime(std::string(row.getString(6)));
  return b;
}

absl::Status BuildingNotFound(absl::string_view building_id) {
  return ErrorWithReason(
      absl::StatusCode::kNotFound, "BUILDING_NOT_FOUND",
      absl::StrCat(BuildingName(building_id), " does not exist; list buildings to find its name"),
      {{"building", BuildingName(building_id)}});
}

absl::Status RoomNotFound(absl::string_view building_id, absl::string_view room_id) {
  return ErrorWithReason(
      absl::StatusCode::kNotFound, "ROOM_NOT_FOUND",
      absl::StrCat(RoomName(building_id, room_id), " does not exist; list rooms to find its name"),
      {{"room", RoomName(building_id, room_id)}});
}

std::optional<Building> FindBuilding(db::Connection& c, absl::string_view building_id) {
  auto& select = c.Prepare(kSelectBuilding);
  select.setString(1, std::string(building_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  return ReadBuilding(*row);
}

std::optional<Room> FindRoom(db::Connection& c, const std::string& sql,
                             absl::string_view building_id, absl::string_view room_id) {
  auto& select = c.Prepare(sql);
  select.setString(1, std::string(building_id));
  select.setString(2, std::string(room_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  return ReadRoom(*row);
}

}  // namespace

absl::StatusOr<Building> BookingStore::CreateBuilding(const Building& building,
                                                      absl::string_view request_id,
                                                      absl::Time now) {
  Building result;
  absl::Status status = db::InTransaction(pool_, "CreateBuilding", [&](db::Connection& c) {
    if (!request_id.empty()) {
      auto earlier =
          db::ClaimRequestId(c, "CreateBuilding", request_id, BuildingName(building.id), now);
      if (earlier.has_value()) {
        auto found = FindBuilding(c, building.id);
        if (!found.has_value()) return BuildingNotFound(building.id);
        result = *found;
        return absl::OkStatus();
      }
    }
    try {
      auto& insert = c.Prepare(kInsertBuilding);
      insert.setString(1, building.id);
      insert.setString(2, building.display_name);
      insert.setString(3, building.address);
      insert.setDateTime(4, db::ToSqlDateTime(now));
      insert.setDateTime(5, db::ToSqlDateTime(now));
      insert.executeUpdate();
    } catch (const sql::SQLException& e) {
      if (e.getErrorCode() != db::kErDupEntry) throw;
      return ErrorWithReason(
          absl::StatusCode::kAlreadyExists, "BUILDING_ALREADY_EXISTS",
          absl::StrCat(BuildingName(building.id), " already exists; choose another building_id"),
          {{"building", BuildingName(building.id)}});
    }
    result = building;
    result.version = 1;
    result.create_time = result.update_time = absl::FromUnixMicros(absl::ToUnixMicros(now));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<Building> BookingStore::GetBuilding(absl::string_view building_id) {
  std::optional<Building> result;
  absl::Status status = db::ReadOnly(pool_, "GetBuilding", [&](db::Connection& c) {
    result = FindBuilding(c, building_id);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!result.has_value()) return BuildingNotFound(building_id);
  return *result;
}

absl::StatusOr<std::vector<Building>> BookingStore::ListBuildings(absl::string_view after_id,
                                                                  int limit) {
  std::vector<Building> result;
  absl::Status status = db::ReadOnly(pool_, "ListBuildings", [&](db::Connection& c) {
    result.clear();
    auto& select = c.Prepare(kListBuildings);
    select.setString(1, std::string(after_id));
    select.setInt(2, limit);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) result.push_back(ReadBuilding(*rows));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<Room> BookingStore::CreateRoom(const Room& room, absl::string_view request_id,
                                              absl::Time now) {
  Room result;
  absl::Status status = db::InTransaction(pool_, "CreateRoom", [&](db::Connection& c) {
    if (!request_id.empty()) {
      auto earlier = db::ClaimRequestId(c, "CreateRoom", request_id,
                                        RoomName(room.building_id, room.room_id), now);
      if (earlier.has_value()) {
        auto key = ParseRoomName("request_id", *earlier);
        if (!key.ok()) return key.status();
        auto found = FindRoom(c, kSelectRoom, key->building_id, key->room_id);
        if (!found.has_value()) return RoomNotFound(key->building_id, key->room_id);
        result = *found;
        return absl::OkStatus();
      }
    }
    if (!FindBuilding(c, room.building_id).has_value()) return BuildingNotFound(room.building_id);
    try {
      auto& insert = c.Prepare(kInsertRoom);
      insert.setString(1, room.building_id);
      insert.setString(2, room.room_id);
      insert.setString(3, room.display_name);
      insert.setInt(4, room.floor);
      insert.setInt(5, room.capacity);
      insert.setUInt64(6, ToMask(room.seating_layouts));
      insert.setUInt64(7, ToMask(room.equipment));
      insert.setBoolean(8, room.vip);
      insert.setInt(9, room.default_setup_minutes);
      insert.setInt(10, room.default_cleanup_minutes);
      insert.setInt(11, static_cast<int>(room.state));
      insert.setDateTime(12, db::ToSqlDateTime(now));
      insert.setDateTime(13, db::ToSqlDateTime(now));
      insert.setString(14, JoinUnits(room.rights.organizer_units));
      insert.setUInt64(15, ToMask(room.rights.kinds));
      insert.setInt(16, static_cast<int>(room.waitlist_mode));
      insert.executeUpdate();
    } catch (const sql::SQLException& e) {
      if (e.getErrorCode() != db::kErDupEntry) throw;
      const std::string name = RoomName(room.building_id, room.room_id);
      return ErrorWithReason(absl::StatusCode::kAlreadyExists, "ROOM_ALREADY_EXISTS",
                             absl::StrCat(name, " already exists; choose another room_id"),
                             {{"room", name}});
    }
    result = room;
    result.version = 1;
    result.create_time = result.update_time = absl::FromUnixMicros(absl::ToUnixMicros(now));
    PublishEvent(c, RoomCreatedEvent(result), now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<Room> BookingStore::GetRoom(absl::string_view building_id,
                                           absl::string_view room_id) {
  std::optional<Room> result;
  absl::Status status = db::ReadOnly(pool_, "GetRoom", [&](db::Connection& c) {
    result = FindRoom(c, kSelectRoom, building_id, room_id);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!result.has_value()) return RoomNotFound(building_id, room_id);
  return *result;
}

absl::StatusOr<std::vector<Room>> BookingStore::ListRooms(const RoomFilter& filter,
                                                          const std::vector<std::string>& after,
                                                          int limit) {
  std::vector<Room> result;
  absl::Status status = db::ReadOnly(pool_, "ListRooms", [&](db::Connection& c) {
    result.clear();
    if (!filter.building_id.empty() && !FindBuilding(c, filter.building_id).has_value()) {
      return BuildingNotFound(filter.building_id);
    }
    const std::string after_building = after.empty() ? "" : after[0];
    const std::string after_room = after.empty() ? "" : after[1];
    const uint64_t equipment = ToMask(filter.equipment);
    auto& select = c.Prepare(kListRooms);
    select.setString(1, filter.building_id);
    select.setString(2, filter.building_id);
    select.setString(3, after_building);
    select.setString(4, after_building);
    select.setString(5, after_room);
    select.setInt(6, filter.min_capacity);
    select.setUInt64(7, equipment);
    select.setUInt64(8, equipment);
    select.setInt(9, filter.state);
    select.setInt(10, filter.state);
    select.setInt(11, limit);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) result.push_back(ReadRoom(*rows));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<Room> BookingStore::UpdateRoom(absl::string_view building_id,
                                              absl::string_view room_id, absl::string_view etag,
                                              absl::FunctionRef<void(Room&)> apply,
                                              absl::Time now) {
  Room result;
  absl::Status status = db::InTransaction(pool_, "UpdateRoom", [&](db::Connection& c) {
    std::optional<Room> room = FindRoom(c, kSelectRoomForUpdate, building_id, room_id);
    if (!room.has_value()) return RoomNotFound(building_id, room_id);
    absl::Status etag_ok = api::CheckEtag(etag, room->version, RoomName(building_id, room_id));
    if (!etag_ok.ok()) return etag_ok;
    const int old_capacity = room->capacity;
    apply(*room);
    if (room->capacity < old_capacity) {
      // Seats are taken away only where no confirmed meeting still needs them.
      auto& crowded = c.Prepare(kSelectMeetingTooBig);
      crowded.setString(1, std::string(building_id));
      crowded.setString(2, std::string(room_id));
      crowded.setInt(3, NumberOf(MeetingState::kConfirmed));
      crowded.setInt(4, NumberOf(MeetingState::kInProgress));
      crowded.setDateTime(5, db::ToSqlDateTime(now));
      crowded.setInt(6, room->capacity);
      std::unique_ptr<sql::ResultSet> row(crowded.executeQuery());
      if (row->next()) {
        const std::string meeting = absl::StrCat("meetings/", std::string(row->getString(1)));
        const std::string name = RoomName(building_id, room_id);
        return ErrorWithReason(
            absl::StatusCode::kFailedPrecondition, "ROOM_TOO_SMALL",
            absl::StrCat(meeting, " in ", name, " expects ", row->getInt(2),
                         " participants, more than ", room->capacity,
                         " seats; move it (RescheduleMeeting) before reducing the capacity"),
            {{"room", name},
             {"meeting", meeting},
             {"expected_participants", absl::StrCat(row->getInt(2))}});
      }
    }
    auto& update = c.Prepare(kUpdateRoom);
    update.setString(1, room->display_name);
    update.setInt(2, room->floor);
    update.setInt(3, room->capacity);
    update.setUInt64(4, ToMask(room->seating_layouts));
    update.setUInt64(5, ToMask(room->equipment));
    update.setBoolean(6, room->vip);
    update.setInt(7, room->default_setup_minutes);
    update.setInt(8, room->default_cleanup_minutes);
    update.setInt(9, static_cast<int>(room->state));
    update.setString(10, JoinUnits(room->rights.organizer_units));
    update.setUInt64(11, ToMask(room->rights.kinds));
    update.setInt(12, static_cast<int>(room->waitlist_mode));
    update.setDateTime(13, db::ToSqlDateTime(now));
    update.setString(14, std::string(building_id));
    update.setString(15, std::string(room_id));
    update.executeUpdate();
    result = *room;
    result.version += 1;
    result.update_time = absl::FromUnixMicros(absl::ToUnixMicros(now));
    PublishEvent(c, RoomUpdatedEvent(result), now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::Status BookingStore::DeleteRoom(absl::string_view building_id, absl::string_view room_id,
                                      absl::string_view etag, absl::Time now) {
  return db::InTransaction(pool_, "DeleteRoom", [&](db::Connection& c) {
    std::optional<Room> room = FindRoom(c, kSelectRoomForUpdate, building_id, room_id);
    if (!room.has_value()) return RoomNotFound(building_id, room_id);
    absl::Status etag_ok = api::CheckEtag(etag, room->version, RoomName(building_id, room_id));
    if (!etag_ok.ok()) return etag_ok;
    // A room cannot go while notices name it or meetings hold it: they would be left with
    // a room that no longer exists. Notices naming the room (ReferenceRoom) and
    // confirmations (HoldRoom) write the room row, locked here, so none slips in between
    // this check and the delete; through another Galera node, where this lock does not
    // hold, the delete of the row they wrote is refused at commit and retried.
    {
      auto& future = c.Prepare(kSelectFutureMeetings);
      future.setString(1, std::string(building_id));
      future.setString(2, std::string(room_id));
      future.setInt(3, NumberOf(MeetingState::kSubmitted));
      future.setInt(4, NumberOf(MeetingState::kConfirmed));
      future.setInt(5, NumberOf(MeetingState::kInProgress));
      future.setDateTime(6, db::ToSqlDateTime(now));
      std::unique_ptr<sql::ResultSet> next(future.executeQuery());
      if (next->next()) {
        const std::string name = RoomName(building_id, room_id);
        const std::string meeting = absl::StrCat("meetings/", std::string(next->getString(1)));
        const int64_t count = next->getInt64(2);
        return ErrorWithReason(
            absl::StatusCode::kFailedPrecondition, "ROOM_HAS_FUTURE_MEETINGS",
            absl::StrCat(
                name, " has ", count, " meeting(s) still to happen (next: ", meeting,
                "); reschedule or cancel them first (set the room's state to RETIRED to stop "
                "new bookings meanwhile)"),
            {{"room", name}, {"meeting", meeting}, {"meeting_count", absl::StrCat(count)}});
      }
    }
    auto& remove = c.Prepare(kDeleteRoom);
    remove.setString(1, std::string(building_id));
    remove.setString(2, std::string(room_id));
    remove.executeUpdate();
    PublishEvent(c, RoomDeletedEvent(building_id, room_id), now);
    return absl::OkStatus();
  });
}

}  // namespace huiwu::booking
