// Low stock and replenishment (不足及时申请补充): one request per shortage however often
// it is checked; approved, received, and the receipt posts to the ledger.
#include "gtest/gtest.h"
#include "tests/inventory/inventory_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

class ReplenishmentTest : public InventoryFixture {
 protected:
  std::vector<inv::LowStockEntry> LowStock() {
    inv::ListLowStockRequest request;
    inv::ListLowStockResponse response;
    grpc::Status status = stub_->ListLowStock(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.entries().begin(), response.entries().end()};
  }
};

TEST_F(ReplenishmentTest, OneShortageOneRequestHoweverOftenCheckedAndReceiptRaisesBalance) {
  ASSERT_TRUE(CreateItem(*stub_, "tea", "茶叶", "包", inv::ITEM_CATEGORY_CONSUMABLE, 300).ok());
  ASSERT_TRUE(Receive(*stub_, "tea", kCentral, 40).ok());
  // The minimum set once there is stock: 40 is not low, nothing to ask for.
  inv::UpdateItemRequest limits;
  limits.mutable_item()->set_name("items/tea");
  *limits.mutable_item()->add_stock_limits() = Limit(kCentral, 10, 50);
  limits.mutable_update_mask()->add_paths("stock_limits");
  inv::UpdateItemResponse updated;
  ASSERT_TRUE(stub_->UpdateItem(CallContext().get(), limits, &updated).ok());
  ASSERT_EQ(updated.item().stock_limits_size(), 1);
  EXPECT_TRUE(LowStock().empty());
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM replenishment_requests"), 0);

  // Down to 8, then further down to 3: one shortage, checked again and again.
  ASSERT_TRUE(Move(*stub_, "tea", kCentral, inv::MOVEMENT_KIND_CONSUME, 32).ok());
  ASSERT_TRUE(Move(*stub_, "tea", kCentral, inv::MOVEMENT_KIND_CONSUME, 5).ok());
  std::vector<inv::LowStockEntry> low;
  for (int check = 0; check < 5; ++check) low = LowStock();
  ASSERT_EQ(low.size(), 1u);
  EXPECT_EQ(low[0].balance().item(), "items/tea");
  EXPECT_EQ(low[0].balance().available(), 3);
  EXPECT_EQ(low[0].balance().minimum(), 10);
  ASSERT_FALSE(low[0].replenishment_request().empty());
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM replenishment_requests"), 1);
  // Asked for up to the maximum from what was available when the shortage began.
  EXPECT_EQ(database_.QueryInt("SELECT quantity FROM replenishment_requests"), 50 - 8);

  // Asking by hand while one is open is refused, naming the open one.
  inv::CreateReplenishmentRequestRequest by_hand;
  by_hand.set_item("items/tea");
  by_hand.set_location(kCentral);
  by_hand.set_quantity(10);
  inv::CreateReplenishmentRequestResponse ignored;
  grpc::Status status = stub_->CreateReplenishmentRequest(CallContext().get(), by_hand, &ignored);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(status).reason, "REPLENISHMENT_ALREADY_OPEN");
  EXPECT_EQ(DetailsOf(status).metadata.at("replenishment_request"), low[0].replenishment_request());

  // Receiving before approval is refused.
  inv::ReceiveReplenishmentRequest receive;
  receive.set_name(low[0].replenishment_request());
  inv::ReceiveReplenishmentResponse received;
  status = stub_->ReceiveReplenishment(CallContext().get(), receive, &received);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(status).reason, "REPLENISHMENT_NOT_APPROVED");

  inv::ApproveReplenishmentRequestRequest approve;
  approve.set_name(low[0].replenishment_request());
  inv::ApproveReplenishmentRequestResponse approved;
  ASSERT_TRUE(stub_->ApproveReplenishmentRequest(CallContext().get(), approve, &approved).ok());
  EXPECT_EQ(approved.replenishment_request().state(), inv::REPLENISHMENT_STATE_APPROVED);

  ASSERT_TRUE(stub_->ReceiveReplenishment(CallContext().get(), receive, &received).ok());
  EXPECT_EQ(received.replenishment_request().state(), inv::REPLENISHMENT_STATE_RECEIVED);
  EXPECT_EQ(received.replenishment_request().received_quantity(), 42);
  EXPECT_EQ(received.balance().on_hand(), 3 + 42);
  EXPECT_EQ(BalanceOf(*stub_, "tea", kCentral).on_hand(), 45);
  EXPECT_TRUE(LowStock().empty());
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM movements WHERE kind = 1"), 2);
  EXPECT_EQ(database_.QueryInt(kBalancesOffLedger), 0);

  // A new shortage later is a new request.
  ASSERT_TRUE(Move(*stub_, "tea", kCentral, inv::MOVEMENT_KIND_CONSUME, 40).ok());
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM replenishment_requests"), 2);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM replenishment_requests WHERE open_flag = 1"),
            1);
}

TEST_F(ReplenishmentTest, AnItemCreatedUnderItsMinimumIsAShortageAtOnce) {
  ASSERT_TRUE(CreateItem(*stub_, "tablecloths", "台布", "块", inv::ITEM_CATEGORY_REUSABLE, 6000,
                         {Limit(kCentral, 10)})
                  .ok());
  const auto low = LowStock();
  ASSERT_EQ(low.size(), 1u);
  EXPECT_EQ(low[0].balance().available(), 0);
  EXPECT_FALSE(low[0].replenishment_request().empty());
  EXPECT_EQ(database_.QueryInt("SELECT quantity FROM replenishment_requests"), 20);
}

TEST_F(ReplenishmentTest, ReservationsCountAgainstTheMinimumAndByHandRequestsWork) {
  ASSERT_TRUE(CreateItem(*stub_, "batteries", "电池", "节", inv::ITEM_CATEGORY_EQUIPMENT, 200,
                         {Limit(kRoom301, 4)})
                  .ok());
  ASSERT_TRUE(Receive(*stub_, "batteries", kRoom301, 10).ok());
  ASSERT_TRUE(Reserve(*stub_, KitRequest("m-mics", {Quantity("batteries", 6)})).ok());
  auto low = LowStock();
  ASSERT_EQ(low.size(), 1u);
  EXPECT_EQ(low[0].balance().available(), 4);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM replenishment_requests"), 1);

  ASSERT_TRUE(CreateItem(*stub_, "flowers", "鲜花", "盆", inv::ITEM_CATEGORY_RENTAL, 5000).ok());
  inv::CreateReplenishmentRequestRequest by_hand;
  by_hand.set_item("items/flowers");
  by_hand.set_location(kRoom301);
  by_hand.set_quantity(4);
  by_hand.set_reason("贵宾接待");
  by_hand.set_request_id("flowers-1");
  inv::CreateReplenishmentRequestResponse first;
  inv::CreateReplenishmentRequestResponse retry;
  ASSERT_TRUE(stub_->CreateReplenishmentRequest(CallContext().get(), by_hand, &first).ok());
  ASSERT_TRUE(stub_->CreateReplenishmentRequest(CallContext().get(), by_hand, &retry).ok());
  EXPECT_EQ(first.replenishment_request().name(), retry.replenishment_request().name());
  EXPECT_EQ(first.replenishment_request().state(), inv::REPLENISHMENT_STATE_PENDING);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM replenishment_requests"), 2);
}

}  // namespace
}  // namespace huiwu::testing
