#include "services/booking/domain/weekly_figures.h"

#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "services/booking/domain/calendar.h"

namespace huiwu::booking {
namespace {

absl::Time At(int day, int hour, int minute = 0) {
  return absl::FromCivil(absl::CivilMinute(2026, 11, day, hour, minute), CenterTimeZone());
}

// Monday 30 November 2026 to Sunday 6 December.
const TimeWindow kWeek = WeekWindow(absl::CivilDay(2026, 12, 2), CenterTimeZone());

TEST(WeeklyFiguresTest, FiftyOpeningHoursAWeek) { EXPECT_DOUBLE_EQ(OpeningHoursPerWeek(), 50); }

TEST(WeeklyFiguresTest, HeldMeansStarted) {
  EXPECT_TRUE(WasHeld(MeetingState::kInProgress));
  EXPECT_TRUE(WasHeld(MeetingState::kCompleted));
  EXPECT_TRUE(WasHeld(MeetingState::kArchived));
  EXPECT_FALSE(WasHeld(MeetingState::kConfirmed));
  EXPECT_FALSE(WasHeld(MeetingState::kCancelled));
  EXPECT_FALSE(WasHeld(MeetingState::kSubmitted));
}

TEST(WeeklyFiguresTest, HeldHoursAreClippedToTheWeek) {
  EXPECT_DOUBLE_EQ(HeldHoursWithin(TimeWindow{At(30, 9), At(30, 11, 30)}, kWeek), 2.5);
  // Sunday 29 November 23:00 to Monday 01:00: one hour in the week.
  EXPECT_DOUBLE_EQ(HeldHoursWithin(TimeWindow{At(29, 23), At(30, 1)}, kWeek), 1);
  EXPECT_DOUBLE_EQ(HeldHoursWithin(TimeWindow{At(28, 9), At(28, 10)}, kWeek), 0);
}

TEST(WeeklyFiguresTest, Utilization) {
  EXPECT_DOUBLE_EQ(Utilization(25, 50), 0.5);
  EXPECT_DOUBLE_EQ(Utilization(60, 50), 1.2) << "evenings and weekends exceed 100 %";
  EXPECT_DOUBLE_EQ(Utilization(5, 0), 0);
}

TEST(WeeklyFiguresTest, HazardTally) {
  const absl::Time before = At(20, 9);
  const absl::Time in_week = At(30, 10);
  const std::vector<HazardFact> hazards = {
      // Reported in the week, still open, deadline passed within it: opened and overdue.
      {in_week, in_week, in_week + absl::Hours(24), true, false},
      // Reported before, verified in the week: closed.
      {before, in_week, before + absl::Hours(72), false, true},
      // Reported before, still open, long overdue.
      {before, before, before + absl::Hours(24), true, false},
      // Resolved (not verified) in the week: neither closed nor overdue.
      {before, in_week, before + absl::Hours(24), false, false},
      // Open with a deadline after the week: not overdue.
      {in_week, in_week, kWeek.end + absl::Hours(1), true, false},
  };
  // Judged at the week's end, the week being over.
  EXPECT_EQ(TallyHazards(hazards, kWeek, kWeek.end + absl::Hours(100)), (HazardTally{2, 1, 2}));
  // Judged on Monday 11:00 of the week itself: the first is not overdue yet.
  EXPECT_EQ(TallyHazards(hazards, kWeek, in_week + absl::Hours(1)), (HazardTally{2, 1, 1}));
}

TEST(WeeklyFiguresTest, AHazardReportedAfterTheWeekIsNotOverdueInIt) {
  const HazardFact later{kWeek.end + absl::Hours(1), kWeek.end, kWeek.start, true, false};
  EXPECT_FALSE(IsOverdue(later, kWeek.end));
}

}  // namespace
}  // namespace huiwu::booking
