// The rooms table's columns and how a row becomes a Room, shared by the store's files.
#ifndef HUIWU_SERVICES_BOOKING_STORE_ROOM_ROWS_H_
#define HUIWU_SERVICES_BOOKING_STORE_ROOM_ROWS_H_

#include <string>
#include <vector>

#include "services/booking/domain/catalog.h"

namespace sql {
class ResultSet;
}

namespace huiwu::booking {

// In ReadRoom's order.
inline constexpr char kRoomColumns[] =
    "building_id, room_id, display_name, floor, capacity, seating_layouts, equipment, vip, "
    "default_setup_minutes, default_cleanup_minutes, state, version, create_time, update_time, "
    "allowed_units, allowed_kinds, waitlist_mode";

Room ReadRoom(sql::ResultSet& row);

// The allowed_units column: the units joined by a line feed (0010_room_rights_waitlist.sql).
std::string JoinUnits(const std::vector<std::string>& units);
std::vector<std::string> SplitUnits(const std::string& column);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_STORE_ROOM_ROWS_H_
