#include "services/booking/domain/no_show.h"

#include <algorithm>

namespace huiwu::booking {

bool ShouldReleaseNoShow(MeetingState state, MeetingKind kind, bool vip, absl::Time start,
                         int signed_in_count, absl::Time now, const SchedulingPolicy& policy) {
  // An IN_PROGRESS meeting was started by the attendants, so somebody is there even if
  // the sign-in sheet is empty; only a meeting still waiting to start is a no-show.
  if (state != MeetingState::kConfirmed) return false;
  if (vip || kind == MeetingKind::kVipReception) return false;
  if (signed_in_count > 0) return false;
  if (std::find(kAllMeetingKinds.begin(), kAllMeetingKinds.end(), kind) == kAllMeetingKinds.end()) {
    return false;  // an unknown kind is never released: releasing cannot be undone
  }
  const std::optional<absl::Duration>& release_after = policy.LimitsFor(kind).no_show_release_after;
  if (!release_after.has_value()) return false;
  return now >= start + *release_after;
}

}  // namespace huiwu::booking
