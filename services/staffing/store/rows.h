// What the staffing store's files share: row readers, loaders and the error answers
// about missing things. Used only inside store/.
#ifndef HUIWU_SERVICES_STAFFING_STORE_ROWS_H_
#define HUIWU_SERVICES_STAFFING_STORE_ROWS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/connection.h"
#include "services/staffing/domain/eligibility.h"
#include "services/staffing/domain/requirement.h"
#include "services/staffing/domain/staff.h"

namespace sql {
class ResultSet;
}

namespace huiwu::staffing {

// A random 16-hex-digit id for leave and discipline records.
std::string NewRecordId();

std::string StaffResource(absl::string_view staff_id);      // staff/{staff}
std::string MeetingResource(absl::string_view meeting_id);  // meetings/{meeting}
std::string AssignmentResource(absl::string_view meeting_id, absl::string_view staff_id);

absl::Status StaffNotFound(absl::string_view staff_id);
absl::Status RequirementNotFound(absl::string_view meeting_id);
absl::Status AssignmentNotFound(absl::string_view meeting_id, absl::string_view staff_id);

// The columns every assignment read selects, in ReadAssignment's order.
inline constexpr char kAssignmentColumns[] =
    "a.meeting_id, a.staff_id, s.display_name, a.role, a.start_time, a.end_time, "
    "a.check_in_time, a.late FROM assignments a JOIN staff s ON s.staff_id = a.staff_id ";
Assignment ReadAssignment(sql::ResultSet& row);

// The columns every staff read selects, in ReadStaff's order (qualifications apart).
inline constexpr char kStaffColumns[] =
    "staff_id, staff_number, display_name, phone, section, role, state, version, "
    "create_time, update_time FROM staff ";
Staff ReadStaff(sql::ResultSet& row);

// The person with qualifications; nullopt when there is none.
std::optional<Staff> LoadStaff(db::Connection& c, absl::string_view staff_id);
std::vector<Qualification> LoadQualifications(db::Connection& c, absl::string_view staff_id);
void SaveQualifications(db::Connection& c, const Staff& staff);
std::vector<Shift> LoadShifts(db::Connection& c, absl::string_view staff_id);

std::optional<StaffingRequirement> LoadRequirement(db::Connection& c, absl::string_view meeting_id);
std::optional<Assignment> LoadAssignment(db::Connection& c, absl::string_view meeting_id,
                                         absl::string_view staff_id);
std::vector<Assignment> LoadMeetingAssignments(db::Connection& c, absl::string_view meeting_id);
// The person's assignments whose duty overlaps `window` (an index range on
// (staff_id, start_time) bounded by the longest duty).
std::vector<Assignment> LoadOverlappingAssignments(db::Connection& c, absl::string_view staff_id,
                                                   const TimeWindow& window);

// Writes the person's assignment counter: every transaction that adds an assignment or
// approves leave of the person writes this one row, so concurrent ones serialize on its
// lock on one node and conflict at certification across Galera nodes. False: no such
// person.
bool BumpAssignmentSeq(db::Connection& c, absl::string_view staff_id);

// Everything the eligibility rule needs about `staff` for the requirement's duty; reads
// after BumpAssignmentSeq see every committed competitor (READ COMMITTED).
Candidate LoadCandidate(db::Connection& c, const Staff& staff,
                        const StaffingRequirement& requirement, absl::TimeZone zone);

// The local week (Monday 00:00 to the next Monday 00:00) containing `t`.
TimeWindow WeekOf(absl::Time t, absl::TimeZone zone);

// FAILED_PRECONDITION STAFF_NOT_ELIGIBLE with every reason.
absl::Status NotEligible(absl::string_view staff_id, absl::string_view meeting_id,
                         const std::vector<IneligibilityReason>& reasons);

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_STORE_ROWS_H_
