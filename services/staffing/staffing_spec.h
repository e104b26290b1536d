// The staffing service as the common host starts it: name, database, migrations and
// how its handlers are built. Shared by main.cc and the in-process tests.
#ifndef HUIWU_SERVICES_STAFFING_STAFFING_SPEC_H_
#define HUIWU_SERVICES_STAFFING_STAFFING_SPEC_H_

#include "common/server/service_host.h"
#include "common/time/clock.h"

namespace huiwu::staffing {

// `clock` must outlive the host; tests pass a ManualClock.
server::ServiceSpec StaffingServiceSpec(const Clock& clock);

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_STAFFING_SPEC_H_
