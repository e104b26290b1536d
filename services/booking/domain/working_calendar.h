// The center's working days (法定节假日与调休): Monday to Friday, except the days off of
// China's public holidays, plus the make-up working days (调休上班日) — Saturdays and
// Sundays worked in exchange for a longer holiday. The State Council publishes each
// year's arrangement late in the year before, so the calendar knows only the years it was
// given (one file per year, services/booking/holidays/); a day of any other year is
// unknown, and is reported as such, never guessed from the weekday.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_WORKING_CALENDAR_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_WORKING_CALENDAR_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace huiwu::booking {

// What kind of day a day is, and so whether the center works.
enum class DayKind {
  kWorkday,        // Monday to Friday, not a holiday
  kWeekend,        // Saturday or Sunday, not a make-up working day
  kHoliday,        // a day off of a public holiday (listed off)
  kMakeUpWorkday,  // 调休上班日: a Saturday or Sunday listed as worked
};

// One day of a year's arrangement, as the State Council's notice lists it.
struct ListedDay {
  absl::CivilDay date;
  std::string name;  // the holiday's name, e.g. "国庆节"; a make-up day carries its holiday's
  bool off_day = true;
};

struct CalendarDay {
  absl::CivilDay date;
  DayKind kind = DayKind::kWorkday;
  // The holiday's name for kHoliday and kMakeUpWorkday; empty otherwise.
  std::string holiday_name;

  bool working() const { return kind == DayKind::kWorkday || kind == DayKind::kMakeUpWorkday; }
};

class WorkingCalendar final {
 public:
  // Covers no year.
  WorkingCalendar() = default;

  // Adds `year`'s arrangement. INVALID_ARGUMENT (reason INVALID_HOLIDAY_CALENDAR) when
  // the year is already covered or out of 1900..9999, a day is outside `year` or listed
  // twice, or a name is empty. Nothing is added then.
  absl::Status AddYear(int year, const std::vector<ListedDay>& days);

  bool Covers(absl::civil_year_t year) const { return years_.count(year) > 0; }
  // The years covered, in increasing order.
  std::vector<absl::civil_year_t> Years() const;
  // Those of `years` that are not covered, in the order given.
  std::vector<absl::civil_year_t> MissingOf(const std::vector<absl::civil_year_t>& years) const;

  // The day's kind and holiday. FAILED_PRECONDITION, reason WORKING_CALENDAR_YEAR_MISSING,
  // metadata {year, date}, when its year is not covered: the message names the year and
  // says to add its file.
  absl::StatusOr<CalendarDay> Describe(absl::CivilDay day) const;
  // Whether the center works on `day`; the same error as Describe.
  absl::StatusOr<bool> IsWorkingDay(absl::CivilDay day) const;

 private:
  // Per covered year, its listed days.
  std::map<absl::civil_year_t, std::map<absl::CivilDay, ListedDay>> years_;
};

// The error Describe returns for a day of an uncovered year (for callers that find a
// missing year without asking about a day).
absl::Status MissingYearError(absl::CivilDay day);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_WORKING_CALENDAR_H_
