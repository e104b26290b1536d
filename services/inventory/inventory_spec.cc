#include "services/inventory/inventory_spec.h"

#include <functional>
#include <memory>

#include "services/inventory/inventory_service.h"
#include "services/inventory/low_stock_gauge.h"
#include "services/inventory/meeting_event_handler.h"

const std::vector<huiwu::db::Migration>& InventoryMigrations();

namespace huiwu::inventory {

server::ServiceSpec InventoryServiceSpec(const Clock& clock,
                                         absl::Duration low_stock_check_interval) {
  server::ServiceSpec spec;
  spec.name = "inventory";
  spec.grpc_service_name = "huiwu.inventory.v1.InventoryService";
  spec.default_database = "huiwu_inventory";
  spec.migrations = InventoryMigrations();
  spec.make_service = [&clock](server::ServiceContext& context) {
    return std::make_unique<InventoryService>(context.pool, clock);
  };
  spec.subscriptions.push_back(BookingMeetingsSubscription(clock));
  spec.jobs.push_back(
      server::PeriodicJob{"low_stock_gauge", low_stock_check_interval,
                          [](server::ServiceContext& context) -> std::function<void()> {
                            auto store = std::make_shared<InventoryStore>(context.pool);
                            auto gauge = std::make_shared<LowStockGauge>(*store, context.registry);
                            return [store, gauge] { gauge->RunOnce(); };
                          }});
  return spec;
}

}  // namespace huiwu::inventory
