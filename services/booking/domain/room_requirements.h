// What a meeting needs of a room when its notice names none (capacity, equipment such as
// video conferencing, a VIP room, a preferred building); FindAvailableRooms ranks by it.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_ROOM_REQUIREMENTS_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_ROOM_REQUIREMENTS_H_

#include <set>
#include <string>

namespace huiwu::booking {

struct RoomRequirements {
  int min_capacity = 0;
  std::set<int> equipment;            // Equipment enum values; all of them are needed
  bool vip = false;                   // a VIP room (贵宾室) is needed
  std::string preferred_building_id;  // empty: no preference
};

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_ROOM_REQUIREMENTS_H_
