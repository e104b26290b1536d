// Meeting kits: a short kit writes nothing and names every short item; settle books
// exactly the consumption and returns the rest; release on cancel returns everything.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/inventory/inventory_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

class KitTest : public InventoryFixture {
 protected:
  void SetUp() override {
    InventoryFixture::SetUp();
    ASSERT_TRUE(
        CreateItem(*stub_, "bottled-water", "矿泉水", "瓶", inv::ITEM_CATEGORY_CONSUMABLE, 150)
            .ok());
    ASSERT_TRUE(CreateItem(*stub_, "paper-cups", "纸杯", "个").ok());
    ASSERT_TRUE(CreateItem(*stub_, "tea", "茶叶", "包", inv::ITEM_CATEGORY_CONSUMABLE, 300).ok());
    ASSERT_TRUE(
        CreateItem(*stub_, "nameplate-holders", "桌牌", "个", inv::ITEM_CATEGORY_REUSABLE, 0).ok());
    ASSERT_TRUE(Receive(*stub_, "bottled-water", kRoom301, 30).ok());
    ASSERT_TRUE(Receive(*stub_, "paper-cups", kRoom301, 5).ok());
    ASSERT_TRUE(Receive(*stub_, "tea", kRoom301, 2).ok());
    ASSERT_TRUE(Receive(*stub_, "nameplate-holders", kRoom301, 40).ok());
  }

  inv::Kit Step(const std::string& meeting, const std::string& action,
                const std::vector<inv::ItemQuantity>& consumed = {}) {
    grpc::Status status;
    inv::Kit kit;
    const std::string name = "meetings/" + meeting + "/kit";
    if (action == "issue") {
      inv::IssueKitRequest request;
      request.set_name(name);
      inv::IssueKitResponse response;
      status = stub_->IssueKit(CallContext().get(), request, &response);
      kit = response.kit();
    } else if (action == "settle") {
      inv::SettleKitRequest request;
      request.set_name(name);
      for (const auto& q : consumed) *request.add_consumed() = q;
      inv::SettleKitResponse response;
      status = stub_->SettleKit(CallContext().get(), request, &response);
      kit = response.kit();
    } else {
      inv::ReleaseKitRequest request;
      request.set_name(name);
      request.set_reason("会议取消");
      inv::ReleaseKitResponse response;
      status = stub_->ReleaseKit(CallContext().get(), request, &response);
      kit = response.kit();
    }
    EXPECT_TRUE(status.ok()) << action << ": " << status.error_message();
    return kit;
  }
};

TEST_F(KitTest, ShortKitNamesEveryShortItemAndWritesNothing) {
  const std::vector<std::string> tables = {"balances", "movements", "kits", "kit_lines",
                                           "replenishment_requests"};
  const std::string before = database_.Snapshot(tables);
  grpc::Status status =
      Reserve(*stub_, KitRequest("short-1", {Quantity("bottled-water", 20),
                                             Quantity("paper-cups", 20), Quantity("tea", 7)}));
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  const ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.reason, "KIT_SHORT");
  EXPECT_EQ(details.metadata.count("items/bottled-water"), 0u) << "water is enough";
  EXPECT_EQ(details.metadata.at("items/paper-cups"), "15");
  EXPECT_EQ(details.metadata.at("items/tea"), "5");
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("items/paper-cups short by 15"));
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("items/tea short by 5"));
  EXPECT_EQ(database_.Snapshot(tables), before);
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).reserved(), 0);
}

TEST_F(KitTest, SettleBooksExactlyTheConsumptionAndReturnsTheRest) {
  inv::Kit kit;
  ASSERT_TRUE(Reserve(*stub_,
                      KitRequest("m-settle", {Quantity("bottled-water", 12), Quantity("tea", 2),
                                              Quantity("nameplate-holders", 10)}),
                      &kit)
                  .ok());
  EXPECT_EQ(kit.state(), inv::KIT_STATE_RESERVED);
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).available(), 18);

  kit = Step("m-settle", "issue");
  EXPECT_EQ(kit.state(), inv::KIT_STATE_ISSUED);
  inv::Balance water = BalanceOf(*stub_, "bottled-water", kRoom301);
  EXPECT_EQ(water.on_hand(), 18);
  EXPECT_EQ(water.reserved(), 0);

  kit = Step("m-settle", "settle", {Quantity("bottled-water", 9), Quantity("tea", 2)});
  EXPECT_EQ(kit.state(), inv::KIT_STATE_SETTLED);
  ASSERT_EQ(kit.lines_size(), 3);
  // By item: bottled-water, nameplate-holders, tea.
  EXPECT_EQ(kit.lines(0).consumed(), 9);
  EXPECT_EQ(kit.lines(0).returned(), 3);
  EXPECT_EQ(kit.lines(1).consumed(), 0);
  EXPECT_EQ(kit.lines(1).returned(), 10);
  EXPECT_EQ(kit.lines(2).consumed(), 2);
  EXPECT_EQ(kit.lines(2).returned(), 0);
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).on_hand(), 30 - 9);
  EXPECT_EQ(BalanceOf(*stub_, "nameplate-holders", kRoom301).on_hand(), 40);
  EXPECT_EQ(BalanceOf(*stub_, "tea", kRoom301).on_hand(), 0);
  // The meeting's ledger nets to exactly what it consumed.
  EXPECT_EQ(database_.QueryInt("SELECT SUM(quantity) FROM movements WHERE meeting_id = 'm-settle'"),
            -(9 + 2));
  EXPECT_EQ(database_.QueryInt(kBalancesOffLedger), 0);

  inv::GetConsumptionReportRequest report_request;
  report_request.set_meeting("meetings/m-settle");
  inv::GetConsumptionReportResponse report;
  ASSERT_TRUE(stub_->GetConsumptionReport(CallContext().get(), report_request, &report).ok());
  EXPECT_EQ(report.meeting_count(), 1);
  EXPECT_EQ(report.participant_count(), 10);
  ASSERT_EQ(report.lines_size(), 3);
  EXPECT_EQ(report.lines(0).item(), "items/bottled-water");
  EXPECT_EQ(report.lines(0).consumed(), 9);
  EXPECT_EQ(report.lines(0).planned(), 12);
  EXPECT_DOUBLE_EQ(report.lines(0).consumed_per_participant(), 0.9);
  EXPECT_EQ(report.total_cost_fen(), 9 * 150 + 2 * 300);

  // Consuming more than was issued is refused.
  ASSERT_TRUE(Reserve(*stub_, KitRequest("m-greedy", {Quantity("bottled-water", 2)})).ok());
  Step("m-greedy", "issue");
  inv::SettleKitRequest greedy;
  greedy.set_name("meetings/m-greedy/kit");
  *greedy.add_consumed() = Quantity("bottled-water", 3);
  inv::SettleKitResponse ignored;
  grpc::Status status = stub_->SettleKit(CallContext().get(), greedy, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(status).reason, "CONSUMED_MORE_THAN_ISSUED");
}

TEST_F(KitTest, ReleaseOnCancelReturnsEverythingReservedOrIssued) {
  ASSERT_TRUE(Reserve(*stub_, KitRequest("m-cancel", {Quantity("bottled-water", 10)})).ok());
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).reserved(), 10);
  inv::Kit kit = Step("m-cancel", "release");
  EXPECT_EQ(kit.state(), inv::KIT_STATE_RELEASED);
  inv::Balance water = BalanceOf(*stub_, "bottled-water", kRoom301);
  EXPECT_EQ(water.reserved(), 0);
  EXPECT_EQ(water.on_hand(), 30);

  ASSERT_TRUE(Reserve(*stub_, KitRequest("m-cancel-late", {Quantity("bottled-water", 8)})).ok());
  Step("m-cancel-late", "issue");
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).on_hand(), 22);
  kit = Step("m-cancel-late", "release");
  EXPECT_EQ(kit.lines(0).returned(), 8);
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).on_hand(), 30);
  EXPECT_EQ(database_.QueryInt(kBalancesOffLedger), 0);

  // A released kit is closed.
  inv::IssueKitRequest again;
  again.set_name("meetings/m-cancel/kit");
  inv::IssueKitResponse ignored;
  grpc::Status status = stub_->IssueKit(CallContext().get(), again, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(status).reason, "KIT_CLOSED");
}

TEST_F(KitTest, TemplateForKindAndSizeGivesTheNormAndRetryReturnsTheFirstKit) {
  inv::CreateKitTemplateRequest create;
  create.set_kit_template_id("internal-small");
  inv::KitTemplate* t = create.mutable_kit_template();
  t->set_display_name("内部小型会议");
  t->set_meeting_kind(inv::MEETING_KIND_INTERNAL);
  t->set_min_participants(1);
  t->set_max_participants(20);
  inv::KitTemplateLine* water = t->add_lines();
  water->set_item("items/bottled-water");
  water->set_per_participant(1);
  inv::KitTemplateLine* plates = t->add_lines();
  plates->set_item("items/nameplate-holders");
  plates->set_fixed(2);
  inv::CreateKitTemplateResponse created;
  ASSERT_TRUE(stub_->CreateKitTemplate(CallContext().get(), create, &created).ok());

  inv::ReserveKitRequest request = KitRequest("m-template", {}, kRoom301, 12);
  request.clear_source_location();  // the room's own cabinet
  request.set_request_id("reserve-m-template");
  inv::Kit kit;
  ASSERT_TRUE(Reserve(*stub_, request, &kit).ok());
  EXPECT_EQ(kit.kit_template(), "kitTemplates/internal-small");
  EXPECT_EQ(kit.source_location(), kRoom301);
  ASSERT_EQ(kit.lines_size(), 2);
  EXPECT_EQ(kit.lines(0).quantity(), 12);
  EXPECT_EQ(kit.lines(1).quantity(), 2);
  inv::Kit retried;
  ASSERT_TRUE(Reserve(*stub_, request, &retried).ok());
  EXPECT_EQ(retried.name(), kit.name());
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).reserved(), 12);

  // No template for a 300-person training: said so, nothing written.
  inv::ReserveKitRequest big = KitRequest("m-big", {}, kRoom301, 300);
  big.set_meeting_kind(inv::MEETING_KIND_TRAINING);
  grpc::Status status = Reserve(*stub_, big);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(status).reason, "NO_KIT_TEMPLATE");
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM kits"), 1);
}

}  // namespace
}  // namespace huiwu::testing
