// huiwu-inventory: keeps the center's meeting supplies and room keys. Wiring only.
#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "services/inventory/inventory_spec.h"

int main(int argc, char** argv) {
  static const huiwu::SystemClock clock;
  return huiwu::server::RunServiceMain(
      argc, argv,
      "the inventory service of huiwu (会务): supplies on a ledger, meeting kits, "
      "replenishment, room keys. Serves gRPC (huiwu.inventory.v1.InventoryService, health, "
      "reflection) and Prometheus /metrics.",
      []() -> absl::StatusOr<huiwu::server::ServiceSpec> {
        return huiwu::inventory::InventoryServiceSpec(clock);
      });
}
