// Inventory's domain gauges against the test MariaDB: supplies and keys through the API
// on the fixture's clock, read by the collector the host runs.
#include <memory>

#include "common/api/timestamp.h"
#include "common/db/pool.h"
#include "common/metrics/domain_gauges.h"
#include "prometheus/registry.h"
#include "services/inventory/inventory_gauges.h"
#include "tests/inventory/inventory_test_util.h"
#include "tests/support/gauge_value.h"

namespace huiwu::testing {
namespace {

class InventoryGaugesTest : public InventoryFixture {
 protected:
  void SetUp() override {
    InventoryFixture::SetUp();
    pool_ = std::make_unique<db::ConnectionPool>(database_.config(), nullptr);
    gauges_ = std::make_unique<metrics::DomainGaugeCollector>(
        registry_,
        inventory::InventoryGauges(std::make_shared<inventory::InventoryStore>(*pool_), clock_));
  }

  void TearDown() override {
    gauges_.reset();
    pool_.reset();
    InventoryFixture::TearDown();
  }

  void CreateKey(const std::string& room) {
    inv::CreateRoomKeyRequest request;
    request.set_parent(room);
    request.set_key_id("main");
    request.mutable_key()->set_custodian("staff/s-001");
    inv::CreateRoomKeyResponse response;
    grpc::Status status = stub_->CreateRoomKey(CallContext().get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  void CheckOut(const std::string& key, absl::Duration lent) {
    inv::CheckOutKeyRequest request;
    request.set_name(key);
    request.set_holder("staff/f-012");
    *request.mutable_expected_return_time() = api::ToTimestamp(clock_.Now() + lent);
    inv::CheckOutKeyResponse response;
    grpc::Status status = stub_->CheckOutKey(CallContext().get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  std::optional<double> Gauge(const std::string& name) {
    EXPECT_EQ(gauges_->Refresh(), 0);
    return GaugeValue(registry_, name);
  }

  std::unique_ptr<db::ConnectionPool> pool_;
  prometheus::Registry registry_;
  std::unique_ptr<metrics::DomainGaugeCollector> gauges_;
};

TEST_F(InventoryGaugesTest, KeysOutAndOverdueFollowTheClock) {
  CreateKey("buildings/city-hall/rooms/301");
  CreateKey("buildings/city-hall/rooms/302");
  CreateKey("buildings/city-hall/rooms/310");
  EXPECT_EQ(Gauge("huiwu_inventory_keys_out"), 0.0);
  CheckOut("buildings/city-hall/rooms/301/keys/main", absl::Hours(2));
  CheckOut("buildings/city-hall/rooms/302/keys/main", absl::Hours(6));
  EXPECT_EQ(Gauge("huiwu_inventory_keys_out"), 2.0);
  EXPECT_EQ(Gauge("huiwu_inventory_keys_overdue"), 0.0);

  clock_.Advance(absl::Hours(3));  // 301's key should be back by now
  EXPECT_EQ(Gauge("huiwu_inventory_keys_out"), 2.0);
  EXPECT_EQ(Gauge("huiwu_inventory_keys_overdue"), 1.0);

  inv::ReturnKeyRequest give_back;
  give_back.set_name("buildings/city-hall/rooms/301/keys/main");
  inv::ReturnKeyResponse returned;
  ASSERT_TRUE(stub_->ReturnKey(CallContext().get(), give_back, &returned).ok());
  EXPECT_EQ(Gauge("huiwu_inventory_keys_out"), 1.0);
  EXPECT_EQ(Gauge("huiwu_inventory_keys_overdue"), 0.0);
}

TEST_F(InventoryGaugesTest, LowStockCountsItemLocationsAtOrUnderTheirMinimum) {
  ASSERT_TRUE(CreateItem(*stub_, "tea", "茶叶", "包", inv::ITEM_CATEGORY_CONSUMABLE, 300,
                         {Limit(kCentral, 5), Limit(kRoom301, 2)})
                  .ok());
  EXPECT_EQ(Gauge("huiwu_inventory_low_stock_items"), 2.0);  // nothing in stock yet
  ASSERT_TRUE(Receive(*stub_, "tea", kCentral, 20).ok());
  EXPECT_EQ(Gauge("huiwu_inventory_low_stock_items"), 1.0);  // 301's cabinet is still empty
}

}  // namespace
}  // namespace huiwu::testing
