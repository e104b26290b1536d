// The inventory service in-process (tests/support/service_fixture.h), and the SQL
// checks of its invariants.
#ifndef HUIWU_TESTS_SUPPORT_INVENTORY_FIXTURE_H_
#define HUIWU_TESTS_SUPPORT_INVENTORY_FIXTURE_H_

#include "huiwu/inventory/v1/inventory_service.grpc.pb.h"
#include "services/inventory/inventory_spec.h"
#include "tests/support/service_fixture.h"

namespace huiwu::testing {

// Every balance equals the sum of its ledger, and every ledger has its balance: the
// number of (item, location) pairs where that fails. 0 is the invariant.
inline constexpr char kBalancesOffLedger[] =
    "SELECT COUNT(*) FROM ("
    " SELECT b.item_id, b.location FROM balances b WHERE b.on_hand <> ("
    "  SELECT COALESCE(SUM(m.quantity), 0) FROM movements m"
    "  WHERE m.item_id = b.item_id AND m.location = b.location)"
    " UNION ALL"
    " SELECT m.item_id, m.location FROM movements m LEFT JOIN balances b"
    "  ON b.item_id = m.item_id AND b.location = m.location"
    " WHERE b.item_id IS NULL GROUP BY m.item_id, m.location HAVING SUM(m.quantity) <> 0) x";

// Balances below zero or reserved beyond what is on hand (the CHECK forbids them).
inline constexpr char kBadBalances[] =
    "SELECT COUNT(*) FROM balances WHERE on_hand < 0 OR reserved < 0 OR reserved > on_hand";

class InventoryFixture : public ServiceFixture<inventory::v1::InventoryService> {
 protected:
  server::ServiceSpec MakeSpec() override { return inventory::InventoryServiceSpec(clock_); }
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_INVENTORY_FIXTURE_H_
