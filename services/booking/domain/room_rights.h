// Room rights (会议室使用权限): a room may be kept for some organizer units and/or some
// kinds of meeting, e.g. the VIP reception room (贵宾室) for receptions of the general
// office. The rule is decided here, without SQL or gRPC; the store asks it on the room
// row the confirming transaction locks.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_ROOM_RIGHTS_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_ROOM_RIGHTS_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/booking/domain/meeting_kind.h"

namespace huiwu::booking {

// Who may book a room. An empty list does not restrict; each list that is set must
// admit a notice (unit AND kind), because a room kept for the general office's
// receptions is not meant for the general office's training sessions either.
struct RoomRights {
  std::vector<std::string> organizer_units;  // as given, no duplicates
  std::set<int> kinds;                       // MeetingKind proto numbers

  bool restricted() const { return !organizer_units.empty() || !kinds.empty(); }
  bool operator==(const RoomRights& other) const {
    return organizer_units == other.organizer_units && kinds == other.kinds;
  }
};

// Which restriction refused a notice.
enum class RightsRefusal { kOrganizerUnit, kKind };

// Why `rights` refuse a notice of `organizer_unit` and `kind`; nullopt when they admit
// it. The unit is checked first: it is what the organizer can do nothing about.
std::optional<RightsRefusal> RefusalOf(const RoomRights& rights, absl::string_view organizer_unit,
                                       MeetingKind kind);

// For FindAvailableRooms: whether the room may be offered to a search for `organizer_unit`
// (empty: any unit) and `kind` (nullopt: any kind). A search that names neither is the
// dispatch hub's view of every room and is not filtered.
bool OfferedTo(const RoomRights& rights, absl::string_view organizer_unit,
               std::optional<MeetingKind> kind);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_ROOM_RIGHTS_H_
