#include "services/booking/domain/working_calendar.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "common/status/errors.h"
#include "gtest/gtest.h"
#include "tests/booking/domain/holidays_2026.h"

namespace huiwu::booking {
namespace {

using absl::CivilDay;

struct DayCase {
  CivilDay day;
  DayKind kind;
  std::string holiday_name;
};

void PrintTo(const DayCase& c, std::ostream* out) { *out << c.day; }

class WorkingCalendar2026Test : public testing::TestWithParam<DayCase> {};

TEST_P(WorkingCalendar2026Test, KnowsTheDay) {
  const WorkingCalendar calendar = Calendar2026();
  const absl::StatusOr<CalendarDay> day = calendar.Describe(GetParam().day);
  ASSERT_TRUE(day.ok()) << day.status();
  EXPECT_EQ(day->date, GetParam().day);
  EXPECT_EQ(day->kind, GetParam().kind);
  EXPECT_EQ(day->holiday_name, GetParam().holiday_name);
  const bool working =
      GetParam().kind == DayKind::kWorkday || GetParam().kind == DayKind::kMakeUpWorkday;
  EXPECT_EQ(day->working(), working);
  EXPECT_EQ(calendar.IsWorkingDay(GetParam().day).value_or(!working), working);
}

INSTANTIATE_TEST_SUITE_P(
    Days, WorkingCalendar2026Test,
    testing::Values(
        // National Day 2026: Thursday 1 to Wednesday 7 October off (8 October is not).
        DayCase{CivilDay(2026, 9, 30), DayKind::kWorkday, ""},
        DayCase{CivilDay(2026, 10, 1), DayKind::kHoliday, "国庆节"},
        DayCase{CivilDay(2026, 10, 2), DayKind::kHoliday, "国庆节"},
        DayCase{CivilDay(2026, 10, 3), DayKind::kHoliday, "国庆节"},
        DayCase{CivilDay(2026, 10, 4), DayKind::kHoliday, "国庆节"},
        DayCase{CivilDay(2026, 10, 5), DayKind::kHoliday, "国庆节"},
        DayCase{CivilDay(2026, 10, 6), DayKind::kHoliday, "国庆节"},
        DayCase{CivilDay(2026, 10, 7), DayKind::kHoliday, "国庆节"},
        DayCase{CivilDay(2026, 10, 8), DayKind::kWorkday, ""},
        DayCase{CivilDay(2026, 10, 9), DayKind::kWorkday, ""},
        // Its make-up working days: Saturday 10 October and Sunday 20 September.
        DayCase{CivilDay(2026, 10, 10), DayKind::kMakeUpWorkday, "国庆节"},
        DayCase{CivilDay(2026, 10, 11), DayKind::kWeekend, ""},
        DayCase{CivilDay(2026, 9, 20), DayKind::kMakeUpWorkday, "国庆节"},
        // 中秋节 on a Friday; an ordinary weekend; an ordinary Monday.
        DayCase{CivilDay(2026, 9, 25), DayKind::kHoliday, "中秋节"},
        DayCase{CivilDay(2026, 11, 14), DayKind::kWeekend, ""},
        DayCase{CivilDay(2026, 11, 15), DayKind::kWeekend, ""},
        DayCase{CivilDay(2026, 11, 16), DayKind::kWorkday, ""},
        // New Year's Sunday 4 January is worked; the Spring Festival's Monday 23 February
        // is not.
        DayCase{CivilDay(2026, 1, 4), DayKind::kMakeUpWorkday, "元旦"},
        DayCase{CivilDay(2026, 2, 23), DayKind::kHoliday, "春节"},
        DayCase{CivilDay(2026, 2, 28), DayKind::kMakeUpWorkday, "春节"},
        DayCase{CivilDay(2026, 12, 31), DayKind::kWorkday, ""}));

TEST(WorkingCalendarTest, ADayOfAYearWithoutAFileIsUnknownNamingTheYear) {
  const WorkingCalendar calendar = Calendar2026();
  for (const CivilDay day : {CivilDay(2027, 1, 1), CivilDay(2027, 6, 16), CivilDay(2025, 12, 31)}) {
    const absl::StatusOr<CalendarDay> described = calendar.Describe(day);
    ASSERT_FALSE(described.ok()) << day;
    EXPECT_EQ(described.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(ReasonOf(described.status()), "WORKING_CALENDAR_YEAR_MISSING");
    EXPECT_EQ(MetadataOf(described.status())["year"], std::to_string(day.year()));
    EXPECT_NE(described.status().message().find(std::to_string(day.year())), std::string::npos);
    // Not guessed from the weekday either.
    EXPECT_FALSE(calendar.IsWorkingDay(day).ok()) << day;
  }
}

TEST(WorkingCalendarTest, SaysWhichYearsItCoversAndWhichAreMissing) {
  WorkingCalendar calendar;
  EXPECT_TRUE(calendar.Years().empty());
  ASSERT_TRUE(calendar.AddYear(2026, Listed2026()).ok());
  ASSERT_TRUE(calendar.AddYear(2025, {}).ok());  // a year with no holiday is still known
  EXPECT_EQ(calendar.Years(), (std::vector<absl::civil_year_t>{2025, 2026}));
  EXPECT_TRUE(calendar.Covers(2026));
  EXPECT_FALSE(calendar.Covers(2027));
  EXPECT_EQ(calendar.MissingOf({2026, 2027, 2028}), (std::vector<absl::civil_year_t>{2027, 2028}));
  EXPECT_EQ(calendar.IsWorkingDay(CivilDay(2025, 10, 1)).value_or(false), true);
}

TEST(WorkingCalendarTest, ABadYearIsRefusedWholeAndAddsNothing) {
  struct Case {
    std::string name;
    int year;
    std::vector<ListedDay> days;
  };
  const std::vector<Case> cases = {
      {"DayOfAnotherYear", 2026, {{CivilDay(2027, 1, 1), "元旦", true}}},
      {"ListedTwice",
       2026,
       {{CivilDay(2026, 10, 1), "国庆节", true}, {CivilDay(2026, 10, 1), "国庆节", false}}},
      {"NoName", 2026, {{CivilDay(2026, 10, 1), "", true}}},
      {"YearOutOfRange", 20260, {}},
  };
  for (const Case& c : cases) {
    WorkingCalendar calendar;
    const absl::Status status = calendar.AddYear(c.year, c.days);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_EQ(ReasonOf(status), "INVALID_HOLIDAY_CALENDAR") << c.name;
    EXPECT_TRUE(calendar.Years().empty()) << c.name;
  }
  WorkingCalendar calendar = Calendar2026();
  EXPECT_EQ(calendar.AddYear(2026, {}).code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace huiwu::booking
