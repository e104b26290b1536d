#include "services/booking/domain/recurrence.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "services/booking/domain/calendar.h"

namespace huiwu::booking {
namespace {

constexpr int kMinInterval = 1;
constexpr int kMaxInterval = 52;

absl::Status TooManyOccurrences(int max_occurrences) {
  return InvalidFieldError(
      "series.recurrence",
      absl::StrCat("the series has more than ", max_occurrences,
                   " meetings, the most one series may book; move until earlier, raise the "
                   "interval, or book the rest as a second series later"));
}

absl::Status Validate(const RecurrenceRule& rule, TimeWindow first, absl::CivilDay first_day,
                      int max_occurrences) {
  if (first.end <= first.start) {
    return InvalidFieldError("meeting.end_time",
                             "must be later than meeting.start_time; send an end time after "
                             "the start time");
  }
  if (rule.frequency != Frequency::kDaily && rule.frequency != Frequency::kWeekly &&
      rule.frequency != Frequency::kMonthly && rule.frequency != Frequency::kWorkdays) {
    return InvalidFieldError("series.recurrence.frequency",
                             "unknown frequency; use DAILY, WEEKLY, MONTHLY or WORKDAYS");
  }
  if (rule.interval < kMinInterval || rule.interval > kMaxInterval) {
    return InvalidFieldError(
        "series.recurrence.interval",
        absl::StrCat("must be between ", kMinInterval, " and ", kMaxInterval, ", got ",
                     rule.interval,
                     "; send how many days, weeks or months apart the meetings "
                     "are"));
  }
  if (rule.frequency == Frequency::kWorkdays && rule.interval != 1) {
    return InvalidFieldError("series.recurrence.interval",
                             absl::StrCat("must be 1 with frequency WORKDAYS (every working day), "
                                          "got ",
                                          rule.interval, "; clear interval, or use WEEKLY"));
  }
  if (rule.frequency == Frequency::kWorkdays && rule.include_holidays) {
    return InvalidFieldError("series.recurrence.include_holidays",
                             "a WORKDAYS series meets on working days only; clear "
                             "include_holidays, or use DAILY to meet every day");
  }
  if (!rule.weekdays.empty() && rule.frequency != Frequency::kWeekly) {
    return InvalidFieldError("series.recurrence.weekdays",
                             "weekdays are only allowed with frequency WEEKLY; clear weekdays "
                             "or set frequency WEEKLY");
  }
  if (rule.until.has_value() == rule.count.has_value()) {
    const std::string_view problem =
        rule.until.has_value() ? "set either until or count, not both; clear one of them"
                               : "set exactly one of until (the last day, inclusive) or count "
                                 "(the number of meetings)";
    return InvalidFieldsError({{"series.recurrence.until", std::string(problem)},
                               {"series.recurrence.count", std::string(problem)}});
  }
  if (rule.count.has_value() && (*rule.count < 1 || *rule.count > max_occurrences)) {
    return InvalidFieldError("series.recurrence.count",
                             absl::StrCat("must be between 1 and ", max_occurrences, ", got ",
                                          *rule.count, "; book a longer series as several series"));
  }
  if (rule.until.has_value() && *rule.until < first_day) {
    return InvalidFieldError(
        "series.recurrence.until",
        absl::StrCat("is ", absl::FormatCivilTime(*rule.until), ", before the first meeting's day ",
                     absl::FormatCivilTime(first_day),
                     "; send a day on or after the first meeting"));
  }
  return absl::OkStatus();
}

// Collects the meetings on the candidate days a frequency produces, in increasing order,
// and says when to stop.
class SeriesBuilder final {
 public:
  SeriesBuilder(const RecurrenceRule& rule, TimeWindow first, absl::TimeZone zone,
                const WorkingCalendar& calendar, int max_occurrences)
      : rule_(rule),
        zone_(zone),
        calendar_(calendar),
        max_occurrences_(max_occurrences),
        time_of_day_(absl::ToCivilSecond(first.start, zone) -
                     absl::CivilSecond(absl::ToCivilDay(first.start, zone))),
        length_(first.end - first.start) {}

  // Adds the meeting on `day`, unless the calendar leaves the day out. False when the
  // series is complete (or cannot be expanded: see Finish()), so the caller stops
  // producing days.
  bool Add(absl::CivilDay day) {
    if (rule_.until.has_value() && day > *rule_.until) return false;
    if (ConsultsCalendar()) {
      absl::StatusOr<CalendarDay> described = calendar_.Describe(day);
      if (!described.ok()) {
        status_ = described.status();
        return false;
      }
      if (LeftOut(*described)) return true;
    }
    if (static_cast<int>(windows_.size()) >= max_occurrences_) {
      status_ = TooManyOccurrences(max_occurrences_);
      return false;
    }
    const absl::Time start = absl::FromCivil(absl::CivilSecond(day) + time_of_day_, zone_);
    windows_.push_back(TimeWindow{start, start + length_});
    return !rule_.count.has_value() || static_cast<int>(windows_.size()) < *rule_.count;
  }

  // Whether no meeting can start on or after `day`.
  bool PastUntil(absl::CivilDay day) const { return rule_.until.has_value() && day > *rule_.until; }

  absl::StatusOr<SeriesDates> Finish() && {
    if (!status_.ok()) return status_;
    if (windows_.empty() && rule_.until.has_value()) {
      return InvalidFieldError("series.recurrence.until",
                               absl::StrCat("no meeting of the series falls on or before ",
                                            absl::FormatCivilTime(*rule_.until),
                                            "; send a later until or other weekdays"));
    }
    return SeriesDates{std::move(windows_), std::move(skipped_)};
  }

 private:
  bool ConsultsCalendar() const {
    return rule_.frequency == Frequency::kWorkdays ||
           (rule_.frequency == Frequency::kWeekly && !rule_.include_holidays);
  }

  // Whether the rule leaves `day` out; a holiday left out is listed, an ordinary weekend
  // of a workdays series is not (the organizer never meant it).
  bool LeftOut(const CalendarDay& day) {
    if (rule_.frequency == Frequency::kWorkdays) {
      if (day.working()) return false;
      if (day.kind == DayKind::kHoliday) {
        const absl::Weekday weekday = absl::GetWeekday(day.date);
        if (weekday != absl::Weekday::saturday && weekday != absl::Weekday::sunday) {
          skipped_.push_back(SkippedDay{day.date, day.holiday_name});
        }
      }
      return true;
    }
    if (day.kind != DayKind::kHoliday) return false;
    skipped_.push_back(SkippedDay{day.date, day.holiday_name});
    return true;
  }

  const RecurrenceRule& rule_;
  const absl::TimeZone zone_;
  const WorkingCalendar& calendar_;
  const int max_occurrences_;
  const absl::civil_diff_t time_of_day_;  // seconds after local midnight
  const absl::Duration length_;
  std::vector<TimeWindow> windows_;
  std::vector<SkippedDay> skipped_;
  absl::Status status_;
};

void ExpandDaily(const RecurrenceRule& rule, absl::CivilDay first_day, SeriesBuilder& series) {
  for (absl::CivilDay day = first_day; series.Add(day); day += rule.interval) {
  }
}

void ExpandWeekly(const RecurrenceRule& rule, absl::CivilDay first_day, SeriesBuilder& series) {
  const absl::CivilDay first_monday = CenterWeekStart(first_day);
  // Days after Monday, in the order they come in a week.
  std::vector<int> offsets;
  if (rule.weekdays.empty()) {
    offsets.push_back(static_cast<int>(first_day - first_monday));
  } else {
    for (absl::Weekday weekday : rule.weekdays) {
      offsets.push_back(
          static_cast<int>(absl::NextWeekday(first_monday - 1, weekday) - first_monday));
    }
    std::sort(offsets.begin(), offsets.end());
    offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  }
  for (absl::CivilDay monday = first_monday;; monday += 7 * rule.interval) {
    for (int offset : offsets) {
      const absl::CivilDay day = monday + offset;
      if (day < first_day) continue;  // before the first meeting, in its own week
      if (!series.Add(day)) return;
    }
  }
}

void ExpandWorkdays(absl::CivilDay first_day, SeriesBuilder& series) {
  for (absl::CivilDay day = first_day; series.Add(day); ++day) {
  }
}

void ExpandMonthly(const RecurrenceRule& rule, absl::CivilDay first_day, SeriesBuilder& series) {
  const int day_of_month = first_day.day();
  for (absl::CivilMonth month(first_day);; month += rule.interval) {
    if (series.PastUntil(absl::CivilDay(month))) return;
    // CivilDay normalizes April 31 to May 1; a different month means April has no 31st.
    const absl::CivilDay day(month.year(), month.month(), day_of_month);
    if (day.month() != month.month()) continue;
    if (!series.Add(day)) return;
  }
}

}  // namespace

absl::StatusOr<SeriesDates> ExpandRecurrence(const RecurrenceRule& rule, TimeWindow first,
                                             absl::TimeZone zone, const WorkingCalendar& calendar,
                                             int max_occurrences) {
  const absl::CivilDay first_day = absl::ToCivilDay(first.start, zone);
  RETURN_IF_ERROR(Validate(rule, first, first_day, max_occurrences));
  SeriesBuilder series(rule, first, zone, calendar, max_occurrences);
  switch (rule.frequency) {
    case Frequency::kDaily:
      ExpandDaily(rule, first_day, series);
      break;
    case Frequency::kWeekly:
      ExpandWeekly(rule, first_day, series);
      break;
    case Frequency::kMonthly:
      ExpandMonthly(rule, first_day, series);
      break;
    case Frequency::kWorkdays:
      ExpandWorkdays(first_day, series);
      break;
  }
  return std::move(series).Finish();
}

}  // namespace huiwu::booking
