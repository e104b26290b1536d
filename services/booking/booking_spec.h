// The booking service as the common host starts it: name, database, migrations and
// how its handlers are built. Shared by main.cc and the in-process tests.
#ifndef HUIWU_SERVICES_BOOKING_BOOKING_SPEC_H_
#define HUIWU_SERVICES_BOOKING_BOOKING_SPEC_H_

#include <memory>

#include "absl/time/time.h"
#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "services/booking/domain/scheduling_limits.h"
#include "services/booking/sign_in_key_flag.h"

namespace huiwu::booking {

// `clock` and `policy` must outlive the host; tests pass a ManualClock. Every
// `no_show_check_interval` the host releases no-shows (NoShowReleaser); infinite: never
// (the in-process tests run the releaser themselves, on their own clock).
// `sign_in_keys` (the key file as last read, which must outlive the host too) signs and
// checks the door screen's codes (扫码签到), and health reports it as
// kSignInKeysHealthName; null: codes off.
server::ServiceSpec BookingServiceSpec(
    const Clock& clock, const SchedulingPolicy& policy,
    absl::Duration no_show_check_interval = absl::InfiniteDuration(),
    const SignInKeyWatcher* sign_in_keys = nullptr);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_BOOKING_SPEC_H_
