// The rooms table's columns and how a row becomes a Room, shared by the store's files.
#ifndef HUIWU_SERVICES_BOOKING_STORE_ROOM_ROWS_H_
#define HUIWU_SERVICES_BOOKING_STORE_ROOM_ROWS_H_

#include "services/booking/domain/catalog.h"

namespace sql {
class ResultSet;
}

namespace huiwu::booking {

// In ReadRoom's order.
inline constexpr char kRoomColumns[] =
    "building_id, room_id, display_name, floor, capacity, seating_layouts, equipment, vip, "
    "default_setup_minutes, default_cleanup_minutes, state, version, create_time, update_time";

Room ReadRoom(sql::ResultSet& row);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_STORE_ROOM_ROWS_H_
