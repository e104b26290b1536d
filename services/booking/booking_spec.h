// The booking service as the common host starts it: name, database, migrations and
// how its handlers are built. Shared by main.cc and the in-process tests.
#ifndef HUIWU_SERVICES_BOOKING_BOOKING_SPEC_H_
#define HUIWU_SERVICES_BOOKING_BOOKING_SPEC_H_

#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "services/booking/domain/scheduling_limits.h"

namespace huiwu::booking {

// `clock` and `policy` must outlive the host; tests pass a ManualClock.
server::ServiceSpec BookingServiceSpec(const Clock& clock, const SchedulingPolicy& policy);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_BOOKING_SPEC_H_
