#include "services/safety/safety_spec.h"

#include <functional>
#include <memory>

#include "services/safety/escalator.h"
#include "services/safety/meeting_event_handler.h"
#include "services/safety/safety_gauges.h"
#include "services/safety/safety_service.h"
#include "services/safety/task_generator.h"

const std::vector<huiwu::db::Migration>& SafetyMigrations();

namespace huiwu::safety {

server::ServiceSpec SafetyServiceSpec(const Clock& clock, absl::Duration escalation_interval,
                                      absl::Duration schedule_interval) {
  server::ServiceSpec spec;
  spec.name = "safety";
  spec.grpc_service_name = "huiwu.safety.v1.SafetyService";
  spec.default_database = "huiwu_safety";
  spec.migrations = SafetyMigrations();
  spec.make_service = [&clock](server::ServiceContext& context) {
    return std::make_unique<SafetyService>(context.calls, context.pool, clock);
  };
  // 再次上报: hazards not fixed by their deadline go one level up, again and again.
  spec.jobs.push_back(
      server::PeriodicJob{"hazard_escalation", escalation_interval,
                          [&clock](server::ServiceContext& context) -> std::function<void()> {
                            auto store = std::make_shared<SafetyStore>(context.pool);
                            auto escalator = std::make_shared<Escalator>(*store, clock);
                            return [store, escalator] { escalator->RunOnce(); };
                          }});
  // The week's inspections (daily patrol, venue patrols, quarterly fire inspection).
  spec.jobs.push_back(
      server::PeriodicJob{"inspection_tasks", schedule_interval,
                          [&clock](server::ServiceContext& context) -> std::function<void()> {
                            auto store = std::make_shared<SafetyStore>(context.pool);
                            auto generator = std::make_shared<TaskGenerator>(*store, clock);
                            return [store, generator] { generator->RunOnce(); };
                          }});
  // 一会一消毒: a completed meeting opens its room's disinfection task.
  spec.subscriptions.push_back(BookingEventsSubscription(clock));
  spec.make_gauges = [&clock](server::ServiceContext& context) {
    return SafetyGauges(std::make_shared<SafetyStore>(context.pool), clock);
  };
  return spec;
}

}  // namespace huiwu::safety
