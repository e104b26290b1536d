// The center's real buildings and meeting rooms (DESIGN §1), loaded by
// `huiwuctl seed-catalog`.
#ifndef HUIWU_TOOLS_HUIWUCTL_CATALOG_SEED_H_
#define HUIWU_TOOLS_HUIWUCTL_CATALOG_SEED_H_

#include <string>
#include <vector>

#include "huiwu/booking/v1/catalog.pb.h"

namespace huiwu::ctl {

struct BuildingSeed {
  std::string building_id;
  std::string display_name;
};

struct RoomSeed {
  std::string building_id;
  std::string room_id;
  std::string display_name;
  int floor = 0;
  int capacity = 0;
  std::vector<booking::v1::SeatingLayout> seating_layouts;
  std::vector<booking::v1::Equipment> equipment;
  bool vip = false;
  int setup_minutes = 0;
  int cleanup_minutes = 0;
};

const std::vector<BuildingSeed>& SeedBuildings();

// Every room's building is in SeedBuildings().
const std::vector<RoomSeed>& SeedRooms();

}  // namespace huiwu::ctl

#endif  // HUIWU_TOOLS_HUIWUCTL_CATALOG_SEED_H_
