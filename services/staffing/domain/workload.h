// A week's workload per person and per section (每周业务简报): hours on duty within the
// week, meetings served, late arrivals.
#ifndef HUIWU_SERVICES_STAFFING_DOMAIN_WORKLOAD_H_
#define HUIWU_SERVICES_STAFFING_DOMAIN_WORKLOAD_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/staffing/domain/staff.h"

namespace huiwu::staffing {

// One assignment with its person, as the week's query reads it.
struct DutyRecord {
  std::string staff_id;
  std::string staff_number;
  std::string display_name;
  std::string section;
  TimeWindow duty;
  bool late = false;
};

struct WorkloadLine {
  std::string staff_id;  // empty for a section line
  std::string display_name;
  std::string section;
  absl::Duration assigned;
  int meetings = 0;
  int late_arrivals = 0;
};

struct Workload {
  std::vector<WorkloadLine> staff;     // by staff number
  std::vector<WorkloadLine> sections;  // by section
};

// Hours count only the part of each duty inside `week`.
Workload SummarizeWorkload(const std::vector<DutyRecord>& records, const TimeWindow& week);

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_DOMAIN_WORKLOAD_H_
