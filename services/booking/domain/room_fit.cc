#include "services/booking/domain/room_fit.h"

#include <algorithm>
#include <cstddef>
#include <map>
#include <tuple>
#include <utility>

namespace huiwu::booking {
namespace {

std::size_t SurplusEquipment(const RoomCandidate& room, const RoomRequirements& requirements) {
  return static_cast<std::size_t>(
      std::count_if(room.equipment.begin(), room.equipment.end(),
                    [&](int item) { return !requirements.equipment.contains(item); }));
}

}  // namespace

bool Satisfies(const RoomCandidate& room, const RoomRequirements& requirements) {
  if (room.capacity < requirements.min_capacity) return false;
  if (requirements.vip && !room.vip) return false;
  return std::includes(room.equipment.begin(), room.equipment.end(), requirements.equipment.begin(),
                       requirements.equipment.end());
}

std::vector<RoomCandidate> RankByFit(std::vector<RoomCandidate> rooms,
                                     const RoomRequirements& requirements) {
  std::erase_if(rooms, [&](const RoomCandidate& room) { return !Satisfies(room, requirements); });
  const auto outside_preferred = [&](const RoomCandidate& room) {
    return !requirements.preferred_building_id.empty() &&
           room.building_id != requirements.preferred_building_id;
  };
  std::stable_sort(rooms.begin(), rooms.end(), [&](const RoomCandidate& a, const RoomCandidate& b) {
    return std::forward_as_tuple(outside_preferred(a), a.capacity,
                                 SurplusEquipment(a, requirements), a.name, a.building_id) <
           std::forward_as_tuple(outside_preferred(b), b.capacity,
                                 SurplusEquipment(b, requirements), b.name, b.building_id);
  });
  return rooms;
}

std::vector<size_t> RankRoomsByFit(const std::vector<Room>& rooms,
                                   const RoomRequirements& requirements) {
  std::vector<RoomCandidate> candidates;
  std::map<std::pair<std::string, std::string>, size_t> index;
  for (size_t i = 0; i < rooms.size(); ++i) {
    const Room& room = rooms[i];
    candidates.push_back(
        RoomCandidate{room.room_id, room.building_id, room.capacity, room.vip, room.equipment});
    index.emplace(std::make_pair(room.building_id, room.room_id), i);
  }
  std::vector<size_t> order;
  for (const RoomCandidate& room : RankByFit(std::move(candidates), requirements)) {
    order.push_back(index.at({room.building_id, room.name}));
  }
  return order;
}

}  // namespace huiwu::booking
