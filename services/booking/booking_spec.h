// The booking service as the common host starts it: name, database, migrations and
// how its handlers are built. Shared by main.cc and the in-process tests.
#ifndef HUIWU_SERVICES_BOOKING_BOOKING_SPEC_H_
#define HUIWU_SERVICES_BOOKING_BOOKING_SPEC_H_

#include "absl/time/time.h"
#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "services/booking/domain/scheduling_limits.h"

namespace huiwu::booking {

// `clock` and `policy` must outlive the host; tests pass a ManualClock. Every
// `no_show_check_interval` the host releases no-shows (NoShowReleaser); infinite: never
// (the in-process tests run the releaser themselves, on their own clock).
server::ServiceSpec BookingServiceSpec(
    const Clock& clock, const SchedulingPolicy& policy,
    absl::Duration no_show_check_interval = absl::InfiniteDuration());

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_BOOKING_SPEC_H_
