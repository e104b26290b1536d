#include "services/booking/store/room_ranking.h"

#include <map>
#include <utility>

#include "services/booking/domain/room_fit.h"

namespace huiwu::booking {

std::vector<size_t> RankRoomsByFit(const std::vector<Room>& rooms, int min_capacity,
                                   const std::set<int>& equipment, bool vip_required,
                                   const std::string& preferred_building_id) {
  std::vector<RoomCandidate> candidates;
  std::map<std::pair<std::string, std::string>, size_t> index;
  candidates.reserve(rooms.size());
  for (size_t i = 0; i < rooms.size(); ++i) {
    const Room& room = rooms[i];
    candidates.push_back(
        RoomCandidate{room.room_id, room.building_id, room.capacity, room.vip, room.equipment});
    index.emplace(std::make_pair(room.building_id, room.room_id), i);
  }
  std::vector<size_t> order;
  for (const RoomCandidate& room :
       RankByFit(std::move(candidates),
                 RoomRequirements{min_capacity, equipment, vip_required, preferred_building_id})) {
    order.push_back(index.at({room.building_id, room.name}));
  }
  return order;
}

}  // namespace huiwu::booking
