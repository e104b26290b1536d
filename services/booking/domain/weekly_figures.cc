#include "services/booking/domain/weekly_figures.h"

#include <algorithm>

namespace huiwu::booking {

double OpeningHoursPerWeek() {
  return static_cast<double>(kOpeningDaysPerWeek * (kClosingHour - kOpeningHour));
}

bool WasHeld(MeetingState state) {
  return state == MeetingState::kInProgress || state == MeetingState::kCompleted ||
         state == MeetingState::kArchived;
}

double HeldHoursWithin(TimeWindow meeting, TimeWindow week) {
  const absl::Time start = std::max(meeting.start, week.start);
  const absl::Time end = std::min(meeting.end, week.end);
  if (end <= start) return 0;
  return absl::ToDoubleHours(end - start);
}

double Utilization(double held_hours, double opening_hours) {
  if (opening_hours <= 0) return 0;
  return held_hours / opening_hours;
}

absl::Time OverdueAsOf(TimeWindow week, absl::Time now) { return std::min(week.end, now); }

bool IsOverdue(const HazardFact& hazard, absl::Time as_of) {
  return hazard.open && hazard.create_time < as_of && hazard.deadline < as_of;
}

HazardTally TallyHazards(const std::vector<HazardFact>& hazards, TimeWindow week, absl::Time now) {
  HazardTally tally;
  const absl::Time as_of = OverdueAsOf(week, now);
  const auto within = [&](absl::Time t) { return week.start <= t && t < week.end; };
  for (const HazardFact& hazard : hazards) {
    if (within(hazard.create_time)) ++tally.opened;
    if (hazard.verified && within(hazard.update_time)) ++tally.closed;
    if (IsOverdue(hazard, as_of)) ++tally.overdue;
  }
  return tally;
}

}  // namespace huiwu::booking
