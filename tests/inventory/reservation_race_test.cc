// Never negative under any concurrency (DESIGN §4): a hundred clients on their own
// connections reserve one unit each of a stock of ten at the same instant; the guarded
// UPDATE of the balance row, not process memory, lets exactly ten through.
#include <thread>

#include "absl/synchronization/barrier.h"
#include "gtest/gtest.h"
#include "tests/inventory/inventory_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

constexpr int kClients = 100;
constexpr int kStock = 10;

class ReservationRaceTest : public InventoryFixture {};

TEST_F(ReservationRaceTest, HundredReservationsOfOneAgainstTenExactlyTenSucceed) {
  ASSERT_TRUE(CreateItem(*stub_, "bottled-water", "矿泉水", "瓶").ok());
  ASSERT_TRUE(Receive(*stub_, "bottled-water", kRoom301, kStock).ok());
  std::vector<std::unique_ptr<inv::InventoryService::Stub>> clients;
  for (int i = 0; i < kClients; ++i) clients.push_back(NewStub());

  std::vector<grpc::Status> statuses(kClients);
  absl::Barrier* start = new absl::Barrier(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      const inv::ReserveKitRequest request =
          KitRequest(absl::StrCat("race-", i), {Quantity("bottled-water", 1)});
      if (start->Block()) delete start;
      statuses[i] = Reserve(*clients[i], request);
    });
  }
  for (auto& t : threads) t.join();

  int won = 0;
  for (const grpc::Status& status : statuses) {
    if (status.ok()) {
      ++won;
      continue;
    }
    ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
    const ErrorDetails details = DetailsOf(status);
    EXPECT_EQ(details.reason, "KIT_SHORT");
    EXPECT_EQ(details.metadata.at("items/bottled-water"), "1");
  }
  EXPECT_EQ(won, kStock);
  const inv::Balance balance = BalanceOf(*stub_, "bottled-water", kRoom301);
  EXPECT_EQ(balance.on_hand(), kStock);
  EXPECT_EQ(balance.reserved(), kStock);
  EXPECT_EQ(balance.available(), 0);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM kits"), kStock);
  EXPECT_EQ(database_.QueryInt("SELECT COALESCE(SUM(quantity), 0) FROM kit_lines"), kStock);
  EXPECT_EQ(database_.QueryInt(kBadBalances), 0);
  EXPECT_EQ(database_.QueryInt(kBalancesOffLedger), 0);
}

TEST_F(ReservationRaceTest, ConcurrentConsumptionNeverTakesMoreThanThereIs) {
  ASSERT_TRUE(CreateItem(*stub_, "paper-cups", "纸杯", "个").ok());
  ASSERT_TRUE(Receive(*stub_, "paper-cups", kCentral, 25).ok());
  constexpr int kTakers = 40;
  std::vector<std::unique_ptr<inv::InventoryService::Stub>> clients;
  for (int i = 0; i < kTakers; ++i) clients.push_back(NewStub());
  std::vector<grpc::Status> statuses(kTakers);
  absl::Barrier* start = new absl::Barrier(kTakers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kTakers; ++i) {
    threads.emplace_back([&, i] {
      if (start->Block()) delete start;
      // Half transfer to 301, half consume in place: both take from the central store.
      statuses[i] =
          i % 2 == 0
              ? Move(*clients[i], "paper-cups", kCentral, inv::MOVEMENT_KIND_TRANSFER, 1, kRoom301)
              : Move(*clients[i], "paper-cups", kCentral, inv::MOVEMENT_KIND_CONSUME, 1);
    });
  }
  for (auto& t : threads) t.join();
  int done = 0;
  for (const grpc::Status& status : statuses) {
    if (status.ok()) {
      ++done;
    } else {
      EXPECT_EQ(DetailsOf(status).reason, "INSUFFICIENT_STOCK") << status.error_message();
    }
  }
  EXPECT_EQ(done, 25);
  EXPECT_EQ(BalanceOf(*stub_, "paper-cups", kCentral).on_hand(), 0);
  EXPECT_EQ(database_.QueryInt(kBadBalances), 0);
  EXPECT_EQ(database_.QueryInt(kBalancesOffLedger), 0);
}

}  // namespace
}  // namespace huiwu::testing
