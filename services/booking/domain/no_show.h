// Releasing a room that was booked and not used. Sign-in (签到) is how the center knows a
// meeting took place; a confirmed room nobody signed in to is given back so that other
// units can use it.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_NO_SHOW_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_NO_SHOW_H_

#include "absl/time/time.h"
#include "services/booking/domain/meeting_kind.h"
#include "services/booking/domain/meeting_state.h"
#include "services/booking/domain/scheduling_limits.h"

namespace huiwu::booking {

// Whether a meeting must now be released as a no-show (MeetingAction::kReleaseNoShow):
// it is CONFIRMED, nobody has signed in, and at least the kind's no_show_release_after
// has passed since its start (released at exactly start + N, not at N - 1 minute).
// Never for a VIP meeting — `vip` set or kind VIP_RECEPTION — whose guests may be late
// for protocol reasons, and never for a kind whose release delay is unset.
// `now` comes from the caller's clock, so the rule is testable and every replica that
// sweeps for no-shows decides the same way.
bool ShouldReleaseNoShow(MeetingState state, MeetingKind kind, bool vip, absl::Time start,
                         int signed_in_count, absl::Time now, const SchedulingPolicy& policy);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_NO_SHOW_H_
