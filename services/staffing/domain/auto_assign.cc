#include "services/staffing/domain/auto_assign.h"

#include <algorithm>

namespace huiwu::staffing {

AutoAssignPlan PlanAutoAssign(const StaffingRequirement& requirement,
                              const std::map<Role, int>& open,
                              const std::vector<Candidate>& candidates, absl::TimeZone zone) {
  std::vector<const Candidate*> order;
  for (const Candidate& c : candidates) order.push_back(&c);
  std::sort(order.begin(), order.end(), [](const Candidate* a, const Candidate* b) {
    if (a->week_load != b->week_load) return a->week_load < b->week_load;
    if (a->staff.staff_number != b->staff.staff_number) {
      return a->staff.staff_number < b->staff.staff_number;
    }
    return a->staff.id < b->staff.id;
  });
  AutoAssignPlan plan;
  for (const auto& [role, wanted] : open) {
    int still_open = wanted;
    for (const Candidate* c : order) {
      if (still_open <= 0) break;
      if (c->staff.role != role) continue;
      if (!ExplainIneligibility(*c, requirement, role, zone).empty()) continue;
      plan.picks.push_back(Pick{c->staff.id, role});
      --still_open;
    }
    if (still_open > 0) plan.shortfall[role] = still_open;
  }
  return plan;
}

}  // namespace huiwu::staffing
