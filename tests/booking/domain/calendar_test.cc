#include "services/booking/domain/calendar.h"

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

absl::Time Utc(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), absl::UTCTimeZone());
}

TEST(CalendarTest, CenterZoneIsUtcPlusEightSummerAndWinter) {
  const absl::TimeZone zone = CenterTimeZone();
  EXPECT_EQ(absl::FromCivil(absl::CivilMinute(2024, 7, 1, 8, 0), zone), Utc(2024, 7, 1, 0, 0));
  EXPECT_EQ(absl::FromCivil(absl::CivilMinute(2024, 1, 15, 8, 0), zone), Utc(2024, 1, 15, 0, 0));
}

// 2024-06-03 is a Monday.
TEST(CalendarTest, LateMondayEveningBelongsToMonday) {
  // 23:30 local Monday is 15:30 UTC Monday.
  EXPECT_EQ(LocalDayOf(Utc(2024, 6, 3, 15, 30), CenterTimeZone()), absl::CivilDay(2024, 6, 3));
}

TEST(CalendarTest, EarlyTuesdayBelongsToTuesdayAlthoughItIsMondayInUtc) {
  // 00:30 local Tuesday is 16:30 UTC Monday.
  EXPECT_EQ(LocalDayOf(Utc(2024, 6, 3, 16, 30), CenterTimeZone()), absl::CivilDay(2024, 6, 4));
}

TEST(CalendarTest, LocalMidnightStartsTheNewDay) {
  EXPECT_EQ(LocalDayOf(Utc(2024, 6, 3, 16, 0) - absl::Nanoseconds(1), CenterTimeZone()),
            absl::CivilDay(2024, 6, 3));
  EXPECT_EQ(LocalDayOf(Utc(2024, 6, 3, 16, 0), CenterTimeZone()), absl::CivilDay(2024, 6, 4));
}

TEST(CalendarTest, DayWindowRunsFromLocalMidnightToLocalMidnight) {
  EXPECT_EQ(DayWindow(absl::CivilDay(2024, 6, 4), CenterTimeZone()),
            (TimeWindow{Utc(2024, 6, 3, 16, 0), Utc(2024, 6, 4, 16, 0)}));
}

TEST(CalendarTest, DayWindowContainsExactlyTheInstantsOfThatLocalDay) {
  const TimeWindow monday = DayWindow(absl::CivilDay(2024, 6, 3), CenterTimeZone());
  const TimeWindow late_monday{Utc(2024, 6, 3, 15, 30), Utc(2024, 6, 3, 15, 45)};
  const TimeWindow early_tuesday{Utc(2024, 6, 3, 16, 30), Utc(2024, 6, 3, 16, 45)};
  EXPECT_TRUE(Overlaps(monday, late_monday));
  EXPECT_FALSE(Overlaps(monday, early_tuesday));
}

TEST(CalendarTest, WeekWindowStartsOnMonday) {
  const TimeWindow expected{Utc(2024, 6, 2, 16, 0), Utc(2024, 6, 9, 16, 0)};
  for (int day = 3; day <= 9; ++day) {  // Monday 3 June to Sunday 9 June
    EXPECT_EQ(WeekWindow(absl::CivilDay(2024, 6, day), CenterTimeZone()), expected) << day;
  }
  EXPECT_EQ(WeekWindow(absl::CivilDay(2024, 6, 10), CenterTimeZone()).start,
            Utc(2024, 6, 9, 16, 0));
}

TEST(CalendarTest, WeekStartCrossesMonthAndYear) {
  EXPECT_EQ(CenterWeekStart(absl::CivilDay(2025, 1, 1)), absl::CivilDay(2024, 12, 30));
  EXPECT_EQ(CenterWeekStart(absl::CivilDay(2024, 6, 3)), absl::CivilDay(2024, 6, 3));
  EXPECT_EQ(CenterWeekStart(absl::CivilDay(2024, 6, 9)), absl::CivilDay(2024, 6, 3));
}

}  // namespace
}  // namespace huiwu::booking
