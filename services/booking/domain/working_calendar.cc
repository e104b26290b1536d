#include "services/booking/domain/working_calendar.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/status/errors.h"

namespace huiwu::booking {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 9999;

absl::Status InvalidCalendar(int year, absl::string_view problem) {
  return ErrorWithReason(absl::StatusCode::kInvalidArgument, "INVALID_HOLIDAY_CALENDAR",
                         absl::StrCat("the holiday calendar of ", year, ": ", problem),
                         {{"year", absl::StrCat(year)}});
}

bool IsWeekend(absl::CivilDay day) {
  const absl::Weekday weekday = absl::GetWeekday(day);
  return weekday == absl::Weekday::saturday || weekday == absl::Weekday::sunday;
}

}  // namespace

absl::Status MissingYearError(absl::CivilDay day) {
  return ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "WORKING_CALENDAR_YEAR_MISSING",
      absl::StrCat("the working-day calendar has no file for ", day.year(), " (needed for ",
                   absl::FormatCivilTime(day), "): the State Council's holiday arrangement for ",
                   day.year(), " is not loaded; an admin adds ", day.year(),
                   ".json to the holidays folder (see README, Working days), or book days "
                   "before ",
                   day.year()),
      {{"year", absl::StrCat(day.year())}, {"date", absl::FormatCivilTime(day)}});
}

absl::Status WorkingCalendar::AddYear(int year, const std::vector<ListedDay>& days) {
  if (year < kMinYear || year > kMaxYear) {
    return InvalidCalendar(year,
                           absl::StrCat("the year must be between ", kMinYear, " and ", kMaxYear));
  }
  if (Covers(year)) return InvalidCalendar(year, "the year is given twice");
  std::map<absl::CivilDay, ListedDay> listed;
  for (const ListedDay& day : days) {
    if (day.date.year() != year) {
      return InvalidCalendar(year,
                             absl::StrCat(absl::FormatCivilTime(day.date), " is not in ", year));
    }
    if (day.name.empty()) {
      return InvalidCalendar(year, absl::StrCat(absl::FormatCivilTime(day.date), " has no name"));
    }
    if (!listed.emplace(day.date, day).second) {
      return InvalidCalendar(year,
                             absl::StrCat(absl::FormatCivilTime(day.date), " is listed twice"));
    }
  }
  years_.emplace(year, std::move(listed));
  return absl::OkStatus();
}

std::vector<absl::civil_year_t> WorkingCalendar::Years() const {
  std::vector<absl::civil_year_t> years;
  for (const auto& [year, days] : years_) years.push_back(year);
  return years;
}

std::vector<absl::civil_year_t> WorkingCalendar::MissingOf(
    const std::vector<absl::civil_year_t>& years) const {
  std::vector<absl::civil_year_t> missing;
  for (absl::civil_year_t year : years) {
    if (!Covers(year)) missing.push_back(year);
  }
  return missing;
}

absl::StatusOr<CalendarDay> WorkingCalendar::Describe(absl::CivilDay day) const {
  const auto year = years_.find(day.year());
  if (year == years_.end()) return MissingYearError(day);
  CalendarDay described{day, IsWeekend(day) ? DayKind::kWeekend : DayKind::kWorkday, ""};
  const auto listed = year->second.find(day);
  if (listed != year->second.end()) {
    // A listed working day on a weekday (a notice that says so) stays an ordinary one.
    described.kind = listed->second.off_day ? DayKind::kHoliday
                     : IsWeekend(day)       ? DayKind::kMakeUpWorkday
                                            : DayKind::kWorkday;
    described.holiday_name = listed->second.name;
  }
  return described;
}

absl::StatusOr<bool> WorkingCalendar::IsWorkingDay(absl::CivilDay day) const {
  absl::StatusOr<CalendarDay> described = Describe(day);
  if (!described.ok()) return described.status();
  return described->working();
}

}  // namespace huiwu::booking
