#include "services/inventory/inventory_gauges.h"

#include <utility>

namespace huiwu::inventory {

std::vector<metrics::DomainGauge> InventoryGauges(std::shared_ptr<InventoryStore> store,
                                                  const Clock& clock) {
  std::vector<metrics::DomainGauge> gauges;
  gauges.push_back(
      metrics::DomainGauge{"huiwu_inventory_low_stock_items",
                           "Items at or under their minimum at a location (replenishment due)",
                           "",
                           {},
                           [store]() -> absl::StatusOr<metrics::GaugeValues> {
                             absl::StatusOr<int64_t> count = store->CountLowStock();
                             if (!count.ok()) return count.status();
                             return metrics::GaugeValues{{"", static_cast<double>(*count)}};
                           }});
  gauges.push_back(
      metrics::DomainGauge{"huiwu_inventory_keys_out",
                           "Room keys handed out now",
                           "",
                           {},
                           [store, &clock]() -> absl::StatusOr<metrics::GaugeValues> {
                             absl::StatusOr<KeysOutCount> count = store->CountKeysOut(clock.Now());
                             if (!count.ok()) return count.status();
                             return metrics::GaugeValues{{"", static_cast<double>(count->out)}};
                           }});
  gauges.push_back(
      metrics::DomainGauge{"huiwu_inventory_keys_overdue",
                           "Room keys out past their expected return time",
                           "",
                           {},
                           [store, &clock]() -> absl::StatusOr<metrics::GaugeValues> {
                             absl::StatusOr<KeysOutCount> count = store->CountKeysOut(clock.Now());
                             if (!count.ok()) return count.status();
                             return metrics::GaugeValues{{"", static_cast<double>(count->overdue)}};
                           }});
  return gauges;
}

}  // namespace huiwu::inventory
