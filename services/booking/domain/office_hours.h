// The center's office hours (办公时间) on its working days, and notice counted in them.
// A visiting delegation or a VIP reception is prepared by people who work office hours
// (protocol, nameplates, flowers, the reception plan): a booking made on Friday at 17:00
// for Monday at 09:00 is three days ahead by the clock but gives them one hour. So a kind
// whose preparation is office work counts its minimum notice in office hours on working
// days (法定节假日与调休, working_calendar.h), where the kind's limits say so.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_OFFICE_HOURS_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_OFFICE_HOURS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/booking/domain/working_calendar.h"

namespace huiwu::booking {

// One stretch of a working day, as offsets from local midnight: [from, to).
struct OfficePeriod {
  absl::Duration from;
  absl::Duration to;

  friend bool operator==(const OfficePeriod& a, const OfficePeriod& b) {
    return a.from == b.from && a.to == b.to;
  }
};

class OfficeHours final {
 public:
  // The center's default: 08:30–12:00 and 13:30–17:30 (a lunch break, as government
  // offices keep), 7 hours 30 minutes a working day.
  OfficeHours();

  // "08:30-12:00,13:30-17:30": periods in order, each HH:MM-HH:MM within one day, not
  // overlapping. INVALID_ARGUMENT naming the entry otherwise, or when empty.
  static absl::StatusOr<OfficeHours> Parse(absl::string_view text);

  const std::vector<OfficePeriod>& periods() const { return periods_; }
  // The office time of one working day.
  absl::Duration PerDay() const;
  // "08:30–12:00 and 13:30–17:30", for messages people read.
  std::string Describe() const;

 private:
  std::vector<OfficePeriod> periods_;
};

// The earliest instant by which `notice` of office time has passed since `now`: office
// hours of working days only, in the center's zone. `notice` zero: `now`.
// FAILED_PRECONDITION, reason WORKING_CALENDAR_YEAR_MISSING, when the count reaches a
// day of a year `calendar` does not cover (the days are never guessed); `error_day` (when
// not null) is then set to that day's local midnight, so a caller can still tell that a
// start before it is too soon.
absl::StatusOr<absl::Time> EndOfOfficeNotice(const WorkingCalendar& calendar,
                                             const OfficeHours& hours, absl::Time now,
                                             absl::Duration notice,
                                             absl::Time* error_day = nullptr);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_OFFICE_HOURS_H_
