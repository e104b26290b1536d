// huiwu-safety: keeps the center's rooms safe (inspections, hazards with escalation,
// disinfection after every meeting, room clearance, emergency plans). Wiring only.
#include "absl/flags/flag.h"
#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "services/safety/safety_spec.h"

ABSL_FLAG(absl::Duration, escalation_check_interval, absl::Seconds(60),
          "How often to re-report hazards past their deadline one level up (再次上报); 'inf' "
          "turns escalation off.");
ABSL_FLAG(absl::Duration, schedule_check_interval, absl::Minutes(5),
          "How often to generate the coming week's inspection tasks from the schedules; "
          "'inf' turns generation off.");

int main(int argc, char** argv) {
  static const huiwu::SystemClock clock;
  return huiwu::server::RunServiceMain(
      argc, argv,
      "the safety service of huiwu (会务): inspections, hazards, disinfection, room "
      "clearance, emergency plans. Serves gRPC (huiwu.safety.v1.SafetyService, health, "
      "reflection) and Prometheus /metrics.",
      []() -> absl::StatusOr<huiwu::server::ServiceSpec> {
        const absl::Duration escalation = absl::GetFlag(FLAGS_escalation_check_interval);
        const absl::Duration schedule = absl::GetFlag(FLAGS_schedule_check_interval);
        if (escalation <= absl::ZeroDuration() || schedule <= absl::ZeroDuration()) {
          return absl::InvalidArgumentError(
              "--escalation_check_interval and --schedule_check_interval must be positive "
              "(e.g. 60s), or inf to turn the job off");
        }
        return huiwu::safety::SafetyServiceSpec(clock, escalation, schedule);
      });
}
