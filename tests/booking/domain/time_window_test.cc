#include "services/booking/domain/time_window.h"

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/booking/domain/calendar.h"

namespace huiwu::booking {
namespace {

absl::Time Local(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), CenterTimeZone());
}

constexpr absl::Duration kSetup = absl::Minutes(30);
constexpr absl::Duration kCleanup = absl::Minutes(30);

TEST(TimeWindowTest, OverlappingWindowsOverlapBothWays) {
  const TimeWindow a{Local(2024, 6, 3, 9, 0), Local(2024, 6, 3, 11, 0)};
  const TimeWindow b{Local(2024, 6, 3, 10, 59), Local(2024, 6, 3, 12, 0)};
  EXPECT_TRUE(Overlaps(a, b));
  EXPECT_TRUE(Overlaps(b, a));
}

TEST(TimeWindowTest, ContainedWindowOverlaps) {
  const TimeWindow outer{Local(2024, 6, 3, 9, 0), Local(2024, 6, 3, 17, 0)};
  const TimeWindow inner{Local(2024, 6, 3, 10, 0), Local(2024, 6, 3, 11, 0)};
  EXPECT_TRUE(Overlaps(outer, inner));
  EXPECT_TRUE(Overlaps(inner, outer));
  EXPECT_TRUE(Overlaps(outer, outer));
}

TEST(TimeWindowTest, CoversHoldsEveryInstantIncludingTheEdges) {
  const TimeWindow outer{Local(2024, 6, 3, 9, 0), Local(2024, 6, 3, 17, 0)};
  EXPECT_TRUE(Covers(outer, outer));
  EXPECT_TRUE(Covers(outer, TimeWindow{Local(2024, 6, 3, 10, 0), Local(2024, 6, 3, 11, 0)}));
  EXPECT_FALSE(Covers(outer, TimeWindow{Local(2024, 6, 3, 8, 59), Local(2024, 6, 3, 11, 0)}));
  EXPECT_FALSE(Covers(outer, TimeWindow{Local(2024, 6, 3, 16, 0), Local(2024, 6, 3, 17, 1)}));
  EXPECT_FALSE(Covers(TimeWindow{Local(2024, 6, 3, 10, 0), Local(2024, 6, 3, 11, 0)}, outer));
}

TEST(TimeWindowTest, TouchingAtAnEdgeIsNotAnOverlap) {
  const TimeWindow morning{Local(2024, 6, 3, 9, 0), Local(2024, 6, 3, 10, 0)};
  const TimeWindow next{Local(2024, 6, 3, 10, 0), Local(2024, 6, 3, 11, 0)};
  EXPECT_FALSE(Overlaps(morning, next));
  EXPECT_FALSE(Overlaps(next, morning));
}

TEST(TimeWindowTest, DisjointWindowsDoNotOverlap) {
  const TimeWindow a{Local(2024, 6, 3, 9, 0), Local(2024, 6, 3, 10, 0)};
  const TimeWindow b{Local(2024, 6, 3, 14, 0), Local(2024, 6, 3, 15, 0)};
  EXPECT_FALSE(Overlaps(a, b));
  EXPECT_FALSE(Overlaps(b, a));
}

TEST(TimeWindowTest, OccupancyAddsSetupBeforeAndCleanupAfter) {
  const TimeWindow meeting{Local(2024, 6, 3, 9, 0), Local(2024, 6, 3, 11, 0)};
  EXPECT_EQ(OccupancyOf(meeting, absl::Minutes(15), absl::Minutes(45)),
            (TimeWindow{Local(2024, 6, 3, 8, 45), Local(2024, 6, 3, 11, 45)}));
}

TEST(TimeWindowTest, NegativeBuffersAreTakenAsZero) {
  const TimeWindow meeting{Local(2024, 6, 3, 9, 0), Local(2024, 6, 3, 11, 0)};
  EXPECT_EQ(OccupancyOf(meeting, absl::Minutes(-10), absl::Minutes(-10)), meeting);
}

// The next meeting's set-up starts exactly when the previous one's clean-up ends.
TEST(TimeWindowTest, BackToBackAtTheBufferEdgeIsAccepted) {
  const TimeWindow first{Local(2024, 6, 3, 9, 0), Local(2024, 6, 3, 10, 0)};
  // first holds the room until 10:30; second's set-up starts at 10:30.
  const TimeWindow second{Local(2024, 6, 3, 11, 0), Local(2024, 6, 3, 12, 0)};
  EXPECT_FALSE(
      Overlaps(OccupancyOf(first, kSetup, kCleanup), OccupancyOf(second, kSetup, kCleanup)));
}

TEST(TimeWindowTest, OneMinuteIntoTheBufferIsRefused) {
  const TimeWindow first{Local(2024, 6, 3, 9, 0), Local(2024, 6, 3, 10, 0)};
  const TimeWindow second{Local(2024, 6, 3, 10, 59), Local(2024, 6, 3, 12, 0)};
  EXPECT_TRUE(
      Overlaps(OccupancyOf(first, kSetup, kCleanup), OccupancyOf(second, kSetup, kCleanup)));
  // ... although the meetings themselves do not overlap.
  EXPECT_FALSE(Overlaps(first, second));
}

TEST(TimeWindowTest, OneMinuteIntoTheSetupOfALaterMeetingIsRefused) {
  const TimeWindow later{Local(2024, 6, 3, 14, 0), Local(2024, 6, 3, 15, 0)};
  const TimeWindow earlier{Local(2024, 6, 3, 12, 0), Local(2024, 6, 3, 13, 1)};
  EXPECT_TRUE(
      Overlaps(OccupancyOf(earlier, kSetup, kCleanup), OccupancyOf(later, kSetup, kCleanup)));
  const TimeWindow earlier_on_edge{Local(2024, 6, 3, 12, 0), Local(2024, 6, 3, 13, 0)};
  EXPECT_FALSE(Overlaps(OccupancyOf(earlier_on_edge, kSetup, kCleanup),
                        OccupancyOf(later, kSetup, kCleanup)));
}

}  // namespace
}  // namespace huiwu::booking
