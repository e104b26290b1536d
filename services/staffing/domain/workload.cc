#include "services/staffing/domain/workload.h"

#include <algorithm>
#include <map>

namespace huiwu::staffing {
namespace {

void Add(WorkloadLine& line, const DutyRecord& record, absl::Duration inside) {
  line.assigned += inside;
  ++line.meetings;
  if (record.late) ++line.late_arrivals;
}

}  // namespace

Workload SummarizeWorkload(const std::vector<DutyRecord>& records, const TimeWindow& week) {
  std::map<std::pair<std::string, std::string>, WorkloadLine> by_staff;  // (number, id)
  std::map<std::string, WorkloadLine> by_section;
  for (const DutyRecord& r : records) {
    const absl::Duration inside = std::max(
        absl::ZeroDuration(), std::min(r.duty.end, week.end) - std::max(r.duty.start, week.start));
    WorkloadLine& person = by_staff[{r.staff_number, r.staff_id}];
    person.staff_id = r.staff_id;
    person.display_name = r.display_name;
    person.section = r.section;
    Add(person, r, inside);
    WorkloadLine& section = by_section[r.section];
    section.section = r.section;
    Add(section, r, inside);
  }
  Workload workload;
  for (auto& [key, line] : by_staff) workload.staff.push_back(std::move(line));
  for (auto& [key, line] : by_section) workload.sections.push_back(std::move(line));
  return workload;
}

}  // namespace huiwu::staffing
