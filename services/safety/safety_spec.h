// The safety service as the common host starts it: name, database, migrations, how its
// handlers are built, its two periodic jobs and its subscription to booking's events.
// Shared by main.cc and the tests.
#ifndef HUIWU_SERVICES_SAFETY_SAFETY_SPEC_H_
#define HUIWU_SERVICES_SAFETY_SAFETY_SPEC_H_

#include "absl/time/time.h"
#include "common/server/service_host.h"
#include "common/time/clock.h"

namespace huiwu::safety {

// `clock` must outlive the host; tests pass a ManualClock. Every `escalation_interval`
// the host escalates overdue hazards (Escalator) and every `schedule_interval` it
// generates inspection tasks (TaskGenerator); infinite: never (the in-process tests run
// both themselves, on their own clock).
server::ServiceSpec SafetyServiceSpec(const Clock& clock,
                                      absl::Duration escalation_interval = absl::InfiniteDuration(),
                                      absl::Duration schedule_interval = absl::InfiniteDuration());

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_SAFETY_SPEC_H_
