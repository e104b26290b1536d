#include "services/booking/domain/recurrence.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/status/errors.h"
#include "gtest/gtest.h"
#include "services/booking/domain/calendar.h"
#include "tests/booking/domain/holidays_2026.h"

namespace huiwu::booking {
namespace {

using absl::CivilDay;
using absl::CivilMinute;
using absl::Weekday;

absl::Time Local(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(CivilMinute(y, mo, d, h, mi), CenterTimeZone());
}

// 09:00-10:30 local on `day`.
TimeWindow MorningOf(int y, int mo, int d) {
  return TimeWindow{Local(y, mo, d, 9, 0), Local(y, mo, d, 10, 30)};
}

std::vector<TimeWindow> Mornings(const std::vector<CivilDay>& days) {
  std::vector<TimeWindow> windows;
  for (const CivilDay& day : days) windows.push_back(MorningOf(day.year(), day.month(), day.day()));
  return windows;
}

// The rule's arithmetic alone: holidays included, no calendar consulted. The calendar's
// part is tested below, with 2026's arrangement.
absl::StatusOr<std::vector<TimeWindow>> ExpandIgnoringHolidays(const RecurrenceRule& rule,
                                                               TimeWindow first,
                                                               absl::TimeZone zone,
                                                               int max_occurrences = 366) {
  RecurrenceRule with_holidays = rule;
  with_holidays.include_holidays = true;
  absl::StatusOr<SeriesDates> dates =
      ExpandRecurrence(with_holidays, first, zone, WorkingCalendar(), max_occurrences);
  if (!dates.ok()) return dates.status();
  EXPECT_TRUE(dates->skipped.empty());
  return dates->windows;
}

std::vector<TimeWindow> ExpandOrDie(const RecurrenceRule& rule, TimeWindow first) {
  absl::StatusOr<std::vector<TimeWindow>> windows =
      ExpandIgnoringHolidays(rule, first, CenterTimeZone());
  EXPECT_TRUE(windows.ok()) << windows.status();
  return windows.ok() ? *windows : std::vector<TimeWindow>{};
}

std::string FieldOf(const absl::Status& status) {
  const std::vector<FieldViolation> violations = FieldViolationsOf(status);
  return violations.empty() ? "<none>" : violations[0].field;
}

RecurrenceRule Weekly(std::vector<Weekday> weekdays, int count) {
  RecurrenceRule rule;
  rule.frequency = Frequency::kWeekly;
  rule.weekdays = std::move(weekdays);
  rule.count = count;
  return rule;
}

// 2024-06-03 is a Monday.
TEST(RecurrenceTest, WeeklyMondayAndWednesdayWithCount) {
  const RecurrenceRule rule = Weekly({Weekday::monday, Weekday::wednesday}, 4);
  EXPECT_EQ(ExpandOrDie(rule, MorningOf(2024, 6, 3)),
            Mornings({CivilDay(2024, 6, 3), CivilDay(2024, 6, 5), CivilDay(2024, 6, 10),
                      CivilDay(2024, 6, 12)}));
}

TEST(RecurrenceTest, WeeklyWeekdaysInAnyOrderAndRepeatedAreTheSameSet) {
  const RecurrenceRule rule = Weekly({Weekday::wednesday, Weekday::monday, Weekday::wednesday}, 4);
  EXPECT_EQ(ExpandOrDie(rule, MorningOf(2024, 6, 3)),
            Mornings({CivilDay(2024, 6, 3), CivilDay(2024, 6, 5), CivilDay(2024, 6, 10),
                      CivilDay(2024, 6, 12)}));
}

TEST(RecurrenceTest, WeeklyStartsOnTheNextChosenDayWhenFirstDoesNotMatch) {
  // First is a Tuesday; the series meets on Mondays and Wednesdays.
  const RecurrenceRule rule = Weekly({Weekday::monday, Weekday::wednesday}, 3);
  EXPECT_EQ(ExpandOrDie(rule, MorningOf(2024, 6, 4)),
            Mornings({CivilDay(2024, 6, 5), CivilDay(2024, 6, 10), CivilDay(2024, 6, 12)}));
}

TEST(RecurrenceTest, WeeklyWithoutWeekdaysUsesTheFirstMeetingsWeekday) {
  const RecurrenceRule rule = Weekly({}, 3);
  EXPECT_EQ(ExpandOrDie(rule, MorningOf(2024, 6, 6)),  // a Thursday
            Mornings({CivilDay(2024, 6, 6), CivilDay(2024, 6, 13), CivilDay(2024, 6, 20)}));
}

TEST(RecurrenceTest, WeeklyIntervalTwoSkipsEveryOtherWeek) {
  RecurrenceRule rule = Weekly({Weekday::monday, Weekday::wednesday}, 4);
  rule.interval = 2;
  EXPECT_EQ(ExpandOrDie(rule, MorningOf(2024, 6, 3)),
            Mornings({CivilDay(2024, 6, 3), CivilDay(2024, 6, 5), CivilDay(2024, 6, 17),
                      CivilDay(2024, 6, 19)}));
}

TEST(RecurrenceTest, WeeklyIntervalCountsWeeksFromTheFirstMeetingsWeek) {
  // First on Wednesday 5 June: its week (from Monday 3 June) is week 0, so the Monday
  // of that week is skipped, and the next meetings are in the week of 17 June.
  RecurrenceRule rule = Weekly({Weekday::monday, Weekday::wednesday}, 3);
  rule.interval = 2;
  EXPECT_EQ(ExpandOrDie(rule, MorningOf(2024, 6, 5)),
            Mornings({CivilDay(2024, 6, 5), CivilDay(2024, 6, 17), CivilDay(2024, 6, 19)}));
}

TEST(RecurrenceTest, WeeklyUntilIsInclusive) {
  RecurrenceRule rule;
  rule.frequency = Frequency::kWeekly;
  rule.weekdays = {Weekday::monday, Weekday::wednesday};
  rule.until = CivilDay(2024, 6, 12);
  EXPECT_EQ(ExpandOrDie(rule, MorningOf(2024, 6, 3)),
            Mornings({CivilDay(2024, 6, 3), CivilDay(2024, 6, 5), CivilDay(2024, 6, 10),
                      CivilDay(2024, 6, 12)}));
  rule.until = CivilDay(2024, 6, 11);
  EXPECT_EQ(ExpandOrDie(rule, MorningOf(2024, 6, 3)),
            Mornings({CivilDay(2024, 6, 3), CivilDay(2024, 6, 5), CivilDay(2024, 6, 10)}));
}

TEST(RecurrenceTest, UntilIsALocalDayNotAUtcDay) {
  // A 07:00 meeting in Shanghai is 23:00 UTC of the day before; until = its local day
  // still includes it.
  RecurrenceRule rule;
  rule.frequency = Frequency::kDaily;
  rule.until = CivilDay(2024, 6, 4);
  const TimeWindow first{Local(2024, 6, 3, 7, 0), Local(2024, 6, 3, 8, 0)};
  const std::vector<TimeWindow> windows = ExpandOrDie(rule, first);
  ASSERT_EQ(windows.size(), 2u);
  EXPECT_EQ(windows[1].start, Local(2024, 6, 4, 7, 0));
}

TEST(RecurrenceTest, DailyUntilIsInclusive) {
  RecurrenceRule rule;
  rule.frequency = Frequency::kDaily;
  rule.until = CivilDay(2024, 6, 7);
  EXPECT_EQ(ExpandOrDie(rule, MorningOf(2024, 6, 3)),
            Mornings({CivilDay(2024, 6, 3), CivilDay(2024, 6, 4), CivilDay(2024, 6, 5),
                      CivilDay(2024, 6, 6), CivilDay(2024, 6, 7)}));
}

TEST(RecurrenceTest, DailyIntervalTwoAcrossAMonthEnd) {
  RecurrenceRule rule;
  rule.frequency = Frequency::kDaily;
  rule.interval = 2;
  rule.count = 3;
  EXPECT_EQ(ExpandOrDie(rule, MorningOf(2024, 6, 29)),
            Mornings({CivilDay(2024, 6, 29), CivilDay(2024, 7, 1), CivilDay(2024, 7, 3)}));
}

TEST(RecurrenceTest, MonthlyOnThe31stSkipsShortMonths) {
  RecurrenceRule rule;
  rule.frequency = Frequency::kMonthly;
  rule.count = 4;
  // Skipped months do not use up the count.
  EXPECT_EQ(ExpandOrDie(rule, MorningOf(2024, 1, 31)),
            Mornings({CivilDay(2024, 1, 31), CivilDay(2024, 3, 31), CivilDay(2024, 5, 31),
                      CivilDay(2024, 7, 31)}));
}

TEST(RecurrenceTest, MonthlyUntilWithSkippedMonths) {
  RecurrenceRule rule;
  rule.frequency = Frequency::kMonthly;
  rule.until = CivilDay(2024, 6, 30);
  EXPECT_EQ(ExpandOrDie(rule, MorningOf(2024, 1, 31)),
            Mornings({CivilDay(2024, 1, 31), CivilDay(2024, 3, 31), CivilDay(2024, 5, 31)}));
}

TEST(RecurrenceTest, MonthlyOnThe29thDependsOnLeapYears) {
  RecurrenceRule rule;
  rule.frequency = Frequency::kMonthly;
  rule.count = 3;
  EXPECT_EQ(ExpandOrDie(rule, MorningOf(2024, 1, 29)),
            Mornings({CivilDay(2024, 1, 29), CivilDay(2024, 2, 29), CivilDay(2024, 3, 29)}));
  EXPECT_EQ(ExpandOrDie(rule, MorningOf(2023, 1, 29)),
            Mornings({CivilDay(2023, 1, 29), CivilDay(2023, 3, 29), CivilDay(2023, 4, 29)}));
}

TEST(RecurrenceTest, MonthlyIntervalTwoAcrossAYearEnd) {
  RecurrenceRule rule;
  rule.frequency = Frequency::kMonthly;
  rule.interval = 2;
  rule.count = 3;
  EXPECT_EQ(ExpandOrDie(rule, MorningOf(2024, 11, 15)),
            Mornings({CivilDay(2024, 11, 15), CivilDay(2025, 1, 15), CivilDay(2025, 3, 15)}));
}

TEST(RecurrenceTest, KeepsTheLengthOfAMeetingThatCrossesMidnight) {
  RecurrenceRule rule;
  rule.frequency = Frequency::kDaily;
  rule.count = 2;
  const TimeWindow first{Local(2024, 6, 3, 22, 0), Local(2024, 6, 4, 1, 0)};
  EXPECT_EQ(ExpandOrDie(rule, first),
            (std::vector<TimeWindow>{
                first, TimeWindow{Local(2024, 6, 4, 22, 0), Local(2024, 6, 5, 1, 0)}}));
}

TEST(RecurrenceTest, KeepsTheLocalWallTimeAcrossADaylightSavingChange) {
  // Shanghai has no DST, so a zone that has one shows that occurrences are computed on
  // local civil time rather than by adding 7 × 24h.
  absl::TimeZone new_york;
  if (!absl::LoadTimeZone("America/New_York", &new_york)) {
    GTEST_SKIP() << "no time-zone database";
  }
  RecurrenceRule rule = Weekly({}, 2);
  const absl::Time start = absl::FromCivil(CivilMinute(2024, 3, 4, 9, 0), new_york);
  const absl::StatusOr<std::vector<TimeWindow>> windows =
      ExpandIgnoringHolidays(rule, TimeWindow{start, start + absl::Hours(1)}, new_york);
  ASSERT_TRUE(windows.ok()) << windows.status();
  ASSERT_EQ(windows->size(), 2u);
  EXPECT_EQ((*windows)[1].start, absl::FromCivil(CivilMinute(2024, 3, 11, 9, 0), new_york));
  EXPECT_EQ((*windows)[1].start - start, absl::Hours(7 * 24 - 1));
  EXPECT_EQ((*windows)[1].end - (*windows)[1].start, absl::Hours(1));
}

TEST(RecurrenceTest, ExactlyMaxOccurrencesIsAccepted) {
  RecurrenceRule rule;
  rule.frequency = Frequency::kDaily;
  rule.until = CivilDay(2024, 6, 12);  // 10 days from 3 June
  const absl::StatusOr<std::vector<TimeWindow>> windows =
      ExpandIgnoringHolidays(rule, MorningOf(2024, 6, 3), CenterTimeZone(), 10);
  ASSERT_TRUE(windows.ok()) << windows.status();
  EXPECT_EQ(windows->size(), 10u);
  rule.until = std::nullopt;
  rule.count = 10;
  EXPECT_TRUE(ExpandIgnoringHolidays(rule, MorningOf(2024, 6, 3), CenterTimeZone(), 10).ok());
}

TEST(RecurrenceTest, MoreThanMaxOccurrencesUpToUntilIsRefusedWithTheLimit) {
  RecurrenceRule rule;
  rule.frequency = Frequency::kDaily;
  rule.until = CivilDay(2025, 12, 31);
  const absl::StatusOr<std::vector<TimeWindow>> windows =
      ExpandIgnoringHolidays(rule, MorningOf(2024, 6, 3), CenterTimeZone());
  ASSERT_FALSE(windows.ok());
  EXPECT_EQ(windows.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(windows.status()), "series.recurrence");
  EXPECT_NE(std::string(windows.status().message()).find("366"), std::string::npos)
      << windows.status();

  rule.until = CivilDay(2024, 6, 13);  // 11 days
  EXPECT_EQ(
      FieldOf(ExpandIgnoringHolidays(rule, MorningOf(2024, 6, 3), CenterTimeZone(), 10).status()),
      "series.recurrence");
}

struct InvalidRuleCase {
  std::string name;
  RecurrenceRule rule;
  std::string field;
};

// Names the case in test output instead of dumping its bytes.
void PrintTo(const InvalidRuleCase& c, std::ostream* out) { *out << c.name; }

class InvalidRuleTest : public testing::TestWithParam<InvalidRuleCase> {};

TEST_P(InvalidRuleTest, IsRefusedNamingTheField) {
  const absl::StatusOr<std::vector<TimeWindow>> windows =
      ExpandIgnoringHolidays(GetParam().rule, MorningOf(2024, 6, 4), CenterTimeZone());
  ASSERT_FALSE(windows.ok());
  EXPECT_EQ(windows.status().code(), absl::StatusCode::kInvalidArgument) << windows.status();
  EXPECT_EQ(FieldOf(windows.status()), GetParam().field) << windows.status();
}

RecurrenceRule Rule(Frequency frequency, int interval, std::vector<Weekday> weekdays,
                    std::optional<CivilDay> until, std::optional<int> count) {
  return RecurrenceRule{frequency, interval, std::move(weekdays), until, count, false};
}

INSTANTIATE_TEST_SUITE_P(
    Rules, InvalidRuleTest,
    testing::Values(
        InvalidRuleCase{"IntervalZero", Rule(Frequency::kDaily, 0, {}, std::nullopt, 3),
                        "series.recurrence.interval"},
        InvalidRuleCase{"Interval53", Rule(Frequency::kWeekly, 53, {}, std::nullopt, 3),
                        "series.recurrence.interval"},
        InvalidRuleCase{"WeekdaysWithDaily",
                        Rule(Frequency::kDaily, 1, {Weekday::monday}, std::nullopt, 3),
                        "series.recurrence.weekdays"},
        InvalidRuleCase{"WeekdaysWithMonthly",
                        Rule(Frequency::kMonthly, 1, {Weekday::monday}, std::nullopt, 3),
                        "series.recurrence.weekdays"},
        InvalidRuleCase{"NeitherUntilNorCount",
                        Rule(Frequency::kDaily, 1, {}, std::nullopt, std::nullopt),
                        "series.recurrence.until"},
        InvalidRuleCase{"BothUntilAndCount",
                        Rule(Frequency::kDaily, 1, {}, CivilDay(2024, 7, 1), 3),
                        "series.recurrence.until"},
        InvalidRuleCase{"CountZero", Rule(Frequency::kDaily, 1, {}, std::nullopt, 0),
                        "series.recurrence.count"},
        InvalidRuleCase{"CountAboveTheLimit", Rule(Frequency::kDaily, 1, {}, std::nullopt, 367),
                        "series.recurrence.count"},
        InvalidRuleCase{"UntilBeforeTheFirstMeeting",
                        Rule(Frequency::kDaily, 1, {}, CivilDay(2024, 6, 3), std::nullopt),
                        "series.recurrence.until"},
        // First is Tuesday 4 June; the first Monday is 10 June, after until.
        InvalidRuleCase{
            "NoMeetingBeforeUntil",
            Rule(Frequency::kWeekly, 1, {Weekday::monday}, CivilDay(2024, 6, 9), std::nullopt),
            "series.recurrence.until"},
        InvalidRuleCase{"UnknownFrequency", Rule(static_cast<Frequency>(7), 1, {}, std::nullopt, 3),
                        "series.recurrence.frequency"}),
    [](const testing::TestParamInfo<InvalidRuleCase>& info) { return info.param.name; });

TEST(RecurrenceTest, NeitherUntilNorCountNamesBothFields) {
  const absl::StatusOr<std::vector<TimeWindow>> windows =
      ExpandIgnoringHolidays(Rule(Frequency::kDaily, 1, {}, std::nullopt, std::nullopt),
                             MorningOf(2024, 6, 4), CenterTimeZone());
  ASSERT_FALSE(windows.ok());
  const std::vector<FieldViolation> violations = FieldViolationsOf(windows.status());
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].field, "series.recurrence.until");
  EXPECT_EQ(violations[1].field, "series.recurrence.count");
}

TEST(RecurrenceTest, IntervalBoundsAreInclusive) {
  for (int interval : {1, 52}) {
    EXPECT_TRUE(ExpandIgnoringHolidays(Rule(Frequency::kWeekly, interval, {}, std::nullopt, 2),
                                       MorningOf(2024, 6, 4), CenterTimeZone())
                    .ok())
        << interval;
  }
}

TEST(RecurrenceTest, AnEmptyFirstMeetingIsRefused) {
  const TimeWindow empty{Local(2024, 6, 3, 9, 0), Local(2024, 6, 3, 9, 0)};
  const absl::StatusOr<std::vector<TimeWindow>> windows = ExpandIgnoringHolidays(
      Rule(Frequency::kDaily, 1, {}, std::nullopt, 2), empty, CenterTimeZone());
  ASSERT_FALSE(windows.ok());
  EXPECT_EQ(FieldOf(windows.status()), "meeting.end_time");
}

// Series and the working-day calendar (法定节假日与调休), across 2026's National Day:
// Thursday 1 to Wednesday 7 October off, Sunday 20 September and Saturday 10 October
// worked, and 中秋节 on Friday 25 September.

SeriesDates ExpandWithCalendarOrDie(const RecurrenceRule& rule, TimeWindow first) {
  absl::StatusOr<SeriesDates> dates =
      ExpandRecurrence(rule, first, CenterTimeZone(), Calendar2026());
  EXPECT_TRUE(dates.ok()) << dates.status();
  return dates.ok() ? *dates : SeriesDates{};
}

std::vector<CivilDay> SkippedOf(const SeriesDates& dates) {
  std::vector<CivilDay> days;
  for (const SkippedDay& skipped : dates.skipped) days.push_back(skipped.date);
  return days;
}

RecurrenceRule Workdays(std::optional<CivilDay> until, std::optional<int> count) {
  return Rule(Frequency::kWorkdays, 1, {}, until, count);
}

TEST(RecurrenceCalendarTest, WorkdaysAcrossNationalDaySkipItAndMeetOnTheMakeUpSaturday) {
  const SeriesDates dates = ExpandWithCalendarOrDie(Workdays(CivilDay(2026, 10, 16), std::nullopt),
                                                    MorningOf(2026, 9, 28));
  EXPECT_EQ(dates.windows,
            Mornings({CivilDay(2026, 9, 28), CivilDay(2026, 9, 29), CivilDay(2026, 9, 30),
                      CivilDay(2026, 10, 8), CivilDay(2026, 10, 9), CivilDay(2026, 10, 10),
                      CivilDay(2026, 10, 12), CivilDay(2026, 10, 13), CivilDay(2026, 10, 14),
                      CivilDay(2026, 10, 15), CivilDay(2026, 10, 16)}));
  // The holidays that would have been working days; not their weekend.
  EXPECT_EQ(SkippedOf(dates), (std::vector<CivilDay>{CivilDay(2026, 10, 1), CivilDay(2026, 10, 2),
                                                     CivilDay(2026, 10, 5), CivilDay(2026, 10, 6),
                                                     CivilDay(2026, 10, 7)}));
  for (const SkippedDay& skipped : dates.skipped) EXPECT_EQ(skipped.holiday_name, "国庆节");
}

TEST(RecurrenceCalendarTest, WorkdaysCountOnlyMeetingsAndIncludeTheMakeUpSunday) {
  // From Friday 18 September: Sunday 20 is worked, Friday 25 is 中秋节.
  const SeriesDates dates =
      ExpandWithCalendarOrDie(Workdays(std::nullopt, 7), MorningOf(2026, 9, 18));
  EXPECT_EQ(dates.windows,
            Mornings({CivilDay(2026, 9, 18), CivilDay(2026, 9, 20), CivilDay(2026, 9, 21),
                      CivilDay(2026, 9, 22), CivilDay(2026, 9, 23), CivilDay(2026, 9, 24),
                      CivilDay(2026, 9, 28)}));
  ASSERT_EQ(dates.skipped.size(), 1u);
  EXPECT_EQ(dates.skipped[0].date, CivilDay(2026, 9, 25));
  EXPECT_EQ(dates.skipped[0].holiday_name, "中秋节");
}

TEST(RecurrenceCalendarTest, WorkdaysStartOnTheNextWorkingDayWhenTheFirstIsOff) {
  const SeriesDates dates =
      ExpandWithCalendarOrDie(Workdays(std::nullopt, 2), MorningOf(2026, 10, 3));
  EXPECT_EQ(dates.windows, Mornings({CivilDay(2026, 10, 8), CivilDay(2026, 10, 9)}));
}

TEST(RecurrenceCalendarTest, WeeklySkipsTheHolidaysAndListsThem) {
  // Mondays and Thursdays from Monday 28 September: Thursday 1 and Monday 5 October are
  // National Day. Skipped days do not use up the count.
  const SeriesDates dates = ExpandWithCalendarOrDie(Weekly({Weekday::monday, Weekday::thursday}, 4),
                                                    MorningOf(2026, 9, 28));
  EXPECT_EQ(dates.windows, Mornings({CivilDay(2026, 9, 28), CivilDay(2026, 10, 8),
                                     CivilDay(2026, 10, 12), CivilDay(2026, 10, 15)}));
  EXPECT_EQ(SkippedOf(dates),
            (std::vector<CivilDay>{CivilDay(2026, 10, 1), CivilDay(2026, 10, 5)}));
  EXPECT_EQ(dates.skipped[0].holiday_name, "国庆节");
}

TEST(RecurrenceCalendarTest, WeeklyWithIncludeHolidaysMeetsOnThemToo) {
  RecurrenceRule rule = Weekly({Weekday::monday, Weekday::thursday}, 4);
  rule.include_holidays = true;
  const SeriesDates dates = ExpandWithCalendarOrDie(rule, MorningOf(2026, 9, 28));
  EXPECT_EQ(dates.windows, Mornings({CivilDay(2026, 9, 28), CivilDay(2026, 10, 1),
                                     CivilDay(2026, 10, 5), CivilDay(2026, 10, 8)}));
  EXPECT_TRUE(dates.skipped.empty());
}

TEST(RecurrenceCalendarTest, WeeklyOnSaturdaysSkipsTheHolidayNotTheMakeUpDay) {
  // Saturday 3 October is National Day; Saturday 10 October is a working Saturday, not a
  // holiday, so a Saturday meeting meets as on any Saturday.
  const SeriesDates dates =
      ExpandWithCalendarOrDie(Weekly({Weekday::saturday}, 3), MorningOf(2026, 9, 26));
  // Saturday 26 September is 中秋节 too.
  EXPECT_EQ(dates.windows,
            Mornings({CivilDay(2026, 10, 10), CivilDay(2026, 10, 17), CivilDay(2026, 10, 24)}));
  EXPECT_EQ(SkippedOf(dates),
            (std::vector<CivilDay>{CivilDay(2026, 9, 26), CivilDay(2026, 10, 3)}));
}

TEST(RecurrenceCalendarTest, DailyAndMonthlyDoNotConsultTheCalendar) {
  const SeriesDates daily = ExpandWithCalendarOrDie(Rule(Frequency::kDaily, 1, {}, std::nullopt, 3),
                                                    MorningOf(2026, 9, 30));
  EXPECT_EQ(daily.windows,
            Mornings({CivilDay(2026, 9, 30), CivilDay(2026, 10, 1), CivilDay(2026, 10, 2)}));
  // Into 2027, which has no file: nothing to judge, nothing refused.
  const SeriesDates monthly = ExpandWithCalendarOrDie(
      Rule(Frequency::kMonthly, 1, {}, std::nullopt, 3), MorningOf(2026, 12, 1));
  EXPECT_EQ(monthly.windows.size(), 3u);
}

TEST(RecurrenceCalendarTest, ASeriesReachingAYearWithoutAFileIsRefusedNamingIt) {
  // Weekly on Mondays from 21 December 2026: the third is 4 January 2027.
  for (const RecurrenceRule& rule : {Weekly({Weekday::monday}, 3), Workdays(std::nullopt, 10),
                                     Workdays(CivilDay(2027, 1, 8), std::nullopt)}) {
    const absl::StatusOr<SeriesDates> dates =
        ExpandRecurrence(rule, MorningOf(2026, 12, 21), CenterTimeZone(), Calendar2026());
    ASSERT_FALSE(dates.ok());
    EXPECT_EQ(dates.status().code(), absl::StatusCode::kFailedPrecondition) << dates.status();
    EXPECT_EQ(ReasonOf(dates.status()), "WORKING_CALENDAR_YEAR_MISSING");
    EXPECT_EQ(MetadataOf(dates.status())["year"], "2027");
  }
  // Ending on 31 December, it never reaches 2027.
  EXPECT_EQ(ExpandWithCalendarOrDie(Workdays(CivilDay(2026, 12, 31), std::nullopt),
                                    MorningOf(2026, 12, 21))
                .windows.size(),
            9u);
  // Told to include holidays, a weekly series needs no calendar.
  RecurrenceRule rule = Weekly({Weekday::monday}, 3);
  rule.include_holidays = true;
  EXPECT_EQ(ExpandWithCalendarOrDie(rule, MorningOf(2026, 12, 21)).windows.size(), 3u);
}

TEST(RecurrenceCalendarTest, WorkdaysRefuseAnIntervalAndIncludeHolidaysNamingTheField) {
  RecurrenceRule rule = Rule(Frequency::kWorkdays, 2, {}, std::nullopt, 3);
  EXPECT_EQ(FieldOf(ExpandRecurrence(rule, MorningOf(2026, 9, 28), CenterTimeZone(), Calendar2026())
                        .status()),
            "series.recurrence.interval");
  rule.interval = 1;
  rule.include_holidays = true;
  EXPECT_EQ(FieldOf(ExpandRecurrence(rule, MorningOf(2026, 9, 28), CenterTimeZone(), Calendar2026())
                        .status()),
            "series.recurrence.include_holidays");
  rule.include_holidays = false;
  rule.weekdays = {Weekday::monday};
  EXPECT_EQ(FieldOf(ExpandRecurrence(rule, MorningOf(2026, 9, 28), CenterTimeZone(), Calendar2026())
                        .status()),
            "series.recurrence.weekdays");
}

}  // namespace
}  // namespace huiwu::booking
