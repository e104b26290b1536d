#include "services/inventory/low_stock_gauge.h"

namespace huiwu::inventory {

LowStockGauge::LowStockGauge(InventoryStore& store, prometheus::Registry& registry)
    : store_(store),
      gauge_(prometheus::BuildGauge()
                 .Name("huiwu_inventory_low_stock_items")
                 .Help("Items at or under their minimum at a location (replenishment due)")
                 .Register(registry)
                 .Add({})) {}

void LowStockGauge::RunOnce() {
  absl::StatusOr<int64_t> count = store_.CountLowStock();
  if (count.ok()) gauge_.Set(static_cast<double>(*count));
}

}  // namespace huiwu::inventory
