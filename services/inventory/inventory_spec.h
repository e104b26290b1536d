// The inventory service as the common host starts it: name, database, migrations and
// how its handlers are built. Shared by main.cc and the in-process tests.
#ifndef HUIWU_SERVICES_INVENTORY_INVENTORY_SPEC_H_
#define HUIWU_SERVICES_INVENTORY_INVENTORY_SPEC_H_

#include "absl/time/time.h"
#include "common/server/service_host.h"
#include "common/time/clock.h"

namespace huiwu::inventory {

// `clock` must outlive the host; tests pass a ManualClock. The domain gauges
// (inventory_gauges.h) are refreshed every --gauge_interval.
server::ServiceSpec InventoryServiceSpec(const Clock& clock);

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_INVENTORY_SPEC_H_
