#include "services/booking/domain/attendance.h"

#include <algorithm>

namespace huiwu::booking {

AttendanceFigures ComputeAttendance(const std::vector<std::string>& expected_ids,
                                    const std::set<std::string>& signed_in_ids, int walk_ins) {
  AttendanceFigures figures;
  std::set<std::string> listed;
  for (const std::string& id : expected_ids) {
    if (!listed.insert(id).second) continue;
    if (signed_in_ids.contains(id)) {
      ++figures.signed_in;
    } else {
      figures.absentee_ids.push_back(id);
    }
  }
  figures.expected = static_cast<int>(listed.size());
  int unlisted_signed_in = 0;
  for (const std::string& id : signed_in_ids) {
    if (!listed.contains(id)) ++unlisted_signed_in;
  }
  figures.walk_ins = std::max(walk_ins, 0) + unlisted_signed_in;
  figures.rate =
      figures.expected == 0 ? 0.0 : static_cast<double>(figures.signed_in) / figures.expected;
  return figures;
}

}  // namespace huiwu::booking
