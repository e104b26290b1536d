// Office hours (办公时间) and notice counted in them across nights, weekends, public
// holidays and make-up working days (调休上班日).
#include "services/booking/domain/office_hours.h"

#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/status/errors.h"
#include "common/time/center_zone.h"
#include "gtest/gtest.h"
#include "tests/booking/domain/holidays_2026.h"

namespace huiwu::booking {
namespace {

absl::Time At(int month, int day, int hour, int minute = 0, int year = 2026) {
  return absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute), CenterTimeZone());
}

const absl::Duration kOfficeDay = absl::Minutes(7 * 60 + 30);

TEST(OfficeHoursTest, TheCentersDayIsTwoPeriodsAroundLunch) {
  const OfficeHours hours;
  ASSERT_EQ(hours.periods().size(), 2u);
  EXPECT_EQ(hours.PerDay(), kOfficeDay);
  EXPECT_EQ(hours.Describe(), "08:30–12:00 and 13:30–17:30");
  const absl::StatusOr<OfficeHours> parsed = OfficeHours::Parse("08:30-12:00, 13:30-17:30");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->periods(), hours.periods());
}

TEST(OfficeHoursTest, ParsesOtherDays) {
  const absl::StatusOr<OfficeHours> one = OfficeHours::Parse("09:00-17:00");
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_EQ(one->PerDay(), absl::Hours(8));
  EXPECT_EQ(one->Describe(), "09:00–17:00");
  const absl::StatusOr<OfficeHours> three =
      OfficeHours::Parse("00:00-08:00,09:00-12:00,18:00-24:00");
  ASSERT_TRUE(three.ok()) << three.status();
  EXPECT_EQ(three->PerDay(), absl::Hours(17));
  EXPECT_EQ(three->Describe(), "00:00–08:00, 09:00–12:00 and 18:00–24:00");
}

TEST(OfficeHoursTest, RefusesWhatIsNotADayNamingTheEntry) {
  for (const char* bad : {"9:00-17:00", "08:30-08:00", "08:30-08:30", "08:00-12:00,11:00-13:00",
                          "13:30-17:30,08:30-12:00", "08:60-09:00", "24:30-25:00", "08:30",
                          "08:30-12:00-13:00", "eight-noon"}) {
    const absl::StatusOr<OfficeHours> parsed = OfficeHours::Parse(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    const std::string message(parsed.status().message());
    EXPECT_NE(message.find("write periods like 08:30-12:00,13:30-17:30"), std::string::npos)
        << message;
    const std::string entry(bad);
    if (entry.find(',') == std::string::npos) {
      EXPECT_NE(message.find("\"" + entry + "\""), std::string::npos) << message;
    }
  }
  for (const char* empty : {"", " , "}) {
    const absl::StatusOr<OfficeHours> parsed = OfficeHours::Parse(empty);
    ASSERT_FALSE(parsed.ok()) << "[" << empty << "]";
    EXPECT_NE(parsed.status().message().find("empty"), std::string::npos) << parsed.status();
  }
}

struct NoticeCase {
  std::string what;
  absl::Time now;
  absl::Duration notice;
  absl::Time end;
};

void PrintTo(const NoticeCase& c, std::ostream* out) { *out << c.what; }

class EndOfOfficeNoticeTest : public testing::TestWithParam<NoticeCase> {};

TEST_P(EndOfOfficeNoticeTest, CountsOnlyOfficeHoursOfWorkingDays) {
  const absl::StatusOr<absl::Time> end =
      EndOfOfficeNotice(Calendar2026(), OfficeHours(), GetParam().now, GetParam().notice);
  ASSERT_TRUE(end.ok()) << end.status();
  EXPECT_EQ(*end, GetParam().end) << absl::FormatTime(*end, CenterTimeZone());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, EndOfOfficeNoticeTest,
    testing::Values(
        NoticeCase{"no notice: now", At(12, 5, 23, 0), absl::ZeroDuration(), At(12, 5, 23, 0)},
        // Tuesday before the office opens: the whole day counts.
        NoticeCase{"before opening", At(12, 1, 7, 0), kOfficeDay, At(12, 1, 17, 30)},
        NoticeCase{"at opening, one hour", At(12, 1, 8, 30), absl::Hours(1), At(12, 1, 9, 30)},
        // Lunch does not count: 11:00 + 1h30m of office time is 14:00.
        NoticeCase{"across lunch", At(12, 1, 11, 0), absl::Minutes(90), At(12, 1, 14, 0)},
        NoticeCase{"from lunch", At(12, 1, 12, 10), absl::Hours(1), At(12, 1, 14, 30)},
        // Exactly to the end of a period ends there, not at the next opening.
        NoticeCase{"to noon exactly", At(12, 1, 9, 0), absl::Hours(3), At(12, 1, 12, 0)},
        NoticeCase{"Tuesday 09:00, an office day", At(12, 1, 9, 0), kOfficeDay, At(12, 2, 9, 0)},
        // Friday 17:00: half an hour on Friday, the weekend does not count.
        NoticeCase{"Friday evening", At(12, 4, 17, 0), kOfficeDay, At(12, 7, 17, 0)},
        NoticeCase{"Saturday", At(12, 5, 10, 0), kOfficeDay, At(12, 7, 17, 30)},
        // National Day 2026: 1–7 October off, 8 October worked.
        NoticeCase{"into National Day", At(9, 30, 16, 0), kOfficeDay, At(10, 8, 16, 0)},
        // …and Saturday 10 October is a make-up working day (调休上班日).
        NoticeCase{"the make-up Saturday", At(10, 9, 17, 0), kOfficeDay, At(10, 10, 17, 0)},
        // Sunday 20 September too, while 中秋节 (25–27 September) is off.
        NoticeCase{"the make-up Sunday", At(9, 19, 12, 0), absl::Hours(1), At(9, 20, 9, 30)},
        NoticeCase{"over 中秋节", At(9, 24, 17, 0), absl::Hours(1), At(9, 28, 9, 0)},
        NoticeCase{"two office days", At(12, 1, 9, 0), 2 * kOfficeDay, At(12, 3, 9, 0)}));

TEST(EndOfOfficeNoticeYearTest, AYearWithoutAFileIsNotGuessed) {
  // The last office hours of 2026 give 2h30m; the rest would fall in 2027, which has no
  // file in this calendar.
  absl::Time calendar_ends;
  const absl::StatusOr<absl::Time> end = EndOfOfficeNotice(
      Calendar2026(), OfficeHours(), At(12, 31, 15, 0), kOfficeDay, &calendar_ends);
  ASSERT_FALSE(end.ok());
  EXPECT_EQ(end.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(end.status()), "WORKING_CALENDAR_YEAR_MISSING");
  EXPECT_EQ(MetadataOf(end.status())["year"], "2027");
  EXPECT_EQ(calendar_ends, At(1, 1, 0, 0, 2027));
  // A notice that fits into 2026 does not need 2027.
  EXPECT_EQ(EndOfOfficeNotice(Calendar2026(), OfficeHours(), At(12, 31, 15, 0), absl::Hours(2))
                .value_or(absl::InfinitePast()),
            At(12, 31, 17, 0));
}

}  // namespace
}  // namespace huiwu::booking
