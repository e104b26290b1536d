// Auto-assignment (pure): which eligible people fill a requirement's open places.
// Deterministic: the same state gives the same picks. The week's load is balanced:
// fewest assigned hours in the meeting's week first, then by staff number.
#ifndef HUIWU_SERVICES_STAFFING_DOMAIN_AUTO_ASSIGN_H_
#define HUIWU_SERVICES_STAFFING_DOMAIN_AUTO_ASSIGN_H_

#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/staffing/domain/eligibility.h"
#include "services/staffing/domain/requirement.h"

namespace huiwu::staffing {

struct Pick {
  std::string staff_id;
  Role role = Role::kAttendant;
  bool operator==(const Pick&) const = default;
};

struct AutoAssignPlan {
  std::vector<Pick> picks;        // by role, then in pick order
  std::map<Role, int> shortfall;  // places that stay open; only roles with some
};

// `open` places per role; `candidates` anybody (the already assigned to this meeting
// must be left out by the caller). A person serves in their own role only.
AutoAssignPlan PlanAutoAssign(const StaffingRequirement& requirement,
                              const std::map<Role, int>& open,
                              const std::vector<Candidate>& candidates, absl::TimeZone zone);

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_DOMAIN_AUTO_ASSIGN_H_
