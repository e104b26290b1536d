// --meeting_limits: the center's scheduling limits per meeting kind, overridable at
// start, e.g. "vip_reception.min_notice=48h,training.max_length=8h,
// internal.no_show_release_after=off,seminar.notice_counted_in=office_hours"; and
// --office_hours, the center's office hours on working days.
#ifndef HUIWU_SERVICES_BOOKING_MEETING_LIMITS_FLAG_H_
#define HUIWU_SERVICES_BOOKING_MEETING_LIMITS_FLAG_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/booking/domain/scheduling_limits.h"

namespace huiwu::booking {

inline constexpr char kDefaultOfficeHours[] = "08:30-12:00,13:30-17:30";

// The default policy with `overrides` applied, and `office_hours` (--office_hours, see
// OfficeHours::Parse); INVALID_ARGUMENT naming the flag and the bad entry.
absl::StatusOr<SchedulingPolicy> PolicyWithOverrides(
    absl::string_view overrides, absl::string_view office_hours = kDefaultOfficeHours);

// The policy from the --meeting_limits flag.
absl::StatusOr<SchedulingPolicy> PolicyFromFlags();

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_MEETING_LIMITS_FLAG_H_
