#include "services/booking/domain/meeting.h"

namespace huiwu::booking {

TimeWindow HoldOf(const Meeting& meeting, int room_setup_minutes, int room_cleanup_minutes) {
  return OccupancyOf(meeting.window,
                     absl::Minutes(meeting.setup_minutes.value_or(room_setup_minutes)),
                     absl::Minutes(meeting.cleanup_minutes.value_or(room_cleanup_minutes)));
}

std::optional<MeetingState> MeetingStateFromNumber(int number) {
  if (number < 1 || number > NumberOf(MeetingState::kCancelled)) return std::nullopt;
  return static_cast<MeetingState>(number - 1);
}

std::optional<MeetingKind> MeetingKindFromNumber(int number) {
  if (number < 1 || number > static_cast<int>(kAllMeetingKinds.size())) return std::nullopt;
  return static_cast<MeetingKind>(number - 1);
}

}  // namespace huiwu::booking
