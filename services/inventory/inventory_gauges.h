// The inventory service's domain gauges (common/metrics/domain_gauges.h), for the
// meeting-affairs dashboard and alerts:
//   huiwu_inventory_low_stock_items  (item, location) pairs at or under their minimum
//                                    (不足及时申请补充: replenishment due)
//   huiwu_inventory_keys_out         room keys handed out now
//   huiwu_inventory_keys_overdue     of those, past their expected return (及时开关)
#ifndef HUIWU_SERVICES_INVENTORY_INVENTORY_GAUGES_H_
#define HUIWU_SERVICES_INVENTORY_INVENTORY_GAUGES_H_

#include <memory>
#include <vector>

#include "common/metrics/domain_gauges.h"
#include "common/time/clock.h"
#include "services/inventory/store/inventory_store.h"

namespace huiwu::inventory {

// `clock` must outlive the gauges; the store is shared with them.
std::vector<metrics::DomainGauge> InventoryGauges(std::shared_ptr<InventoryStore> store,
                                                  const Clock& clock);

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_INVENTORY_GAUGES_H_
