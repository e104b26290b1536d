// The locked paths that assign people and report what stays open, shared by the
// store's RPC operations (assignment_store.cc) and its meeting-event effects
// (meeting_event_store.cc). Every one runs inside the caller's transaction and
// publishes its events there. Used only inside store/.
#ifndef HUIWU_SERVICES_STAFFING_STORE_ASSIGNMENT_OPS_H_
#define HUIWU_SERVICES_STAFFING_STORE_ASSIGNMENT_OPS_H_

#include <map>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/connection.h"
#include "services/staffing/domain/requirement.h"
#include "services/staffing/domain/staff.h"

namespace huiwu::staffing {

// FAILED_PRECONDITION REQUIREMENT_NOT_OPEN: the meeting was completed or cancelled.
absl::Status RequirementNotOpen(const StaffingRequirement& requirement);

// Locks the requirement's row (FOR UPDATE); false when there is none.
bool LockRequirement(db::Connection& c, absl::string_view meeting_id);

// Inserts or replaces the requirement's facts; its per-role counts too when
// `write_overrides`. A new row is OPEN; an existing one keeps its state.
void WriteRequirement(db::Connection& c, const StaffingRequirement& requirement,
                      bool write_overrides, absl::Time now);

struct Fill {
  std::vector<Assignment> assigned;  // by this call
  std::map<Role, int> shortfall;     // places still open, roles with some only
};

// Fills the requirement's open places with eligible people (domain/auto_assign.h),
// each on the locked path, publishing StaffAssigned for each. A pick that a concurrent
// assignment took meanwhile is skipped and the rest planned again, a few rounds.
absl::StatusOr<Fill> FillOpenPlaces(db::Connection& c, const StaffingRequirement& requirement,
                                    absl::TimeZone zone, absl::Time now);

// Publishes StaffingShortfall when the meeting is short and that is news: the
// shortfall differs from the one last published, or `changed` (the requirement or its
// assignments changed in this transaction). Remembers what was published ("" once
// filled), so a repeated event or retry reports nothing twice.
void ReportShortfall(db::Connection& c, const StaffingRequirement& requirement,
                     const std::map<Role, int>& shortfall, bool changed, absl::Time now);

// After a manual change of a meeting's assignments: the next shortfall is news.
void ForgetShortfall(db::Connection& c, absl::string_view meeting_id);

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_STORE_ASSIGNMENT_OPS_H_
