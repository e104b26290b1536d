// huiwu-booking: books the center's meeting rooms. Wiring only.
#include <optional>

#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "services/booking/booking_spec.h"
#include "services/booking/meeting_limits_flag.h"

int main(int argc, char** argv) {
  static const huiwu::SystemClock clock;
  static std::optional<huiwu::booking::SchedulingPolicy> policy;
  return huiwu::server::RunServiceMain(
      argc, argv,
      "the booking service of huiwu (会务): rooms, meetings, sign-in. Serves gRPC "
      "(huiwu.booking.v1.BookingService, health, reflection) and Prometheus /metrics.",
      []() -> absl::StatusOr<huiwu::server::ServiceSpec> {
        auto from_flags = huiwu::booking::PolicyFromFlags();
        if (!from_flags.ok()) return from_flags.status();
        policy.emplace(*std::move(from_flags));
        return huiwu::booking::BookingServiceSpec(clock, *policy);
      });
}
