// The ledger: every balance is the sum of its append-only ledger, whatever sequence of
// movements ran; a movement that would go negative changes nothing.
#include <map>
#include <random>

#include "gtest/gtest.h"
#include "tests/inventory/inventory_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

class LedgerTest : public InventoryFixture {};

TEST_F(LedgerTest, ThousandRandomMovementsLeaveEveryBalanceEqualToItsLedger) {
  const std::vector<std::string> items = {"tea", "pens", "napkins"};
  const std::vector<std::string> locations = {kCentral, kRoom301,
                                              "buildings/citizen-center/rooms/606"};
  for (const std::string& item : items) ASSERT_TRUE(CreateItem(*stub_, item, item, "个").ok());
  std::mt19937 random(20261202);  // fixed seed: the same sequence every run
  const std::vector<inv::MovementKind> kinds = {
      inv::MOVEMENT_KIND_RECEIVE, inv::MOVEMENT_KIND_TRANSFER, inv::MOVEMENT_KIND_CONSUME,
      inv::MOVEMENT_KIND_WRITE_OFF};
  // What the balances must be, kept by the test from the answers alone.
  std::map<std::pair<std::string, std::string>, int64_t> expected;
  int refused = 0;
  for (int i = 0; i < 1000; ++i) {
    const std::string& item = items[random() % items.size()];
    const size_t from_index = random() % locations.size();
    const std::string& from = locations[from_index];
    const std::string& to = locations[(from_index + 1 + random() % 2) % locations.size()];
    const inv::MovementKind kind = kinds[random() % kinds.size()];
    const int64_t quantity = 1 + random() % 20;
    grpc::Status status =
        Move(*stub_, item, from, kind, quantity, kind == inv::MOVEMENT_KIND_TRANSFER ? to : "");
    if (!status.ok()) {
      ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
          << status.error_message();
      EXPECT_LT(expected[std::make_pair(item, from)], quantity)
          << "refused although there was enough";
      ++refused;
      continue;
    }
    if (kind == inv::MOVEMENT_KIND_RECEIVE) {
      expected[std::make_pair(item, from)] += quantity;
    } else {
      expected[std::make_pair(item, from)] -= quantity;
      if (kind == inv::MOVEMENT_KIND_TRANSFER) expected[std::make_pair(item, to)] += quantity;
    }
    ASSERT_GE(expected[std::make_pair(item, from)], 0);
  }
  EXPECT_GT(refused, 0) << "the sequence should try to overdraw sometimes";
  EXPECT_EQ(database_.QueryInt(kBalancesOffLedger), 0);
  EXPECT_EQ(database_.QueryInt(kBadBalances), 0);
  for (const auto& [key, quantity] : expected) {
    EXPECT_EQ(BalanceOf(*stub_, key.first, key.second).on_hand(), quantity)
        << key.first << " at " << key.second;
  }
}

TEST_F(LedgerTest, OverdrawIsRefusedAndWritesNothing) {
  ASSERT_TRUE(CreateItem(*stub_, "notepads", "笔记本", "本").ok());
  ASSERT_TRUE(Receive(*stub_, "notepads", kCentral, 5).ok());
  const std::string before = database_.Snapshot({"balances", "movements"});
  grpc::Status status = Move(*stub_, "notepads", kCentral, inv::MOVEMENT_KIND_CONSUME, 6);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  const ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.reason, "INSUFFICIENT_STOCK");
  EXPECT_EQ(details.metadata.at("available"), "5");
  EXPECT_EQ(details.metadata.at("missing"), "1");
  EXPECT_EQ(database_.Snapshot({"balances", "movements"}), before);
}

TEST_F(LedgerTest, TransferPostsBothHalvesAndRetryWithRequestIdPostsOnce) {
  ASSERT_TRUE(CreateItem(*stub_, "napkins", "纸巾", "包").ok());
  ASSERT_TRUE(Receive(*stub_, "napkins", kCentral, 30).ok());
  inv::RecordMovementResponse first;
  ASSERT_TRUE(Move(*stub_, "napkins", kCentral, inv::MOVEMENT_KIND_TRANSFER, 12, kRoom301, &first,
                   "transfer-1")
                  .ok());
  ASSERT_EQ(first.movements_size(), 2);
  EXPECT_EQ(first.movements(0).quantity(), -12);
  EXPECT_EQ(first.movements(1).quantity(), 12);
  EXPECT_EQ(first.movements(1).location(), kRoom301);
  inv::RecordMovementResponse retry;
  ASSERT_TRUE(Move(*stub_, "napkins", kCentral, inv::MOVEMENT_KIND_TRANSFER, 12, kRoom301, &retry,
                   "transfer-1")
                  .ok());
  ASSERT_EQ(retry.movements_size(), 2);
  EXPECT_EQ(retry.movements(0).name(), first.movements(0).name());
  EXPECT_EQ(retry.movements(1).name(), first.movements(1).name());
  EXPECT_EQ(BalanceOf(*stub_, "napkins", kCentral).on_hand(), 18);
  EXPECT_EQ(BalanceOf(*stub_, "napkins", kRoom301).on_hand(), 12);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM movements"), 3);

  inv::ListMovementsRequest list;
  list.set_item("items/napkins");
  list.set_location(kCentral);
  list.set_page_size(1);
  std::vector<int64_t> seen;
  for (int page = 0; page < 5; ++page) {
    inv::ListMovementsResponse response;
    ASSERT_TRUE(stub_->ListMovements(CallContext().get(), list, &response).ok());
    for (const auto& m : response.movements()) seen.push_back(m.quantity());
    if (response.next_page_token().empty()) break;
    list.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(seen, (std::vector<int64_t>{30, -12}));
}

}  // namespace
}  // namespace huiwu::testing
