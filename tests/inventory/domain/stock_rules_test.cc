#include "services/inventory/domain/stock_rules.h"

#include "gtest/gtest.h"
#include "services/inventory/domain/key_rules.h"

namespace huiwu::inventory {
namespace {

TEST(StockRulesTest, SignsAndWhatMayBeRecordedByHand) {
  EXPECT_EQ(SignOf(MovementKind::kReceive), 1);
  EXPECT_EQ(SignOf(MovementKind::kReturn), 1);
  EXPECT_EQ(SignOf(MovementKind::kConsume), -1);
  EXPECT_EQ(SignOf(MovementKind::kWriteOff), -1);
  EXPECT_EQ(SignOf(MovementKind::kIssue), -1);
  EXPECT_TRUE(RecordableByHand(MovementKind::kTransfer));
  EXPECT_FALSE(RecordableByHand(MovementKind::kIssue));
  EXPECT_FALSE(RecordableByHand(MovementKind::kReturn));
  EXPECT_FALSE(RecordableByHand(MovementKind::kAdjustment));
}

TEST(StockRulesTest, LowAtOrUnderTheMinimumOnlyWhenOneIsSet) {
  EXPECT_TRUE(IsLow(10, 10));
  EXPECT_TRUE(IsLow(0, 1));
  EXPECT_FALSE(IsLow(11, 10));
  EXPECT_FALSE(IsLow(0, 0));
}

TEST(StockRulesTest, ReplenishUpToTheMaximumOrTwiceTheMinimum) {
  EXPECT_EQ(ReplenishQuantity({"x", 10, 50}, 8), 42);
  EXPECT_EQ(ReplenishQuantity({"x", 10, 0}, 3), 17);
  EXPECT_EQ(ReplenishQuantity({"x", 10, 10}, 10), 1);
}

TEST(KeyRulesTest, OverdueOnlyWhenOutAndPastTheExpectedReturn) {
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  RoomKey key;
  key.expected_return_time = now - absl::Minutes(1);
  EXPECT_FALSE(IsOverdue(key, now)) << "a key that is in is never overdue";
  key.holder = "staff/s-001";
  EXPECT_TRUE(IsOverdue(key, now));
  key.expected_return_time = now;
  EXPECT_FALSE(IsOverdue(key, now));
  EXPECT_TRUE(CheckExpectedReturn("f", now + absl::Hours(1), now).ok());
  EXPECT_FALSE(CheckExpectedReturn("f", now, now).ok());
  EXPECT_FALSE(CheckExpectedReturn("f", now + kLongestKeyLoan + absl::Seconds(1), now).ok());
}

}  // namespace
}  // namespace huiwu::inventory
