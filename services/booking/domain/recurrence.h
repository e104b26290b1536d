// Recurring meetings (例会: a weekly office meeting, a monthly training): a rule turns the
// first meeting into the series of meetings to book.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_RECURRENCE_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_RECURRENCE_H_

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/booking/domain/time_window.h"

namespace huiwu::booking {

enum class Frequency { kDaily, kWeekly, kMonthly };

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
//   Monthly: on the first meeting's day of the month, every `interval` months. A month
//            that has no such day (the 31st in April, the 30th in February) is SKIPPED,
//            not moved to its last day: moving would put the meeting on a day the
//            organizer did not choose (and RFC 5545 skips too). A skipped month does not
//            use up `count`.
// INVALID_ARGUMENT naming the field: an empty `first` (meeting.end_time); interval out
// of 1..52 (series.recurrence.interval); weekdays with a frequency other than weekly
// (series.recurrence.weekdays); neither or both of until and count
// (series.recurrence.until and series.recurrence.count); count below 1 or above
// `max_occurrences` (series.recurrence.count); until before the first meeting's local
// day, or no meeting on or before until (series.recurrence.until); more than
// `max_occurrences` meetings up to until (series.recurrence).
// Each meeting must still pass SchedulingPolicy::CheckWindow (how far ahead) and the
// room's availability; this only expands the rule.
absl::StatusOr<std::vector<TimeWindow>> ExpandRecurrence(const RecurrenceRule& rule,
                                                         TimeWindow first, absl::TimeZone zone,
                                                         int max_occurrences = 366);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_RECURRENCE_H_
