// FindAvailableRooms' ranking (domain/room_fit.h RankByFit) for catalog rooms.
//
// A file of its own because domain/room_fit.h and domain/meeting.h each define a
// different huiwu::booking::RoomRequirements, so no file can include both; this header
// mentions neither.
#ifndef HUIWU_SERVICES_BOOKING_STORE_ROOM_RANKING_H_
#define HUIWU_SERVICES_BOOKING_STORE_ROOM_RANKING_H_

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "services/booking/domain/catalog.h"

namespace huiwu::booking {

// The indexes into `rooms` of those that fit (seats, equipment, VIP), best fit first:
// preferred building, smallest sufficient capacity, least surplus equipment.
std::vector<size_t> RankRoomsByFit(const std::vector<Room>& rooms, int min_capacity,
                                   const std::set<int>& equipment, bool vip_required,
                                   const std::string& preferred_building_id);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_STORE_ROOM_RANKING_H_
