// Whether a person may take a duty window, and every reason not. One function decides it
// for AssignStaff, AutoAssign and ExplainEligibility alike, so the three never disagree.
// Rostering tools let a person on approved leave be assigned; huiwu does not.
#ifndef HUIWU_SERVICES_STAFFING_DOMAIN_ELIGIBILITY_H_
#define HUIWU_SERVICES_STAFFING_DOMAIN_ELIGIBILITY_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/staffing/domain/requirement.h"
#include "services/staffing/domain/staff.h"

namespace huiwu::staffing {

// The API's IneligibilityReason numbers.
enum class Ineligible {
  kNotActive = 1,
  kWrongRole,
  kQualificationMissing,
  kOffShift,
  kOnLeave,
  kAlreadyAssigned,
};

absl::string_view IneligibleName(Ineligible reason);  // "ON_LEAVE"

struct IneligibilityReason {
  Ineligible reason;
  std::string detail;  // the qualification, the leave id, the other meeting's id
  bool operator==(const IneligibilityReason&) const = default;
};

// A person with what decides their availability around one duty window: only the
// approved leave and the other meetings' assignments that overlap it.
struct Candidate {
  Staff staff;
  std::vector<Shift> shifts;
  std::vector<Leave> approved_leave;          // overlapping the window
  std::vector<Assignment> other_assignments;  // overlapping the window, other meetings
  absl::Duration week_load;                   // assigned in the meeting's week
};

// Whether the weekly pattern covers all of `window` (in `zone`); a window that crosses
// midnight needs a shift on each day it touches.
bool CoveredByShifts(const std::vector<Shift>& shifts, const TimeWindow& window,
                     absl::TimeZone zone);

// Every reason `candidate` cannot serve `requirement` as `role`, in the enum's order;
// empty: eligible.
std::vector<IneligibilityReason> ExplainIneligibility(const Candidate& candidate,
                                                      const StaffingRequirement& requirement,
                                                      Role role, absl::TimeZone zone);

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_DOMAIN_ELIGIBILITY_H_
