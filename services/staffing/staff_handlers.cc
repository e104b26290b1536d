// People, leave, working hours and the on-call roster.
#include "common/audit/list_audit_records.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/staffing/api/staff_requests.h"
#include "services/staffing/staffing_service.h"

namespace huiwu::staffing {

grpc::Status StaffingService::CreateStaff(grpc::ServerContext* context,
                                          const v1::CreateStaffRequest* request,
                                          v1::CreateStaffResponse* response) {
  return calls_.ServeMutation(*context, *request, "CreateStaff", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(CreateStaffCommand command, ParseCreateStaff(*request));
    ASSIGN_OR_RETURN(Staff staff,
                     store_.CreateStaff(command.staff, command.request_id, clock_.Now()));
    ToProto(staff, response->mutable_staff());
    return absl::OkStatus();
  });
}

grpc::Status StaffingService::GetStaff(grpc::ServerContext* context,
                                       const v1::GetStaffRequest* request,
                                       v1::GetStaffResponse* response) {
  return calls_.Serve(*context, "GetStaff", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string staff_id, ParseStaffName("name", request->name()));
    ASSIGN_OR_RETURN(Staff staff, store_.GetStaff(staff_id));
    ToProto(staff, response->mutable_staff());
    return absl::OkStatus();
  });
}

grpc::Status StaffingService::ListStaff(grpc::ServerContext* context,
                                        const v1::ListStaffRequest* request,
                                        v1::ListStaffResponse* response) {
  return calls_.Serve(*context, "ListStaff", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ListStaffQuery query, ParseListStaff(*request));
    // One more than a page tells whether another page follows.
    ASSIGN_OR_RETURN(std::vector<Staff> staff,
                     store_.ListStaff(query.filter, query.after_number, query.page_size + 1));
    const bool more = static_cast<int>(staff.size()) > query.page_size;
    if (more) staff.pop_back();
    for (const Staff& s : staff) ToProto(s, response->add_staff());
    if (more) response->set_next_page_token(NextStaffPageToken(query, staff.back()));
    return absl::OkStatus();
  });
}

grpc::Status StaffingService::UpdateStaff(grpc::ServerContext* context,
                                          const v1::UpdateStaffRequest* request,
                                          v1::UpdateStaffResponse* response) {
  return calls_.ServeMutation(*context, *request, "UpdateStaff", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(UpdateStaffCommand command, ParseUpdateStaff(*request));
    ASSIGN_OR_RETURN(Staff staff,
                     store_.UpdateStaff(
                         command.staff_id, command.etag,
                         [&](Staff& stored) { ApplyStaffUpdate(command, stored); }, clock_.Now()));
    ToProto(staff, response->mutable_staff());
    return absl::OkStatus();
  });
}

grpc::Status StaffingService::RequestLeave(grpc::ServerContext* context,
                                           const v1::RequestLeaveRequest* request,
                                           v1::RequestLeaveResponse* response) {
  return calls_.ServeMutation(*context, *request, "RequestLeave", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(RequestLeaveCommand command, ParseRequestLeave(*request));
    ASSIGN_OR_RETURN(Leave leave,
                     store_.RequestLeave(command.leave, command.request_id, clock_.Now()));
    ToProto(leave, response->mutable_leave());
    return absl::OkStatus();
  });
}

grpc::Status StaffingService::ApproveLeave(grpc::ServerContext* context,
                                           const v1::ApproveLeaveRequest* request,
                                           v1::ApproveLeaveResponse* response) {
  return calls_.ServeMutation(*context, *request, "ApproveLeave", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(DecideLeaveCommand command, ParseApproveLeave(*request));
    ASSIGN_OR_RETURN(Leave leave,
                     store_.DecideLeave(command.staff_id, command.leave_id,
                                        /*approve=*/true, command.approver, "", clock_.Now()));
    ToProto(leave, response->mutable_leave());
    return absl::OkStatus();
  });
}

grpc::Status StaffingService::RejectLeave(grpc::ServerContext* context,
                                          const v1::RejectLeaveRequest* request,
                                          v1::RejectLeaveResponse* response) {
  return calls_.ServeMutation(*context, *request, "RejectLeave", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(DecideLeaveCommand command, ParseRejectLeave(*request));
    ASSIGN_OR_RETURN(Leave leave, store_.DecideLeave(command.staff_id, command.leave_id,
                                                     /*approve=*/false, command.approver,
                                                     command.note, clock_.Now()));
    ToProto(leave, response->mutable_leave());
    return absl::OkStatus();
  });
}

grpc::Status StaffingService::ListLeave(grpc::ServerContext* context,
                                        const v1::ListLeaveRequest* request,
                                        v1::ListLeaveResponse* response) {
  return calls_.Serve(*context, "ListLeave", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ListLeaveQuery query, ParseListLeave(*request));
    ASSIGN_OR_RETURN(std::vector<Leave> leaves,
                     store_.ListLeave(query.filter, query.after, query.page_size + 1));
    const bool more = static_cast<int>(leaves.size()) > query.page_size;
    if (more) leaves.pop_back();
    for (const Leave& l : leaves) ToProto(l, response->add_leaves());
    if (more) response->set_next_page_token(NextLeavePageToken(query, leaves.back()));
    return absl::OkStatus();
  });
}

grpc::Status StaffingService::SetShiftPattern(grpc::ServerContext* context,
                                              const v1::SetShiftPatternRequest* request,
                                              v1::SetShiftPatternResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "SetShiftPattern", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(SetShiftPatternCommand command, ParseSetShiftPattern(*request));
        ASSIGN_OR_RETURN(std::vector<Shift> shifts,
                         store_.SetShiftPattern(command.staff_id, command.shifts, clock_.Now()));
        for (const Shift& s : shifts) ToProto(s, response->add_shifts());
        return absl::OkStatus();
      });
}

grpc::Status StaffingService::SetOnCall(grpc::ServerContext* context,
                                        const v1::SetOnCallRequest* request,
                                        v1::SetOnCallResponse* response) {
  return calls_.ServeMutation(*context, *request, "SetOnCall", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(OnCallSlot slot, ParseSetOnCall(*request));
    ASSIGN_OR_RETURN(OnCallSlot stored, store_.SetOnCall(slot, clock_.Now()));
    ToProto(stored, response->mutable_slot());
    return absl::OkStatus();
  });
}

grpc::Status StaffingService::GetOnCall(grpc::ServerContext* context,
                                        const v1::GetOnCallRequest* request,
                                        v1::GetOnCallResponse* response) {
  return calls_.Serve(*context, "GetOnCall", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(GetOnCallQuery query, ParseGetOnCall(*request, clock_.Now()));
    ASSIGN_OR_RETURN(std::vector<Staff> staff, store_.GetOnCall(query.role, query.at));
    for (const Staff& s : staff) ToProto(s, response->add_staff());
    return absl::OkStatus();
  });
}

grpc::Status StaffingService::ListAuditRecords(grpc::ServerContext* context,
                                               const v1::ListAuditRecordsRequest* request,
                                               v1::ListAuditRecordsResponse* response) {
  return calls_.Serve(*context, "ListAuditRecords", response, [&] {
    return audit::ServeListAuditRecords(audit_pool_, *request, response);
  });
}

}  // namespace huiwu::staffing
