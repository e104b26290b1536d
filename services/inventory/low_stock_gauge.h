// huiwu_inventory_low_stock_items: how many (item, location) pairs are at or under
// their minimum (申请补充 due), refreshed on a timer, for the operators' dashboards.
#ifndef HUIWU_SERVICES_INVENTORY_LOW_STOCK_GAUGE_H_
#define HUIWU_SERVICES_INVENTORY_LOW_STOCK_GAUGE_H_

#include "prometheus/gauge.h"
#include "prometheus/registry.h"
#include "services/inventory/store/inventory_store.h"

namespace huiwu::inventory {

class LowStockGauge final {
 public:
  // Registers the gauge once, at start-up (never per refresh).
  LowStockGauge(InventoryStore& store, prometheus::Registry& registry);

  // Counts and sets the gauge; a failed count leaves the last value (and is logged by
  // the store's transaction layer).
  void RunOnce();

 private:
  InventoryStore& store_;
  prometheus::Gauge& gauge_;
};

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_LOW_STOCK_GAUGE_H_
