// Occurrences of inspection schedules in the center's zone.
#include "services/safety/domain/schedule.h"

#include "common/status/errors.h"
#include "gtest/gtest.h"

namespace huiwu::safety {
namespace {

absl::Time Local(int y, int m, int d, int h, int min = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, h, min, 0), absl::FixedTimeZone(8 * 3600));
}

InspectionSchedule Schedule(Frequency f, absl::Time first) {
  InspectionSchedule s;
  s.frequency = f;
  s.first_time = first;
  return s;
}

TEST(SafetyScheduleRuleTest, DailyForAWeekEachDueAtTheNext) {
  const auto slots = Occurrences(Schedule(Frequency::kDaily, Local(2026, 12, 1, 8, 30)),
                                 Local(2026, 12, 1, 0), Local(2026, 12, 8, 0), 100);
  ASSERT_EQ(slots.size(), 7u);
  EXPECT_EQ(slots[0].start, Local(2026, 12, 1, 8, 30));
  EXPECT_EQ(slots[6].start, Local(2026, 12, 7, 8, 30));
  EXPECT_EQ(slots[6].due, Local(2026, 12, 8, 8, 30));
}

TEST(SafetyScheduleRuleTest, EveryTwoHoursOnlyWithinActiveHours) {
  InspectionSchedule s = Schedule(Frequency::kEveryTwoHours, Local(2026, 12, 1, 8));
  s.active_start_hour = 8;
  s.active_end_hour = 18;
  const auto slots = Occurrences(s, Local(2026, 12, 1, 0), Local(2026, 12, 2, 0), 100);
  ASSERT_EQ(slots.size(), 5u);  // 08 10 12 14 16
  EXPECT_EQ(slots[4].start, Local(2026, 12, 1, 16));
  EXPECT_EQ(slots[4].due, Local(2026, 12, 2, 8));
}

TEST(SafetyScheduleRuleTest, QuarterlyKeepsTheDayOrTakesTheMonthsLast) {
  const auto slots = Occurrences(Schedule(Frequency::kQuarterly, Local(2026, 11, 30, 9)),
                                 Local(2026, 11, 1, 0), Local(2027, 9, 1, 0), 100);
  ASSERT_EQ(slots.size(), 4u);
  EXPECT_EQ(slots[1].start, Local(2027, 2, 28, 9));  // no 30 February
  EXPECT_EQ(slots[2].start, Local(2027, 5, 30, 9));
  EXPECT_EQ(slots[3].due, Local(2027, 11, 30, 9));
}

TEST(SafetyScheduleRuleTest, FarFromTheFirstOccurrenceAndTheLimit) {
  const auto slots = Occurrences(Schedule(Frequency::kDaily, Local(2020, 1, 1, 8)),
                                 Local(2026, 12, 1, 9), Local(2026, 12, 31, 9), 3);
  ASSERT_EQ(slots.size(), 3u);
  EXPECT_EQ(slots[0].start, Local(2026, 12, 2, 8));
}

TEST(SafetyScheduleRuleTest, ActiveHoursChecked) {
  InspectionSchedule s = Schedule(Frequency::kEveryTwoHours, Local(2026, 12, 1, 8));
  s.active_start_hour = 18;
  s.active_end_hour = 8;
  EXPECT_EQ(FieldViolationsOf(CheckActiveHours(s, "x."))[0].field, "x.active_end_hour");
  s = Schedule(Frequency::kDaily, Local(2026, 12, 1, 8));
  s.active_end_hour = 10;
  EXPECT_EQ(FieldViolationsOf(CheckActiveHours(s, "x."))[0].field, "x.active_start_hour");
  s.active_end_hour = 0;
  EXPECT_TRUE(CheckActiveHours(s, "x.").ok());
}

}  // namespace
}  // namespace huiwu::safety
