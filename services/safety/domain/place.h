// Where a hazard, inspection or task is: a room, or a building as a whole (room_id
// empty). "310" exists in two buildings, so a room is always named with its building.
#ifndef HUIWU_SERVICES_SAFETY_DOMAIN_PLACE_H_
#define HUIWU_SERVICES_SAFETY_DOMAIN_PLACE_H_

#include <string>

namespace huiwu::safety {

struct Place {
  std::string building_id;
  std::string room_id;  // empty: the building itself

  bool is_room() const { return !room_id.empty(); }
  bool operator==(const Place&) const = default;
};

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_DOMAIN_PLACE_H_
