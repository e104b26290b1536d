// The figures of the weekly business brief (每周业务简报) that booking computes itself:
// which meetings count as held, how much of its opening hours a room was used, and how
// the week's hazards tally. Pure functions, unit-tested without a database.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_WEEKLY_FIGURES_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_WEEKLY_FIGURES_H_

#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/booking/domain/meeting_state.h"
#include "services/booking/domain/time_window.h"

namespace huiwu::booking {

// The center's opening hours, which a room's utilization is measured against: Monday
// to Friday, 08:00–18:00 in the center's zone, 10 hours a day, 50 hours a week. A room
// used in the evening or at the weekend can exceed 100 %.
inline constexpr int kOpeningHour = 8;
inline constexpr int kClosingHour = 18;
inline constexpr int kOpeningDaysPerWeek = 5;

// Opening hours of one week: 50.
double OpeningHoursPerWeek();

// A meeting was held once it started: IN_PROGRESS, COMPLETED or ARCHIVED. Confirmed
// meetings that never started and cancelled ones (no-shows included) were not.
bool WasHeld(MeetingState state);

// Hours of `meeting` (its own start to end; set-up and clean-up are not use of the room)
// that fall within `week`.
double HeldHoursWithin(TimeWindow meeting, TimeWindow week);

// held / opening; 0 when there are no opening hours.
double Utilization(double held_hours, double opening_hours);

// What the brief needs to know of one hazard.
struct HazardFact {
  absl::Time create_time;
  absl::Time update_time;  // of a verified hazard: when it was verified (its last change)
  absl::Time deadline;
  bool open = false;      // not resolved or verified
  bool verified = false;  // closed
};

struct HazardTally {
  int opened = 0;   // reported within the week
  int closed = 0;   // verified within the week
  int overdue = 0;  // open and past their deadline at `as_of`

  friend bool operator==(const HazardTally&, const HazardTally&) = default;
};

// The instant "overdue" is judged at: the end of the week, or now when the week is not
// over yet.
absl::Time OverdueAsOf(TimeWindow week, absl::Time now);

// Whether a hazard is open and past its deadline at `as_of`. A hazard reported after
// `as_of` does not count (a brief of a past week does not show later hazards).
bool IsOverdue(const HazardFact& hazard, absl::Time as_of);

HazardTally TallyHazards(const std::vector<HazardFact>& hazards, TimeWindow week, absl::Time now);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_WEEKLY_FIGURES_H_
