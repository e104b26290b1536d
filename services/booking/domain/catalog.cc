#include "services/booking/domain/catalog.h"

namespace huiwu::booking {

void ApplyRoomUpdate(const Room& patch, uint32_t fields, Room& room) {
  if (fields & kRoomDisplayName) room.display_name = patch.display_name;
  if (fields & kRoomFloor) room.floor = patch.floor;
  if (fields & kRoomCapacity) room.capacity = patch.capacity;
  if (fields & kRoomSeatingLayouts) room.seating_layouts = patch.seating_layouts;
  if (fields & kRoomEquipment) room.equipment = patch.equipment;
  if (fields & kRoomVip) room.vip = patch.vip;
  if (fields & kRoomDefaultSetupMinutes) room.default_setup_minutes = patch.default_setup_minutes;
  if (fields & kRoomDefaultCleanupMinutes) {
    room.default_cleanup_minutes = patch.default_cleanup_minutes;
  }
  if (fields & kRoomState) room.state = patch.state;
  if (fields & kRoomAllowedOrganizerUnits) {
    room.rights.organizer_units = patch.rights.organizer_units;
  }
  if (fields & kRoomAllowedKinds) room.rights.kinds = patch.rights.kinds;
  if (fields & kRoomWaitlistMode) room.waitlist_mode = patch.waitlist_mode;
}

}  // namespace huiwu::booking
