// Choosing rooms for FindAvailableRooms: of the rooms free at the requested time, which
// can hold the meeting, and which to offer first.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_ROOM_FIT_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_ROOM_FIT_H_

#include <set>
#include <string>
#include <vector>

#include "services/booking/domain/catalog.h"
#include "services/booking/domain/room_requirements.h"

namespace huiwu::booking {

struct RoomCandidate {
  std::string name;         // e.g. "310": unique only within its building
  std::string building_id;  // 市政府大楼 or 123市民服务中心大楼
  int capacity = 0;
  bool vip = false;         // the VIP reception room (贵宾室)
  std::set<int> equipment;  // the proto's equipment enum values
};

// Whether `room` can hold the meeting: enough seats, every needed piece of equipment,
// and the VIP room when a VIP room is required.
bool Satisfies(const RoomCandidate& room, const RoomRequirements& requirements);

// The rooms that satisfy `requirements`, best first: rooms in the preferred building,
// then the smallest capacity that suffices (a 20-person meeting does not take the
// auditorium), then the fewest pieces of equipment beyond the needed ones (keep the
// video room for video meetings), then by name and building id, so the order is the
// same on every replica and every call.
std::vector<RoomCandidate> RankByFit(std::vector<RoomCandidate> rooms,
                                     const RoomRequirements& requirements);

// RankByFit over catalog rooms: the indexes into `rooms` of those that fit, best first.
std::vector<size_t> RankRoomsByFit(const std::vector<Room>& rooms,
                                   const RoomRequirements& requirements);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_ROOM_FIT_H_
