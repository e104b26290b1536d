// The holiday calendar's files (services/booking/holidays/<year>.json, holiday-cn's
// layout: {"year": 2026, "days": [{"name": "国庆节", "date": "2026-10-01",
// "isOffDay": true}, …]}), read once at start from --holidays_dir.
#ifndef HUIWU_SERVICES_BOOKING_HOLIDAY_FILES_H_
#define HUIWU_SERVICES_BOOKING_HOLIDAY_FILES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/booking/domain/working_calendar.h"

namespace huiwu::booking {

// The health service name under which booking reports whether its holiday calendar
// covers the current and the next year.
inline constexpr char kWorkingCalendarHealthName[] = "huiwu.booking.v1.WorkingCalendar";

// One year's file. INVALID_ARGUMENT naming `file_name` and the entry when it is not
// valid JSON in the layout above, or its year differs from `expected_year`.
absl::StatusOr<WorkingCalendar> ParseHolidayFile(absl::string_view file_name,
                                                 absl::string_view json, int expected_year,
                                                 WorkingCalendar calendar);

// Every <year>.json in `dir` (other files, e.g. its README, are ignored).
// INVALID_ARGUMENT naming the folder when it cannot be read, or the file and entry that
// is wrong. A folder without a file loads as a calendar that covers no year.
absl::StatusOr<WorkingCalendar> LoadHolidayFiles(const std::string& dir);

// The calendar from --holidays_dir, logged: the years it covers, and a warning for each
// of the current and next year (in the center's zone at `now`) that has no file.
absl::StatusOr<WorkingCalendar> CalendarFromFlags(absl::Time now);

// OK while the calendar covers the current year at `now` (Asia/Shanghai) and, from
// 1 December (the State Council publishes next year's arrangement in November or early
// December), the next year too; FAILED_PRECONDITION (reason
// WORKING_CALENDAR_YEAR_MISSING, metadata "year") naming the missing years. Before
// December a missing next year is expected, not a fault: only logged at start.
absl::Status CheckCalendarCoversNearYears(const WorkingCalendar& calendar, absl::Time now);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_HOLIDAY_FILES_H_
