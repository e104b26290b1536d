#include "services/booking/domain/office_hours.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "services/booking/domain/calendar.h"

namespace huiwu::booking {
namespace {

// "08:30" → 8h30m; "24:00" is the end of the day. False when not HH:MM in range.
bool ParseClock(absl::string_view text, absl::Duration* offset) {
  const std::vector<absl::string_view> parts = absl::StrSplit(text, ':');
  int hours = 0;
  int minutes = 0;
  if (parts.size() != 2 || parts[0].size() != 2 || parts[1].size() != 2 ||
      !absl::SimpleAtoi(parts[0], &hours) || !absl::SimpleAtoi(parts[1], &minutes)) {
    return false;
  }
  if (hours < 0 || minutes < 0 || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) {
    return false;
  }
  *offset = absl::Hours(hours) + absl::Minutes(minutes);
  return true;
}

std::string ClockText(absl::Duration offset) {
  const int64_t minutes = absl::ToInt64Minutes(offset);
  return absl::StrFormat("%02d:%02d", minutes / 60, minutes % 60);
}

}  // namespace

OfficeHours::OfficeHours()
    : periods_{{absl::Hours(8) + absl::Minutes(30), absl::Hours(12)},
               {absl::Hours(13) + absl::Minutes(30), absl::Hours(17) + absl::Minutes(30)}} {}

absl::StatusOr<OfficeHours> OfficeHours::Parse(absl::string_view text) {
  OfficeHours hours;
  hours.periods_.clear();
  for (absl::string_view entry : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    entry = absl::StripAsciiWhitespace(entry);
    auto bad = [&](absl::string_view why) {
      return absl::InvalidArgumentError(
          absl::StrCat("office hours entry \"", entry, "\": ", why,
                       "; write periods like 08:30-12:00,13:30-17:30"));
    };
    const std::vector<absl::string_view> ends = absl::StrSplit(entry, '-');
    OfficePeriod period;
    if (ends.size() != 2 || !ParseClock(absl::StripAsciiWhitespace(ends[0]), &period.from) ||
        !ParseClock(absl::StripAsciiWhitespace(ends[1]), &period.to)) {
      return bad("expected HH:MM-HH:MM");
    }
    if (period.to <= period.from) return bad("the period must end after it starts");
    if (!hours.periods_.empty() && period.from < hours.periods_.back().to) {
      return bad("periods must be in order and must not overlap");
    }
    hours.periods_.push_back(period);
  }
  if (hours.periods_.empty()) {
    return absl::InvalidArgumentError(
        "office hours are empty; write periods like 08:30-12:00,13:30-17:30");
  }
  return hours;
}

absl::Duration OfficeHours::PerDay() const {
  absl::Duration total = absl::ZeroDuration();
  for (const OfficePeriod& period : periods_) total += period.to - period.from;
  return total;
}

std::string OfficeHours::Describe() const {
  std::string text;
  for (size_t i = 0; i < periods_.size(); ++i) {
    if (i > 0) absl::StrAppend(&text, i + 1 == periods_.size() ? " and " : ", ");
    absl::StrAppend(&text, ClockText(periods_[i].from), "–", ClockText(periods_[i].to));
  }
  return text;
}

absl::StatusOr<absl::Time> EndOfOfficeNotice(const WorkingCalendar& calendar,
                                             const OfficeHours& hours, absl::Time now,
                                             absl::Duration notice, absl::Time* error_day) {
  if (notice <= absl::ZeroDuration()) return now;
  const absl::TimeZone zone = CenterTimeZone();
  absl::Duration remaining = notice;
  // Ends: every working day adds PerDay() > 0, and the calendar covers finitely many
  // years, so the walk either gathers the notice or reaches a year it does not cover.
  for (absl::CivilDay day = LocalDayOf(now, zone);; ++day) {
    const absl::StatusOr<bool> working = calendar.IsWorkingDay(day);
    if (!working.ok()) {
      if (error_day != nullptr) *error_day = absl::FromCivil(day, zone);
      return working.status();
    }
    if (!*working) continue;
    const absl::Time midnight = absl::FromCivil(day, zone);
    for (const OfficePeriod& period : hours.periods()) {
      const absl::Time from = std::max(midnight + period.from, now);
      const absl::Time to = midnight + period.to;
      if (to <= from) continue;
      if (to - from >= remaining) return from + remaining;
      remaining -= to - from;
    }
  }
}

}  // namespace huiwu::booking
