#include "services/booking/domain/room_fit.h"

#include <algorithm>
#include <cstddef>
#include <tuple>

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
  if (requirements.vip_required && !room.vip) return false;
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

}  // namespace huiwu::booking
