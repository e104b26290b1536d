// The holiday calendar's files: the repository's own say what the State Council's notices
// say, and a bad file is refused naming the file and the entry.
#include "services/booking/holiday_files.h"

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/status/errors.h"
#include "common/time/center_zone.h"
#include "gtest/gtest.h"
#include "tests/support/test_env.h"

namespace huiwu::booking {
namespace {

using absl::CivilDay;

std::string RepositoryFolder() { return testing::SourceDir() + "/services/booking/holidays"; }

int Count(const WorkingCalendar& calendar, absl::civil_year_t year, DayKind kind) {
  int count = 0;
  for (CivilDay day(year, 1, 1); day.year() == year; ++day) {
    if (calendar.Describe(day).value().kind == kind) ++count;
  }
  return count;
}

TEST(WorkingCalendarFilesTest, TheRepositorysFilesSayWhatTheNoticesSay) {
  const absl::StatusOr<WorkingCalendar> calendar = LoadHolidayFiles(RepositoryFolder());
  ASSERT_TRUE(calendar.ok()) << calendar.status();
  EXPECT_EQ(calendar->Years(), (std::vector<absl::civil_year_t>{2025, 2026}));
  EXPECT_FALSE(calendar->Covers(2027)) << "2027's arrangement was not published when written";

  // 2026 National Day: Thursday 1 to Wednesday 7 October off, 8 October worked, and the
  // make-up days Sunday 20 September and Saturday 10 October.
  for (CivilDay day(2026, 10, 1); day <= CivilDay(2026, 10, 7); ++day) {
    const CalendarDay described = calendar->Describe(day).value();
    EXPECT_EQ(described.kind, DayKind::kHoliday) << day;
    EXPECT_EQ(described.holiday_name, "国庆节") << day;
  }
  EXPECT_EQ(calendar->Describe(CivilDay(2026, 10, 8)).value().kind, DayKind::kWorkday);
  EXPECT_EQ(calendar->Describe(CivilDay(2026, 10, 10)).value().kind, DayKind::kMakeUpWorkday);
  EXPECT_EQ(calendar->Describe(CivilDay(2026, 9, 20)).value().kind, DayKind::kMakeUpWorkday);
  EXPECT_EQ(calendar->Describe(CivilDay(2026, 2, 15)).value().holiday_name, "春节");
  // 2025: National Day and Mid-Autumn together, 1 to 8 October; 11 October worked.
  EXPECT_EQ(calendar->Describe(CivilDay(2025, 10, 8)).value().holiday_name, "国庆节、中秋节");
  EXPECT_EQ(calendar->Describe(CivilDay(2025, 10, 11)).value().kind, DayKind::kMakeUpWorkday);

  // Days off per notice: 2025 1+8+3+5+3+8, 2026 3+9+3+5+3+3+7; make-up days 5 and 6.
  EXPECT_EQ(Count(*calendar, 2025, DayKind::kHoliday), 28);
  EXPECT_EQ(Count(*calendar, 2025, DayKind::kMakeUpWorkday), 5);
  EXPECT_EQ(Count(*calendar, 2026, DayKind::kHoliday), 33);
  EXPECT_EQ(Count(*calendar, 2026, DayKind::kMakeUpWorkday), 6);
}

TEST(WorkingCalendarFilesTest, ABadFileIsRefusedNamingTheFileAndTheEntry) {
  struct Case {
    std::string what;
    std::string json;
    std::string named;  // what the message must name besides the file
  };
  const std::vector<Case> cases = {
      {"not JSON", "{\"year\": 2026, \"days\": [", "JSON"},
      {"another year", R"({"year": 2025, "days": []})", "\"year\""},
      {"no days", R"({"year": 2026})", "\"days\""},
      {"entry not an object", R"({"year": 2026, "days": [1]})", "days[0]"},
      {"no date", R"({"year": 2026, "days": [{"name": "国庆节", "isOffDay": true}]})",
       "days[0].date"},
      {"bad date",
       R"({"year": 2026, "days": [{"name": "国庆节", "date": "2026-13-01", "isOffDay": true}]})",
       "days[0].date"},
      {"isOffDay not a bool",
       R"({"year": 2026, "days": [{"name": "国庆节", "date": "2026-10-01", "isOffDay": "yes"}]})",
       "days[0].isOffDay"},
      {"day of another year",
       R"({"year": 2026, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]})",
       "2027-01-01"},
      {"listed twice",
       R"({"year": 2026, "days": [{"name": "国庆节", "date": "2026-10-01", "isOffDay": true},
                                  {"name": "国庆节", "date": "2026-10-01", "isOffDay": true}]})",
       "twice"},
  };
  for (const Case& c : cases) {
    const absl::StatusOr<WorkingCalendar> parsed =
        ParseHolidayFile("2026.json", c.json, 2026, WorkingCalendar());
    ASSERT_FALSE(parsed.ok()) << c.what;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << c.what;
    EXPECT_EQ(ReasonOf(parsed.status()), "INVALID_HOLIDAY_CALENDAR") << c.what;
    EXPECT_NE(parsed.status().message().find("2026.json"), std::string::npos) << parsed.status();
    EXPECT_NE(parsed.status().message().find(c.named), std::string::npos)
        << c.what << ": " << parsed.status();
  }
}

TEST(WorkingCalendarFilesTest, AFolderThatCannotBeReadIsNamed) {
  const std::string folder = testing::SourceDir() + "/no-such-holidays-folder";
  const absl::StatusOr<WorkingCalendar> calendar = LoadHolidayFiles(folder);
  ASSERT_FALSE(calendar.ok());
  EXPECT_NE(calendar.status().message().find(folder), std::string::npos) << calendar.status();
}

absl::Time Shanghai(int year, int month, int day) {
  return absl::FromCivil(CivilDay(year, month, day), CenterTimeZone());
}

TEST(WorkingCalendarFilesTest, HealthWantsThisYearAndFromDecemberTheNext) {
  const WorkingCalendar calendar = LoadHolidayFiles(RepositoryFolder()).value();
  // November 2026: 2027's notice may still come; nothing wrong yet.
  EXPECT_TRUE(CheckCalendarCoversNearYears(calendar, Shanghai(2026, 11, 30)).ok());
  // From 1 December (in Beijing) 2027 is due.
  const absl::Status december = CheckCalendarCoversNearYears(calendar, Shanghai(2026, 12, 1));
  EXPECT_EQ(december.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(december), "WORKING_CALENDAR_YEAR_MISSING");
  EXPECT_EQ(MetadataOf(december)["year"], "2027");
  EXPECT_NE(december.message().find("2027"), std::string::npos);
  // In 2027 itself, at any time of year.
  EXPECT_EQ(MetadataOf(CheckCalendarCoversNearYears(calendar, Shanghai(2027, 3, 1)))["year"],
            "2027");
  // 30 November 16:00 UTC is already 1 December in Beijing.
  EXPECT_FALSE(
      CheckCalendarCoversNearYears(
          calendar, absl::FromCivil(absl::CivilSecond(2026, 11, 30, 16, 0, 0), absl::UTCTimeZone()))
          .ok());
}

}  // namespace
}  // namespace huiwu::booking
