#include "services/booking/domain/attendance.h"

#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

using Ids = std::vector<std::string>;

TEST(AttendanceTest, CountsListedSignInsAndWalkInsSeparately) {
  const AttendanceFigures figures =
      ComputeAttendance({"a", "b", "c", "d"}, {"a", "b", "c"}, /*walk_ins=*/2);
  EXPECT_EQ(figures.expected, 4);
  EXPECT_EQ(figures.signed_in, 3);
  EXPECT_EQ(figures.walk_ins, 2);
  EXPECT_DOUBLE_EQ(figures.rate, 0.75);
  EXPECT_EQ(figures.absentee_ids, Ids{"d"});
}

TEST(AttendanceTest, WalkInsNeverRaiseTheRate) {
  const AttendanceFigures figures = ComputeAttendance({"a", "b"}, {"a"}, /*walk_ins=*/10);
  EXPECT_DOUBLE_EQ(figures.rate, 0.5);
  EXPECT_EQ(figures.walk_ins, 10);
}

TEST(AttendanceTest, AnUnlistedSignInIsAWalkInNotAnAttendee) {
  // "x" signed in instead of "b": b is still absent.
  const AttendanceFigures figures = ComputeAttendance({"a", "b"}, {"a", "x"}, /*walk_ins=*/1);
  EXPECT_EQ(figures.signed_in, 1);
  EXPECT_EQ(figures.walk_ins, 2);
  EXPECT_DOUBLE_EQ(figures.rate, 0.5);
  EXPECT_EQ(figures.absentee_ids, Ids{"b"});
}

TEST(AttendanceTest, NobodyExpectedGivesRateZero) {
  const AttendanceFigures figures = ComputeAttendance({}, {}, /*walk_ins=*/5);
  EXPECT_EQ(figures.expected, 0);
  EXPECT_EQ(figures.signed_in, 0);
  EXPECT_EQ(figures.walk_ins, 5);
  EXPECT_EQ(figures.rate, 0.0);
  EXPECT_TRUE(figures.absentee_ids.empty());
}

TEST(AttendanceTest, EveryoneSignedIn) {
  const AttendanceFigures figures = ComputeAttendance({"a", "b", "c"}, {"c", "b", "a"}, 0);
  EXPECT_EQ(figures.signed_in, 3);
  EXPECT_DOUBLE_EQ(figures.rate, 1.0);
  EXPECT_TRUE(figures.absentee_ids.empty());
}

TEST(AttendanceTest, NobodySignedInListsEveryAbsenteeInListOrder) {
  const AttendanceFigures figures = ComputeAttendance({"z", "a", "m"}, {}, 0);
  EXPECT_EQ(figures.rate, 0.0);
  EXPECT_EQ(figures.absentee_ids, (Ids{"z", "a", "m"}));
}

TEST(AttendanceTest, AnAttendeeListedTwiceCountsOnce) {
  const AttendanceFigures figures = ComputeAttendance({"a", "b", "a", "b"}, {"a"}, 0);
  EXPECT_EQ(figures.expected, 2);
  EXPECT_EQ(figures.signed_in, 1);
  EXPECT_DOUBLE_EQ(figures.rate, 0.5);
  EXPECT_EQ(figures.absentee_ids, Ids{"b"});
}

TEST(AttendanceTest, ANegativeWalkInCountIsZero) {
  EXPECT_EQ(ComputeAttendance({"a"}, {"a"}, -3).walk_ins, 0);
}

}  // namespace
}  // namespace huiwu::booking
