#include "services/booking/domain/hazard_flag.h"

namespace huiwu::booking {

std::optional<Place> AffectedRooms(HazardLevel level, const Place& place) {
  switch (level) {
    case HazardLevel::kCritical:
      // Wherever it is in the building, every room of the building is blocked.
      return Place{place.building_id, ""};
    case HazardLevel::kHigh:
      // Only its own room; a high hazard of a building as a whole blocks no room.
      if (place.room_id.empty()) return std::nullopt;
      return place;
    case HazardLevel::kMinor:
      break;
  }
  return std::nullopt;
}

}  // namespace huiwu::booking
