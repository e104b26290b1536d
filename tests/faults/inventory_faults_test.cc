// Inventory through issue 12's scenarios 1 and 4 (tests/faults/fault_scenarios.h): stock
// received, kits reserved and stock consumed under load while the database crashes,
// then while the service is killed. Afterwards every acknowledged movement and kit is
// stored, once, and every balance is the sum of its ledger, within bounds, holding
// reserved exactly what its kits reserved (tests/faults/inventory_workload.h).
#include "gtest/gtest.h"
#include "tests/faults/fault_scenarios.h"
#include "tests/faults/inventory_workload.h"

namespace huiwu::testing {
namespace {

TEST(InventoryFaultTest, DatabaseCrashUnderLoadLosesNothingAndHealsWithoutARestart) {
  InventoryWorkload workload(HUIWU_INVENTORY_BINARY);
  RunDatabaseCrash(workload);
}

TEST(InventoryFaultTest, ServiceKilledUnderLoadKeepsEveryAcknowledgedMovementAndKit) {
  InventoryWorkload workload(HUIWU_INVENTORY_BINARY);
  RunServiceKill(workload);
}

}  // namespace
}  // namespace huiwu::testing
