// Items (create, read, list, update with etag) and stocktakes (盘点).
#include "gtest/gtest.h"
#include "tests/inventory/inventory_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

class ItemTest : public InventoryFixture {};

TEST_F(ItemTest, CreateGetListAndUpdateWithEtag) {
  inv::Item created;
  ASSERT_TRUE(CreateItem(*stub_, "tea-sets", "茶具", "套", inv::ITEM_CATEGORY_REUSABLE, 8000,
                         {Limit(kRoom301, 30, 60), Limit(kCentral, 100)}, &created)
                  .ok());
  EXPECT_EQ(created.name(), "items/tea-sets");
  ASSERT_EQ(created.stock_limits_size(), 2);
  EXPECT_EQ(created.stock_limits(0).location(), kRoom301);  // by location
  grpc::Status duplicate = CreateItem(*stub_, "tea-sets", "茶具", "套");
  EXPECT_EQ(duplicate.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  for (const char* id : {"pens", "napkins", "flowers"}) {
    ASSERT_TRUE(CreateItem(*stub_, id, id, "个").ok());
  }

  inv::GetItemRequest get;
  get.set_name("items/tea-sets");
  inv::GetItemResponse got;
  ASSERT_TRUE(stub_->GetItem(CallContext().get(), get, &got).ok());
  EXPECT_EQ(got.item().unit(), "套");
  EXPECT_EQ(got.item().stock_limits_size(), 2);
  get.set_name("items/none");
  EXPECT_EQ(stub_->GetItem(CallContext().get(), get, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);

  inv::ListItemsRequest list;
  list.set_page_size(3);
  std::vector<std::string> names;
  for (int page = 0; page < 3; ++page) {
    inv::ListItemsResponse response;
    ASSERT_TRUE(stub_->ListItems(CallContext().get(), list, &response).ok());
    for (const auto& item : response.items()) names.push_back(item.name());
    if (response.next_page_token().empty()) break;
    list.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"items/flowers", "items/napkins", "items/pens",
                                             "items/tea-sets"}));

  inv::UpdateItemRequest update;
  update.mutable_item()->set_name("items/tea-sets");
  update.mutable_item()->set_unit_cost_fen(9000);
  update.mutable_item()->set_etag(created.etag());
  update.mutable_update_mask()->add_paths("unit_cost_fen");
  inv::UpdateItemResponse updated;
  ASSERT_TRUE(stub_->UpdateItem(CallContext().get(), update, &updated).ok());
  EXPECT_EQ(updated.item().unit_cost_fen(), 9000);
  EXPECT_EQ(updated.item().unit(), "套") << "fields outside the mask stay";
  EXPECT_NE(updated.item().etag(), created.etag());
  grpc::Status stale = stub_->UpdateItem(CallContext().get(), update, &updated);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(DetailsOf(stale).reason, "ETAG_MISMATCH");
}

TEST_F(ItemTest, StocktakeDifferencesBecomeAdjustments) {
  ASSERT_TRUE(CreateItem(*stub_, "pens", "签字笔", "支").ok());
  ASSERT_TRUE(CreateItem(*stub_, "notepads", "笔记本", "本").ok());
  ASSERT_TRUE(Receive(*stub_, "pens", kRoom301, 20).ok());
  ASSERT_TRUE(Receive(*stub_, "notepads", kRoom301, 10).ok());

  inv::StartStocktakeRequest start;
  start.set_location(kRoom301);
  inv::StartStocktakeResponse started;
  ASSERT_TRUE(stub_->StartStocktake(CallContext().get(), start, &started).ok());
  ASSERT_EQ(started.stocktake().expected_size(), 2);
  EXPECT_EQ(started.stocktake().expected(1).item(), "items/pens");
  EXPECT_EQ(started.stocktake().expected(1).quantity(), 20);

  inv::SubmitStocktakeRequest submit;
  submit.set_name(started.stocktake().name());
  *submit.add_counts() = Quantity("pens", 17);
  *submit.add_counts() = Quantity("notepads", 10);
  inv::SubmitStocktakeResponse submitted;
  ASSERT_TRUE(stub_->SubmitStocktake(CallContext().get(), submit, &submitted).ok());
  EXPECT_TRUE(submitted.stocktake().submitted());
  ASSERT_EQ(submitted.adjustments_size(), 1);
  EXPECT_EQ(submitted.adjustments(0).kind(), inv::MOVEMENT_KIND_ADJUSTMENT);
  EXPECT_EQ(submitted.adjustments(0).quantity(), -3);
  EXPECT_EQ(BalanceOf(*stub_, "pens", kRoom301).on_hand(), 17);
  EXPECT_EQ(database_.QueryInt(kBalancesOffLedger), 0);
  grpc::Status twice = stub_->SubmitStocktake(CallContext().get(), submit, &submitted);
  EXPECT_EQ(DetailsOf(twice).reason, "STOCKTAKE_ALREADY_SUBMITTED");
}

}  // namespace
}  // namespace huiwu::testing
