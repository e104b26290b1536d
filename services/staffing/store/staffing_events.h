// The events staffing publishes (proto/huiwu/staffing/v1/events.proto), written to the
// outbox by the store inside the transaction that makes the change (DESIGN §2). Each
// names its subjects: the meeting, the people concerned and the room when known. Used
// only inside store/.
#ifndef HUIWU_SERVICES_STAFFING_STORE_STAFFING_EVENTS_H_
#define HUIWU_SERVICES_STAFFING_STORE_STAFFING_EVENTS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/connection.h"
#include "services/staffing/domain/eligibility.h"
#include "services/staffing/domain/requirement.h"
#include "services/staffing/domain/staff.h"

namespace huiwu::staffing {

// `buildings/{building}/rooms/{room}` of the requirement; "" without one.
std::string RoomResource(const StaffingRequirement& requirement);

void PublishStaffCreated(db::Connection& c, const Staff& staff, absl::Time now);
void PublishStaffUpdated(db::Connection& c, const Staff& staff, absl::Time now);
void PublishShiftPatternSet(db::Connection& c, absl::string_view staff_id,
                            const std::vector<Shift>& shifts, absl::Time now);
void PublishOnCallSet(db::Connection& c, const OnCallSlot& slot, absl::Time now);
// LeaveRequested, LeaveApproved or LeaveRejected by the leave's state.
void PublishLeave(db::Connection& c, const Leave& leave, absl::Time now);
void PublishRequirementSet(db::Connection& c, const StaffingRequirement& requirement,
                           absl::Time now);
void PublishAssigned(db::Connection& c, const StaffingRequirement& requirement,
                     const Assignment& assignment, absl::Time now);
// `room` may be "" (a requirement staffing no longer has).
void PublishUnassigned(db::Connection& c, absl::string_view room, const Assignment& assignment,
                       UnassignReason reason, const std::vector<IneligibilityReason>& reasons,
                       absl::Time now);
void PublishAssignmentRescheduled(db::Connection& c, const StaffingRequirement& requirement,
                                  const Assignment& assignment, const TimeWindow& previous,
                                  absl::Time now);
void PublishShortfall(db::Connection& c, const StaffingRequirement& requirement,
                      const std::map<Role, int>& assigned, const std::map<Role, int>& missing,
                      absl::Time now);
void PublishCheckedIn(db::Connection& c, absl::string_view room, const Assignment& assignment,
                      absl::Time now);
void PublishAssignmentsClosed(db::Connection& c, const StaffingRequirement& requirement,
                              const std::vector<Assignment>& assignments, absl::Time now);
void PublishDisciplineRecorded(db::Connection& c, const DisciplineRecord& record,
                               const std::vector<Assignment>& ended, absl::Time now);

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_STORE_STAFFING_EVENTS_H_
