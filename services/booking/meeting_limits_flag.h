// --meeting_limits: the center's scheduling limits per meeting kind, overridable at
// start, e.g. "vip_reception.min_notice=48h,training.max_length=8h,
// internal.no_show_release_after=off".
#ifndef HUIWU_SERVICES_BOOKING_MEETING_LIMITS_FLAG_H_
#define HUIWU_SERVICES_BOOKING_MEETING_LIMITS_FLAG_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/booking/domain/scheduling_limits.h"

namespace huiwu::booking {

// The default policy with `overrides` applied; INVALID_ARGUMENT naming the bad entry.
absl::StatusOr<SchedulingPolicy> PolicyWithOverrides(absl::string_view overrides);

// The policy from the --meeting_limits flag.
absl::StatusOr<SchedulingPolicy> PolicyFromFlags();

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_MEETING_LIMITS_FLAG_H_
