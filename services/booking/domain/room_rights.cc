#include "services/booking/domain/room_rights.h"

#include <algorithm>

#include "services/booking/domain/meeting.h"

namespace huiwu::booking {
namespace {

bool UnitAdmitted(const RoomRights& rights, absl::string_view unit) {
  return rights.organizer_units.empty() ||
         std::find(rights.organizer_units.begin(), rights.organizer_units.end(), unit) !=
             rights.organizer_units.end();
}

bool KindAdmitted(const RoomRights& rights, MeetingKind kind) {
  return rights.kinds.empty() || rights.kinds.count(NumberOf(kind)) > 0;
}

}  // namespace

std::optional<RightsRefusal> RefusalOf(const RoomRights& rights, absl::string_view organizer_unit,
                                       MeetingKind kind) {
  if (!UnitAdmitted(rights, organizer_unit)) return RightsRefusal::kOrganizerUnit;
  if (!KindAdmitted(rights, kind)) return RightsRefusal::kKind;
  return std::nullopt;
}

bool OfferedTo(const RoomRights& rights, absl::string_view organizer_unit,
               std::optional<MeetingKind> kind) {
  if (!organizer_unit.empty() && !UnitAdmitted(rights, organizer_unit)) return false;
  return !kind.has_value() || KindAdmitted(rights, *kind);
}

}  // namespace huiwu::booking
