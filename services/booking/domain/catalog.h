// The catalog of the center's buildings and meeting rooms (会议室), as plain values.
// Enum-valued fields hold the proto enum numbers (SeatingLayout, Equipment), which are
// part of the published API and therefore stable.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_CATALOG_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_CATALOG_H_

#include <cstdint>
#include <set>
#include <string>

#include "absl/time/time.h"
#include "services/booking/domain/room_rights.h"
#include "services/booking/domain/waitlist_entry.h"

namespace huiwu::booking {

enum class RoomState { kActive = 1, kUnderMaintenance = 2, kRetired = 3 };

struct Building {
  std::string id;
  std::string display_name;
  std::string address;
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
};

struct Room {
  std::string building_id;
  std::string room_id;
  std::string display_name;
  int floor = 0;
  int capacity = 0;
  std::set<int> seating_layouts;
  std::set<int> equipment;
  bool vip = false;
  int default_setup_minutes = 0;
  int default_cleanup_minutes = 0;
  RoomState state = RoomState::kActive;
  RoomRights rights;  // who may book it (empty: everyone)
  WaitlistMode waitlist_mode = WaitlistMode::kAutoConfirm;
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
};

// Which rooms ListRooms returns; empty/zero fields do not filter.
struct RoomFilter {
  std::string building_id;  // empty: every building
  int min_capacity = 0;
  std::set<int> equipment;  // rooms having all of these
  int state = 0;            // 0: any state
};

// The fields UpdateRoom may change, as named in update_mask.
enum RoomField : uint32_t {
  kRoomDisplayName = 1 << 0,
  kRoomFloor = 1 << 1,
  kRoomCapacity = 1 << 2,
  kRoomSeatingLayouts = 1 << 3,
  kRoomEquipment = 1 << 4,
  kRoomVip = 1 << 5,
  kRoomDefaultSetupMinutes = 1 << 6,
  kRoomDefaultCleanupMinutes = 1 << 7,
  kRoomState = 1 << 8,
  kRoomAllowedOrganizerUnits = 1 << 9,
  kRoomAllowedKinds = 1 << 10,
  kRoomWaitlistMode = 1 << 11,
  kAllRoomFields = (1 << 12) - 1,
};

// Copies the fields in `fields` from `patch` to `room`.
void ApplyRoomUpdate(const Room& patch, uint32_t fields, Room& room);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_CATALOG_H_
