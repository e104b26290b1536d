// Recurring meetings (例会: a weekly office meeting, a monthly training): a rule turns the
// first meeting into the series of meetings to book.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_RECURRENCE_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_RECURRENCE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/booking/domain/time_window.h"
#include "services/booking/domain/working_calendar.h"

namespace huiwu::booking {

// kWorkdays: every working day of the center (working_calendar.h).
enum class Frequency { kDaily, kWeekly, kMonthly, kWorkdays };

struct RecurrenceRule {
  Frequency frequency = Frequency::kWeekly;
  // Every `interval` days, weeks or months; 1..52.
  int interval = 1;
  // Weekly only: the days of the week it meets on. Empty: the weekday of the first
  // meeting.
  std::vector<absl::Weekday> weekdays;
  // Exactly one of `until` and `count`. `until` is the last local day (inclusive) on
  // which a meeting may start; `count` is the number of meetings.
  std::optional<absl::CivilDay> until;
  std::optional<int> count;
  // Weekly only: also meet on the chosen weekdays that are public holidays (法定节假日).
  // By default a weekly series skips them: the weekly office meeting does not meet on
  // National Day.
  bool include_holidays = false;
};

// A day the rule fell on that the series leaves out because it is a public holiday.
struct SkippedDay {
  absl::CivilDay date;
  std::string holiday_name;  // e.g. "国庆节"
};

struct SeriesDates {
  std::vector<TimeWindow> windows;  // the meetings, in order
  std::vector<SkippedDay> skipped;  // in order
};

// The meetings of the series that begins with `first`, in order.
//
// Every meeting starts at the same LOCAL wall time in `zone` as `first` (09:00 stays
// 09:00; computed on civil time, not by adding 24h) and lasts as long as `first`.
//   Daily:   every `interval` days from the first meeting's day.
//   Weekly:  on the chosen weekdays of every `interval`-th week, weeks starting on
//            Monday (the center's week) and counted from the first meeting's week.
//            `first` itself is the first meeting when its weekday is chosen; otherwise
//            the series starts on the next chosen weekday after it.
//            A chosen day that is a public holiday (a day off listed in `calendar`) is
//            skipped and listed in `skipped`, unless include_holidays; make-up working
//            days (调休上班日) are not added: a Monday meeting stays on Mondays.
//   Monthly: on the first meeting's day of the month, every `interval` months. A month
//            that has no such day (the 31st in April, the 30th in February) is SKIPPED,
//            not moved to its last day: moving would put the meeting on a day the
//            organizer did not choose (and RFC 5545 skips too). A skipped month does not
//            use up `count`.
//   Workdays: every working day of `calendar` from the first meeting's day (the next
//            working day when that one is not): weekends and holidays left out, make-up
//            Saturdays and Sundays included. The holidays that fall on a Monday to Friday
//            are listed in `skipped`.
// Daily and monthly series do not consult `calendar`; skipped days never use up `count`.
// A day the expansion must judge in a year `calendar` does not cover is
// FAILED_PRECONDITION, reason WORKING_CALENDAR_YEAR_MISSING, naming the year: never
// guessed. Only days up to the series' end are judged.
// INVALID_ARGUMENT naming the field: an empty `first` (meeting.end_time); interval out
// of 1..52 (series.recurrence.interval); weekdays with a frequency other than weekly
// (series.recurrence.weekdays); an interval other than 1, or include_holidays, with
// workdays (series.recurrence.interval, series.recurrence.include_holidays); neither or both of
// until and count (series.recurrence.until and series.recurrence.count); count below 1 or above
// `max_occurrences` (series.recurrence.count); until before the first meeting's local
// day, or no meeting on or before until (series.recurrence.until); more than
// `max_occurrences` meetings up to until (series.recurrence).
// Each meeting must still pass SchedulingPolicy::CheckWindow (how far ahead) and the
// room's availability; this only expands the rule.
absl::StatusOr<SeriesDates> ExpandRecurrence(const RecurrenceRule& rule, TimeWindow first,
                                             absl::TimeZone zone, const WorkingCalendar& calendar,
                                             int max_occurrences = 366);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_RECURRENCE_H_
