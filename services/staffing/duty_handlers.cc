// Meetings' staffing: requirements, assignments, eligibility, arrival check-in,
// absentees, discipline and the week's workload.
#include "common/api/timestamp.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/staffing/api/duty_requests.h"
#include "services/staffing/staffing_service.h"

namespace huiwu::staffing {

grpc::Status StaffingService::SetStaffingRequirement(
    grpc::ServerContext* context, const v1::SetStaffingRequirementRequest* request,
    v1::SetStaffingRequirementResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "SetStaffingRequirement", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(StaffingRequirement requirement, ParseSetStaffingRequirement(*request));
        ASSIGN_OR_RETURN(StaffingRequirement stored,
                         store_.SetRequirement(requirement, clock_.Now()));
        ToProto(stored, response->mutable_requirement());
        return absl::OkStatus();
      });
}

grpc::Status StaffingService::GetStaffingRequirement(
    grpc::ServerContext* context, const v1::GetStaffingRequirementRequest* request,
    v1::GetStaffingRequirementResponse* response) {
  return calls_.Serve(*context, "GetStaffingRequirement", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string meeting_id, ParseRequirementName(*request));
    ASSIGN_OR_RETURN(StaffingRequirement requirement, store_.GetRequirement(meeting_id));
    ToProto(requirement, response->mutable_requirement());
    return absl::OkStatus();
  });
}

grpc::Status StaffingService::AutoAssign(grpc::ServerContext* context,
                                         const v1::AutoAssignRequest* request,
                                         v1::AutoAssignResponse* response) {
  return calls_.ServeMutation(*context, *request, "AutoAssign", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string meeting_id, ParseMeetingName("meeting", request->meeting()));
    ASSIGN_OR_RETURN(AutoAssignResult result, store_.AutoAssign(meeting_id, clock_.Now()));
    for (const Assignment& a : result.assigned) ToProto(a, response->add_assigned());
    for (const Assignment& a : result.assignments) ToProto(a, response->add_assignments());
    ToProto(result.shortfall, response->mutable_shortfall());
    return absl::OkStatus();
  });
}

grpc::Status StaffingService::AssignStaff(grpc::ServerContext* context,
                                          const v1::AssignStaffRequest* request,
                                          v1::AssignStaffResponse* response) {
  return calls_.ServeMutation(*context, *request, "AssignStaff", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(AssignCommand command, ParseAssignStaff(*request));
    ASSIGN_OR_RETURN(
        Assignment assignment,
        store_.Assign(command.key.meeting_id, command.key.staff_id, command.role, clock_.Now()));
    ToProto(assignment, response->mutable_assignment());
    return absl::OkStatus();
  });
}

grpc::Status StaffingService::UnassignStaff(grpc::ServerContext* context,
                                            const v1::UnassignStaffRequest* request,
                                            v1::UnassignStaffResponse* response) {
  return calls_.ServeMutation(*context, *request, "UnassignStaff", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(AssignmentKey key, ParseAssignmentName("name", request->name()));
    return store_.Unassign(key.meeting_id, key.staff_id, clock_.Now());
  });
}

grpc::Status StaffingService::ListAssignments(grpc::ServerContext* context,
                                              const v1::ListAssignmentsRequest* request,
                                              v1::ListAssignmentsResponse* response) {
  return calls_.Serve(*context, "ListAssignments", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ListAssignmentsQuery query, ParseListAssignments(*request));
    ASSIGN_OR_RETURN(
        std::vector<Assignment> assignments,
        store_.ListAssignments(query.meeting_id, query.staff_id, query.after, query.page_size + 1));
    const bool more = static_cast<int>(assignments.size()) > query.page_size;
    if (more) assignments.pop_back();
    for (const Assignment& a : assignments) ToProto(a, response->add_assignments());
    if (more) {
      response->set_next_page_token(NextAssignmentsPageToken(query, assignments.back()));
    }
    return absl::OkStatus();
  });
}

grpc::Status StaffingService::ExplainEligibility(grpc::ServerContext* context,
                                                 const v1::ExplainEligibilityRequest* request,
                                                 v1::ExplainEligibilityResponse* response) {
  return calls_.Serve(*context, "ExplainEligibility", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(AssignCommand command, ParseExplainEligibility(*request));
    ASSIGN_OR_RETURN(
        std::vector<IneligibilityReason> reasons,
        store_.ExplainEligibility(command.key.meeting_id, command.key.staff_id, command.role));
    response->set_eligible(reasons.empty());
    for (const IneligibilityReason& r : reasons) ToProto(r, response->add_reasons());
    return absl::OkStatus();
  });
}

grpc::Status StaffingService::CheckIn(grpc::ServerContext* context,
                                      const v1::CheckInRequest* request,
                                      v1::CheckInResponse* response) {
  return calls_.ServeMutation(*context, *request, "CheckIn", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(AssignmentKey key, ParseAssignmentName("name", request->name()));
    ASSIGN_OR_RETURN(Assignment assignment,
                     store_.CheckIn(key.meeting_id, key.staff_id, clock_.Now()));
    ToProto(assignment, response->mutable_assignment());
    return absl::OkStatus();
  });
}

grpc::Status StaffingService::ListAbsentees(grpc::ServerContext* context,
                                            const v1::ListAbsenteesRequest* request,
                                            v1::ListAbsenteesResponse* response) {
  return calls_.Serve(*context, "ListAbsentees", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string meeting_id, ParseMeetingName("meeting", request->meeting()));
    ASSIGN_OR_RETURN(Absentees absentees, store_.ListAbsentees(meeting_id, clock_.Now()));
    response->set_meeting_started(absentees.meeting_started);
    for (const Assignment& a : absentees.absentees) ToProto(a, response->add_absentees());
    return absl::OkStatus();
  });
}

grpc::Status StaffingService::RecordDiscipline(grpc::ServerContext* context,
                                               const v1::RecordDisciplineRequest* request,
                                               v1::RecordDisciplineResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "RecordDiscipline", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(RecordDisciplineCommand command, ParseRecordDiscipline(*request));
        ASSIGN_OR_RETURN(DisciplineResult result,
                         store_.RecordDiscipline(command.record, command.request_id, clock_.Now()));
        ToProto(result.record, response->mutable_record());
        for (const Assignment& a : result.ended) ToProto(a, response->add_ended_assignments());
        return absl::OkStatus();
      });
}

grpc::Status StaffingService::GetWorkload(grpc::ServerContext* context,
                                          const v1::GetWorkloadRequest* request,
                                          v1::GetWorkloadResponse* response) {
  return calls_.Serve(*context, "GetWorkload", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(WorkloadQuery query, ParseGetWorkload(*request));
    const TimeWindow week{absl::FromCivil(query.monday, store_.zone()),
                          absl::FromCivil(query.monday + 7, store_.zone())};
    ASSIGN_OR_RETURN(std::vector<DutyRecord> duties, store_.WeekDuties(week, query.section));
    response->mutable_week_start()->set_year(static_cast<int32_t>(query.monday.year()));
    response->mutable_week_start()->set_month(query.monday.month());
    response->mutable_week_start()->set_day(query.monday.day());
    ToProto(SummarizeWorkload(duties, week), response);
    return absl::OkStatus();
  });
}

}  // namespace huiwu::staffing
