// huiwu-staffing: staffs the center's meetings. Wiring only.
#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "services/staffing/staffing_spec.h"

int main(int argc, char** argv) {
  static const huiwu::SystemClock clock;
  return huiwu::server::RunServiceMain(
      argc, argv,
      "the staffing service of huiwu (会务): people, rosters, leave, assignments to meetings, "
      "check-in. Serves gRPC (huiwu.staffing.v1.StaffingService, health, reflection) and "
      "Prometheus /metrics.",
      []() -> absl::StatusOr<huiwu::server::ServiceSpec> {
        return huiwu::staffing::StaffingServiceSpec(clock);
      });
}
