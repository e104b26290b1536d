#include "services/staffing/staffing_spec.h"

#include <memory>

#include "common/time/center_zone.h"
#include "services/staffing/meeting_event_handler.h"
#include "services/staffing/staffing_gauges.h"
#include "services/staffing/staffing_service.h"

const std::vector<huiwu::db::Migration>& StaffingMigrations();

namespace huiwu::staffing {

server::ServiceSpec StaffingServiceSpec(const Clock& clock) {
  server::ServiceSpec spec;
  spec.name = "staffing";
  spec.grpc_service_name = "huiwu.staffing.v1.StaffingService";
  spec.default_database = "huiwu_staffing";
  spec.migrations = StaffingMigrations();
  spec.make_service = [&clock](server::ServiceContext& context) {
    return std::make_unique<StaffingService>(context.calls, context.pool, clock, CenterTimeZone());
  };
  // Meeting confirmed → assign; moved → follow; cancelled → release; completed → close.
  spec.subscriptions.push_back(MeetingEventsSubscription(clock));
  spec.make_gauges = [&clock](server::ServiceContext& context) {
    return StaffingGauges(std::make_shared<StaffingStore>(context.pool, CenterTimeZone()), clock);
  };
  return spec;
}

}  // namespace huiwu::staffing
