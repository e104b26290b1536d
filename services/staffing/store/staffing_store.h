// All SQL of the staffing service. Statements are named constants, prepared once per
// connection; writes run in one transaction by db::InTransaction (retried whole on
// deadlock/certification failure/lost connection), reads by db::ReadOnly.
#ifndef HUIWU_SERVICES_STAFFING_STORE_STAFFING_STORE_H_
#define HUIWU_SERVICES_STAFFING_STORE_STAFFING_STORE_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "services/staffing/domain/auto_assign.h"
#include "services/staffing/domain/eligibility.h"
#include "services/staffing/domain/meeting_events.h"
#include "services/staffing/domain/requirement.h"
#include "services/staffing/domain/staff.h"
#include "services/staffing/domain/workload.h"

namespace huiwu::staffing {

// Which people ListStaff returns; unset fields do not filter.
struct StaffFilter {
  std::optional<Role> role;
  std::string section;
  std::optional<StaffState> state;
};

// Which leave ListLeave returns: one person's (staff_id) or everybody's (empty).
struct LeaveFilter {
  std::string staff_id;
  std::optional<LeaveState> state;
};

// Keyset positions for paging.
struct TimeKey {
  absl::Time time = absl::InfinitePast();
  std::string id;  // ties at one time, in id order
};

struct AutoAssignResult {
  std::vector<Assignment> assigned;
  std::vector<Assignment> assignments;  // all of the meeting's, after
  std::map<Role, int> shortfall;
};

struct Absentees {
  bool meeting_started = false;
  std::vector<Assignment> absentees;
};

struct DisciplineResult {
  DisciplineRecord record;
  std::vector<Assignment> ended;  // a transfer's ended assignments
};

// What one of booking's meeting events did to the meeting's staffing.
struct MeetingStaffing {
  // False: nothing to do (no requirement to release or close, or the meeting's staffing
  // was already closed or cancelled).
  bool applied = false;
  bool requirement_changed = false;
  std::optional<StaffingRequirement> requirement;  // after
  std::vector<Assignment> assigned;
  std::vector<Release> released;
  std::map<Role, int> shortfall;
};

class StaffingStore final {
 public:
  StaffingStore(db::ConnectionPool& pool, absl::TimeZone zone) : pool_(pool), zone_(zone) {}

  // People (staff_store.cc).
  absl::StatusOr<Staff> CreateStaff(const Staff& staff, absl::string_view request_id,
                                    absl::Time now);
  absl::StatusOr<Staff> GetStaff(absl::string_view staff_id);
  // `limit` people after staff number `after_number`, by staff number.
  absl::StatusOr<std::vector<Staff>> ListStaff(const StaffFilter& filter,
                                               absl::string_view after_number, int limit);
  absl::StatusOr<Staff> UpdateStaff(absl::string_view staff_id, absl::string_view etag,
                                    absl::FunctionRef<void(Staff&)> apply, absl::Time now);
  absl::StatusOr<std::vector<Shift>> SetShiftPattern(absl::string_view staff_id,
                                                     const std::vector<Shift>& shifts,
                                                     absl::Time now);
  absl::StatusOr<OnCallSlot> SetOnCall(const OnCallSlot& slot, absl::Time now);
  absl::StatusOr<std::vector<Staff>> GetOnCall(Role role, absl::Time at);

  // Leave (leave_store.cc).
  absl::StatusOr<Leave> RequestLeave(const Leave& leave, absl::string_view request_id,
                                     absl::Time now);
  // Approves (refused while the person has assignments in the leave) or rejects.
  absl::StatusOr<Leave> DecideLeave(absl::string_view staff_id, absl::string_view leave_id,
                                    bool approve, absl::string_view approver,
                                    absl::string_view note, absl::Time now);
  absl::StatusOr<std::vector<Leave>> ListLeave(const LeaveFilter& filter, const TimeKey& after,
                                               int limit);

  // Requirements and assignments (assignment_store.cc).
  absl::StatusOr<StaffingRequirement> SetRequirement(const StaffingRequirement& requirement,
                                                     absl::Time now);
  absl::StatusOr<StaffingRequirement> GetRequirement(absl::string_view meeting_id);
  // `role` nullopt: the person's own.
  absl::StatusOr<Assignment> Assign(absl::string_view meeting_id, absl::string_view staff_id,
                                    std::optional<Role> role, absl::Time now);
  absl::StatusOr<AutoAssignResult> AutoAssign(absl::string_view meeting_id, absl::Time now);
  absl::Status Unassign(absl::string_view meeting_id, absl::string_view staff_id, absl::Time now);
  // A meeting's (meeting_id) or a person's (staff_id) or both; by duty start.
  absl::StatusOr<std::vector<Assignment>> ListAssignments(absl::string_view meeting_id,
                                                          absl::string_view staff_id,
                                                          const TimeKey& after, int limit);
  absl::StatusOr<std::vector<IneligibilityReason>> ExplainEligibility(absl::string_view meeting_id,
                                                                      absl::string_view staff_id,
                                                                      std::optional<Role> role);

  // Booking's meeting events (meeting_event_store.cc), each in ONE transaction and
  // idempotent by the meeting (one requirement per meeting): applied twice, the second
  // changes nothing.
  // A confirmed, moved or changed meeting: sets the requirement derived from it
  // (keeping the dispatch hub's buffers and counts), releases who no longer fits, fills
  // the open places and reports a shortfall. Nothing when the requirement is not OPEN.
  absl::StatusOr<MeetingStaffing> StaffMeeting(const StaffingRequirement& derived, absl::Time now);
  // A cancelled, rejected or no-show meeting: everybody released, requirement CANCELLED.
  absl::StatusOr<MeetingStaffing> ReleaseMeeting(absl::string_view meeting_id,
                                                 UnassignReason reason, absl::Time now);
  // A completed meeting: the assignments are closed, requirement CLOSED.
  absl::StatusOr<MeetingStaffing> CloseMeeting(absl::string_view meeting_id, absl::Time now);

  // Arrival, discipline and workload (duty_store.cc).
  absl::StatusOr<Assignment> CheckIn(absl::string_view meeting_id, absl::string_view staff_id,
                                     absl::Time now);
  absl::StatusOr<Absentees> ListAbsentees(absl::string_view meeting_id, absl::Time now);
  absl::StatusOr<DisciplineResult> RecordDiscipline(const DisciplineRecord& record,
                                                    absl::string_view request_id, absl::Time now);
  absl::StatusOr<std::vector<DutyRecord>> WeekDuties(const TimeWindow& week,
                                                     absl::string_view section);

  // What the domain gauges show (gauge_store.cc): how many people have approved leave
  // covering `now`, and how many active people are on call at `now` (any role).
  absl::StatusOr<int64_t> CountStaffOnLeave(absl::Time now);
  absl::StatusOr<int64_t> CountStaffOnCall(absl::Time now);

  absl::TimeZone zone() const { return zone_; }

 private:
  db::ConnectionPool& pool_;
  const absl::TimeZone zone_;
};

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_STORE_STAFFING_STORE_H_
