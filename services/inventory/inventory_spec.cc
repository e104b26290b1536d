#include "services/inventory/inventory_spec.h"

#include <functional>
#include <memory>

#include "services/inventory/inventory_gauges.h"
#include "services/inventory/inventory_service.h"
#include "services/inventory/meeting_event_handler.h"

const std::vector<huiwu::db::Migration>& InventoryMigrations();

namespace huiwu::inventory {

server::ServiceSpec InventoryServiceSpec(const Clock& clock) {
  server::ServiceSpec spec;
  spec.name = "inventory";
  spec.grpc_service_name = "huiwu.inventory.v1.InventoryService";
  spec.default_database = "huiwu_inventory";
  spec.migrations = InventoryMigrations();
  spec.make_service = [&clock](server::ServiceContext& context) {
    return std::make_unique<InventoryService>(context.calls, context.pool, clock);
  };
  spec.subscriptions.push_back(BookingMeetingsSubscription(clock));
  spec.make_gauges = [&clock](server::ServiceContext& context) {
    return InventoryGauges(std::make_shared<InventoryStore>(context.pool), clock);
  };
  return spec;
}

}  // namespace huiwu::inventory
