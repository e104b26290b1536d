// Requests about meetings' staffing — requirements, assignments, eligibility,
// check-in, absentees, discipline and workload — ↔ domain values.
#ifndef HUIWU_SERVICES_STAFFING_API_DUTY_REQUESTS_H_
#define HUIWU_SERVICES_STAFFING_API_DUTY_REQUESTS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "huiwu/staffing/v1/staffing_service.pb.h"
#include "services/staffing/domain/eligibility.h"
#include "services/staffing/domain/requirement.h"
#include "services/staffing/domain/workload.h"
#include "services/staffing/store/staffing_store.h"

namespace huiwu::staffing {

absl::StatusOr<StaffingRequirement> ParseSetStaffingRequirement(
    const v1::SetStaffingRequirementRequest& request);
// "meetings/{meeting}/staffingRequirement" → the meeting id.
absl::StatusOr<std::string> ParseRequirementName(const v1::GetStaffingRequirementRequest& request);

// "meetings/{meeting}" → the id; INVALID_ARGUMENT naming `field`.
absl::StatusOr<std::string> ParseMeetingName(absl::string_view field, absl::string_view name);

struct AssignmentKey {
  std::string meeting_id;
  std::string staff_id;
};
// "meetings/{meeting}/assignments/{staff}".
absl::StatusOr<AssignmentKey> ParseAssignmentName(absl::string_view field, absl::string_view name);

// AssignStaff and ExplainEligibility: a meeting, a person and maybe a role.
struct AssignCommand {
  AssignmentKey key;
  std::optional<Role> role;
};
absl::StatusOr<AssignCommand> ParseAssignStaff(const v1::AssignStaffRequest& request);
absl::StatusOr<AssignCommand> ParseExplainEligibility(const v1::ExplainEligibilityRequest& request);

struct ListAssignmentsQuery {
  std::string meeting_id;  // empty: any
  std::string staff_id;    // empty: any
  int page_size = 50;
  TimeKey after;
  std::string filter_text;
};
absl::StatusOr<ListAssignmentsQuery> ParseListAssignments(
    const v1::ListAssignmentsRequest& request);
std::string NextAssignmentsPageToken(const ListAssignmentsQuery& query, const Assignment& last);

struct RecordDisciplineCommand {
  DisciplineRecord record;
  std::string request_id;
};
absl::StatusOr<RecordDisciplineCommand> ParseRecordDiscipline(
    const v1::RecordDisciplineRequest& request);

struct WorkloadQuery {
  absl::CivilDay monday;
  std::string section;
};
absl::StatusOr<WorkloadQuery> ParseGetWorkload(const v1::GetWorkloadRequest& request);

void ToProto(const StaffingRequirement& requirement, v1::StaffingRequirement* out);
void ToProto(const Assignment& assignment, v1::Assignment* out);
void ToProto(const IneligibilityReason& reason, v1::Ineligibility* out);
void ToProto(const DisciplineRecord& record, v1::DisciplineRecord* out);
void ToProto(const Workload& workload, v1::GetWorkloadResponse* out);
void ToProto(const std::map<Role, int>& counts,
             google::protobuf::RepeatedPtrField<v1::RoleCount>* out);

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_API_DUTY_REQUESTS_H_
