#include "services/safety/domain/schedule.h"

#include "absl/time/civil_time.h"
#include "common/status/errors.h"

namespace huiwu::safety {
namespace {

// The k-th occurrence of the recurrence itself (before the active-hours filter).
absl::Time Nth(const InspectionSchedule& s, int64_t k) {
  const absl::TimeZone zone = CenterTimeZone();
  const absl::CivilSecond first = absl::ToCivilSecond(s.first_time, zone);
  switch (s.frequency) {
    case Frequency::kDaily:
      return absl::FromCivil(first + k * 86400, zone);
    case Frequency::kEveryTwoHours:
      return s.first_time + absl::Hours(2 * k);
    case Frequency::kWeekly:
      return absl::FromCivil(first + k * 7 * 86400, zone);
    case Frequency::kQuarterly: {
      // The same day of the month three months on; a day the month lacks (31 May →
      // 31 August is fine, 30 November → 30 February is not) becomes its last day.
      const absl::CivilMonth month = absl::CivilMonth(first) + 3 * k;
      absl::CivilDay day(month.year(), month.month(), first.day());
      if (absl::CivilMonth(day) != month) day = absl::CivilDay(month + 1) - 1;
      return absl::FromCivil(absl::CivilSecond(day.year(), day.month(), day.day(), first.hour(),
                                               first.minute(), first.second()),
                             zone) +
             (s.first_time - absl::FromCivil(first, zone));
    }
  }
  return absl::InfiniteFuture();
}

bool InActiveHours(const InspectionSchedule& s, absl::Time t) {
  if (s.frequency != Frequency::kEveryTwoHours) return true;
  if (s.active_start_hour == 0 && s.active_end_hour == 0) return true;
  const int hour = absl::ToCivilHour(t, CenterTimeZone()).hour();
  return hour >= s.active_start_hour && hour < s.active_end_hour;
}

// A lower bound on how many occurrences precede `t`, so generation far from first_time
// does not walk every past occurrence.
int64_t SkipTo(const InspectionSchedule& s, absl::Time t) {
  if (t <= s.first_time) return 0;
  absl::Duration step;
  switch (s.frequency) {
    case Frequency::kDaily:
      step = absl::Hours(24);
      break;
    case Frequency::kEveryTwoHours:
      step = absl::Hours(2);
      break;
    case Frequency::kWeekly:
      step = absl::Hours(7 * 24);
      break;
    case Frequency::kQuarterly:
      step = absl::Hours(92 * 24);  // no quarter is longer
      break;
  }
  const int64_t k = absl::IDivDuration(t - s.first_time, step, &step);
  return k > 0 ? k - 1 : 0;
}

}  // namespace

absl::Status CheckActiveHours(const InspectionSchedule& s, const std::string& prefix) {
  std::vector<FieldViolation> violations;
  for (const auto& [field, value] : {std::pair{"active_start_hour", s.active_start_hour},
                                     std::pair{"active_end_hour", s.active_end_hour}}) {
    if (value < 0 || value > 24) violations.push_back({prefix + field, "must be 0–24"});
  }
  if (!violations.empty()) return InvalidFieldsError(violations);
  if (s.active_start_hour == 0 && s.active_end_hour == 0) return absl::OkStatus();
  if (s.frequency != Frequency::kEveryTwoHours) {
    return InvalidFieldError(prefix + "active_start_hour",
                             "active hours apply to INSPECTION_FREQUENCY_EVERY_TWO_HOURS only; "
                             "leave them 0");
  }
  if (s.active_start_hour >= s.active_end_hour) {
    return InvalidFieldError(prefix + "active_end_hour",
                             "must be after active_start_hour, e.g. 8 to 18");
  }
  return absl::OkStatus();
}

std::vector<TaskSlot> Occurrences(const InspectionSchedule& s, absl::Time from, absl::Time until,
                                  int limit) {
  // Active hours skip occurrences, so a task is due when the next kept one starts.
  std::vector<absl::Time> kept;
  constexpr int kMaxSteps = 100000;  // bounds the walk whatever the schedule
  for (int64_t k = SkipTo(s, from), n = 0; n < kMaxSteps; ++k, ++n) {
    const absl::Time t = Nth(s, k);
    if (t < from || !InActiveHours(s, t)) continue;
    kept.push_back(t);
    if (t >= until || static_cast<int>(kept.size()) > limit) break;
  }
  std::vector<TaskSlot> slots;
  for (size_t i = 0; i + 1 < kept.size() && kept[i] < until; ++i) {
    slots.push_back(TaskSlot{kept[i], kept[i + 1]});
  }
  return slots;
}

}  // namespace huiwu::safety
