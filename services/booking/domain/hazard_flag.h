// Which meetings a safety hazard puts in doubt (DESIGN §2: a critical hazard opened on a
// room → booking flags the affected future meetings so the dispatch hub can move them;
// they are not cancelled automatically). The rule is safety's room clearance, so the
// meetings flagged are exactly those a confirmation would now be refused for: a high
// hazard blocks its own room, a critical one (fire, live wires, a flood) every room of
// its building.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_HAZARD_FLAG_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_HAZARD_FLAG_H_

#include <optional>
#include <string>

#include "services/booking/domain/meeting_state.h"

namespace huiwu::booking {

// A hazard's severity as far as rooms are concerned: low and medium ones block nothing.
enum class HazardLevel { kMinor, kHigh, kCritical };

// A building (room_id empty) or one of its rooms.
struct Place {
  std::string building_id;
  std::string room_id;

  bool operator==(const Place& other) const {
    return building_id == other.building_id && room_id == other.room_id;
  }
};

// The rooms whose meetings a hazard of `level` at `place` affects: one room, every room
// of a building (room_id empty), or none (nullopt).
std::optional<Place> AffectedRooms(HazardLevel level, const Place& place);

// The meetings still to be held that a flag is for: notices and confirmed meetings
// (ending after now). One that has started is already under the attendants' eyes.
inline constexpr MeetingState kFlaggableStates[] = {MeetingState::kSubmitted,
                                                    MeetingState::kConfirmed};

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_HAZARD_FLAG_H_
