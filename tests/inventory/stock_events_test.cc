// Inventory's own events, written in the transaction of each change: the ledger
// (StockMoved), a movement taking an item under its minimum (StockBelowMinimum, once per
// crossing), replenishment (申请补充) and room keys (钥匙交接登记). A refused change
// publishes nothing.
#include "common/api/timestamp.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "huiwu/inventory/v1/events.pb.h"
#include "tests/inventory/inventory_test_util.h"

namespace huiwu::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class StockEventsTest : public InventoryFixture {};

TEST_F(StockEventsTest, MovementsPublishStockMovedAndACrossedMinimumOnce) {
  ASSERT_TRUE(CreateItem(*stub_, "tea", "茶叶", "包").ok());
  ASSERT_TRUE(Receive(*stub_, "tea", kCentral, 40).ok());
  // The minimum set once there is stock (so the shortage starts with a movement).
  inv::UpdateItemRequest limits;
  limits.mutable_item()->set_name("items/tea");
  *limits.mutable_item()->add_stock_limits() = Limit(kCentral, 10, 50);
  limits.mutable_update_mask()->add_paths("stock_limits");
  inv::UpdateItemResponse updated;
  ASSERT_TRUE(stub_->UpdateItem(CallContext().get(), limits, &updated).ok());
  auto moved = Published<inv::StockMoved>(database_);
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_EQ(moved[0].movement().kind(), inv::MOVEMENT_KIND_RECEIVE);
  EXPECT_EQ(moved[0].movement().quantity(), 40);
  EXPECT_EQ(moved[0].balance().on_hand(), 40);
  EXPECT_THAT(SubjectsOf<inv::StockMoved>(database_),
              ElementsAre(absl::StrCat("items/tea\n", kCentral)));

  // A transfer posts two entries: two events, each with its own location's balance.
  ASSERT_TRUE(Move(*stub_, "tea", kCentral, inv::MOVEMENT_KIND_TRANSFER, 25, kRoom301).ok());
  moved = Published<inv::StockMoved>(database_);
  ASSERT_EQ(moved.size(), 3u);
  EXPECT_EQ(moved[1].balance().location(), kCentral);
  EXPECT_EQ(moved[1].balance().on_hand(), 15);
  EXPECT_EQ(moved[2].balance().location(), kRoom301);
  EXPECT_EQ(moved[2].balance().on_hand(), 25);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM event_outbox WHERE type LIKE "
                               "'%StockBelowMinimum'"),
            0);

  // 15 → 8 crosses the minimum of 10; 8 → 3 is still the same shortage.
  ASSERT_TRUE(Move(*stub_, "tea", kCentral, inv::MOVEMENT_KIND_CONSUME, 7).ok());
  ASSERT_TRUE(Move(*stub_, "tea", kCentral, inv::MOVEMENT_KIND_CONSUME, 5).ok());
  const auto below = Published<inv::StockBelowMinimum>(database_);
  ASSERT_EQ(below.size(), 1u);
  EXPECT_EQ(below[0].balance().available(), 8);
  EXPECT_EQ(below[0].balance().minimum(), 10);
  EXPECT_TRUE(below[0].meeting().empty());
  const auto requested = Published<inv::ReplenishmentRequested>(database_);
  ASSERT_EQ(requested.size(), 1u);
  EXPECT_EQ(below[0].replenishment_request(), requested[0].replenishment_request().name());
  EXPECT_EQ(requested[0].replenishment_request().quantity(), 50 - 8);

  // Refused (more than is available): nothing is published.
  const int64_t events = database_.QueryInt("SELECT COUNT(*) FROM event_outbox");
  EXPECT_EQ(Move(*stub_, "tea", kCentral, inv::MOVEMENT_KIND_CONSUME, 100).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM event_outbox"), events);
}

TEST_F(StockEventsTest, ReplenishmentIsPublishedAtEachStep) {
  ASSERT_TRUE(CreateItem(*stub_, "tea", "茶叶", "包").ok());
  inv::CreateReplenishmentRequestRequest create;
  create.set_item("items/tea");
  create.set_location(kRoom301);
  create.set_quantity(12);
  create.set_reason("大会前备货");
  inv::CreateReplenishmentRequestResponse created;
  ASSERT_TRUE(stub_->CreateReplenishmentRequest(CallContext().get(), create, &created).ok());
  const std::string name = created.replenishment_request().name();

  inv::ApproveReplenishmentRequestRequest approve;
  approve.set_name(name);
  inv::ApproveReplenishmentRequestResponse approved;
  ASSERT_TRUE(stub_->ApproveReplenishmentRequest(CallContext().get(), approve, &approved).ok());

  inv::ReceiveReplenishmentRequest receive;
  receive.set_name(name);
  inv::ReceiveReplenishmentResponse received;
  ASSERT_TRUE(stub_->ReceiveReplenishment(CallContext().get(), receive, &received).ok());

  const auto requested = Published<inv::ReplenishmentRequested>(database_);
  ASSERT_EQ(requested.size(), 1u);
  EXPECT_EQ(requested[0].replenishment_request().reason(), "大会前备货");
  const auto approvals = Published<inv::ReplenishmentApproved>(database_);
  ASSERT_EQ(approvals.size(), 1u);
  EXPECT_EQ(approvals[0].replenishment_request().state(), inv::REPLENISHMENT_STATE_APPROVED);
  const auto receipts = Published<inv::ReplenishmentReceived>(database_);
  ASSERT_EQ(receipts.size(), 1u);
  EXPECT_EQ(receipts[0].replenishment_request().state(), inv::REPLENISHMENT_STATE_RECEIVED);
  EXPECT_EQ(receipts[0].balance().on_hand(), 12);
  EXPECT_THAT(SubjectsOf<inv::ReplenishmentReceived>(database_),
              ElementsAre(absl::StrCat(name, "\nitems/tea\n", kRoom301)));
  // The receipt is a ledger entry like any other.
  const auto moved = Published<inv::StockMoved>(database_);
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_THAT(moved[0].movement().reason(), HasSubstr(name));
}

TEST_F(StockEventsTest, KeyHandOutAndReturnArePublished) {
  constexpr char kKey[] = "buildings/city-hall/rooms/301/keys/main";
  inv::CreateRoomKeyRequest create;
  create.set_parent(kRoom301);
  create.set_key_id("main");
  create.mutable_key()->set_custodian("staff/s-001");
  inv::CreateRoomKeyResponse created;
  ASSERT_TRUE(stub_->CreateRoomKey(CallContext().get(), create, &created).ok());

  inv::CheckOutKeyRequest out;
  out.set_name(kKey);
  out.set_holder("staff/f-012");
  *out.mutable_expected_return_time() = api::ToTimestamp(clock_.Now() + absl::Hours(3));
  inv::CheckOutKeyResponse checked_out;
  ASSERT_TRUE(stub_->CheckOutKey(CallContext().get(), out, &checked_out).ok());
  inv::ReturnKeyRequest back;
  back.set_name(kKey);
  inv::ReturnKeyResponse returned;
  ASSERT_TRUE(stub_->ReturnKey(CallContext().get(), back, &returned).ok());
  // Returning a key that is in is refused and publishes nothing.
  ASSERT_EQ(stub_->ReturnKey(CallContext().get(), back, &returned).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  const auto outs = Published<inv::KeyCheckedOut>(database_);
  ASSERT_EQ(outs.size(), 1u);
  EXPECT_EQ(outs[0].key().holder(), "staff/f-012");
  EXPECT_THAT(SubjectsOf<inv::KeyCheckedOut>(database_),
              ElementsAre(absl::StrCat(kKey, "\n", kRoom301, "\nstaff/f-012")));
  const auto backs = Published<inv::KeyReturned>(database_);
  ASSERT_EQ(backs.size(), 1u);
  EXPECT_TRUE(backs[0].key().holder().empty());
  EXPECT_EQ(backs[0].returned_by(), "staff/f-012");
}

}  // namespace
}  // namespace huiwu::testing
