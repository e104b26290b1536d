// huiwu-inventory: keeps the center's meeting supplies and room keys. Wiring only.
#include "absl/flags/flag.h"
#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "services/inventory/inventory_spec.h"

ABSL_FLAG(absl::Duration, low_stock_check_interval, absl::Seconds(30),
          "How often to refresh the huiwu_inventory_low_stock_items gauge; 'inf' turns it "
          "off.");

int main(int argc, char** argv) {
  static const huiwu::SystemClock clock;
  return huiwu::server::RunServiceMain(
      argc, argv,
      "the inventory service of huiwu (会务): supplies on a ledger, meeting kits, "
      "replenishment, room keys. Serves gRPC (huiwu.inventory.v1.InventoryService, health, "
      "reflection) and Prometheus /metrics.",
      []() -> absl::StatusOr<huiwu::server::ServiceSpec> {
        const absl::Duration interval = absl::GetFlag(FLAGS_low_stock_check_interval);
        if (interval <= absl::ZeroDuration()) {
          return absl::InvalidArgumentError(
              "--low_stock_check_interval must be positive (e.g. 30s), or inf to turn the "
              "gauge off");
        }
        return huiwu::inventory::InventoryServiceSpec(clock, interval);
      });
}
