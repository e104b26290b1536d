// The center's 60 people (DESIGN §1: the property-service staffing plan), loaded by
// `huiwuctl seed-staff`: deterministic, so every run and every machine gets the same.
#ifndef HUIWU_TOOLS_HUIWUCTL_STAFF_SEED_H_
#define HUIWU_TOOLS_HUIWUCTL_STAFF_SEED_H_

#include <string>
#include <vector>

#include "huiwu/staffing/v1/staff.pb.h"

namespace huiwu::ctl {

struct StaffSeed {
  std::string staff_id;  // "f-001"
  staffing::v1::Staff staff;
  std::vector<staffing::v1::Shift> shifts;
};

// 1 supervisor, 3 lobby managers, 6 information clerks, 4 audio technicians, 46
// attendants, in that order.
const std::vector<StaffSeed>& SeedStaff();

}  // namespace huiwu::ctl

#endif  // HUIWU_TOOLS_HUIWUCTL_STAFF_SEED_H_
