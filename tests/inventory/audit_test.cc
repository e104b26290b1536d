// Inventory's audit trail and request_id reuse (tests/support/audit_trail_test_body.h).
#include "tests/inventory/inventory_test_util.h"
#include "tests/support/audit_trail_test_body.h"
#include "tests/support/inventory_fixture.h"

namespace huiwu::testing {
namespace {

class InventoryAuditTest : public InventoryFixture {};

TEST_F(InventoryAuditTest, CreateItemIsAuditedOnceAndARequestIdCannotBeReused) {
  auto create = [&](const std::string& request_id, int variant) {
    inv::CreateItemRequest request;
    request.set_item_id("bottled-water");
    request.set_request_id(request_id);
    request.mutable_item()->set_display_name(variant == 0 ? "矿泉水" : "纯净水");
    request.mutable_item()->set_unit("瓶");
    request.mutable_item()->set_category(inv::ITEM_CATEGORY_CONSUMABLE);
    request.mutable_item()->set_unit_cost_fen(150);
    inv::CreateItemResponse response;
    return stub_->CreateItem(CallContext().get(), request, &response);
  };
  auto trail = [&] {
    return AuditTrail<inv::ListAuditRecordsRequest, inv::ListAuditRecordsResponse>(
        *stub_, "huiwu.inventory.v1.InventoryService", "CreateItem");
  };
  ExpectCreateAuditedOnceAndReuseRefused(
      create, trail, "/huiwu.inventory.v1.InventoryService/CreateItem", "items/bottled-water");
}

}  // namespace
}  // namespace huiwu::testing
