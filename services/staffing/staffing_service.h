// The gRPC handlers of huiwu.staffing.v1.StaffingService: parse (api/), call the store,
// map the result. The center's rules live in domain/, all SQL in store/.
#ifndef HUIWU_SERVICES_STAFFING_STAFFING_SERVICE_H_
#define HUIWU_SERVICES_STAFFING_STAFFING_SERVICE_H_

#include "common/server/call_gate.h"
#include "common/time/clock.h"
#include "huiwu/staffing/v1/staffing_service.grpc.pb.h"
#include "services/staffing/store/staffing_store.h"

namespace huiwu::staffing {

inline constexpr char kErrorDomain[] = "staffing.huiwu";

class StaffingService final : public v1::StaffingService::Service {
 public:
  StaffingService(const server::CallGate& calls, db::ConnectionPool& pool, const Clock& clock,
                  absl::TimeZone zone)
      : calls_(calls), audit_pool_(pool), store_(pool, zone), clock_(clock) {}

  // People, leave, working hours, on-call (staff_handlers.cc).
  grpc::Status CreateStaff(grpc::ServerContext* context, const v1::CreateStaffRequest* request,
                           v1::CreateStaffResponse* response) override;
  grpc::Status GetStaff(grpc::ServerContext* context, const v1::GetStaffRequest* request,
                        v1::GetStaffResponse* response) override;
  grpc::Status ListStaff(grpc::ServerContext* context, const v1::ListStaffRequest* request,
                         v1::ListStaffResponse* response) override;
  grpc::Status UpdateStaff(grpc::ServerContext* context, const v1::UpdateStaffRequest* request,
                           v1::UpdateStaffResponse* response) override;
  grpc::Status RequestLeave(grpc::ServerContext* context, const v1::RequestLeaveRequest* request,
                            v1::RequestLeaveResponse* response) override;
  grpc::Status ApproveLeave(grpc::ServerContext* context, const v1::ApproveLeaveRequest* request,
                            v1::ApproveLeaveResponse* response) override;
  grpc::Status RejectLeave(grpc::ServerContext* context, const v1::RejectLeaveRequest* request,
                           v1::RejectLeaveResponse* response) override;
  grpc::Status ListLeave(grpc::ServerContext* context, const v1::ListLeaveRequest* request,
                         v1::ListLeaveResponse* response) override;
  grpc::Status SetShiftPattern(grpc::ServerContext* context,
                               const v1::SetShiftPatternRequest* request,
                               v1::SetShiftPatternResponse* response) override;
  grpc::Status SetOnCall(grpc::ServerContext* context, const v1::SetOnCallRequest* request,
                         v1::SetOnCallResponse* response) override;
  grpc::Status GetOnCall(grpc::ServerContext* context, const v1::GetOnCallRequest* request,
                         v1::GetOnCallResponse* response) override;

  // Meetings' staffing, arrival, discipline, workload (duty_handlers.cc).
  grpc::Status SetStaffingRequirement(grpc::ServerContext* context,
                                      const v1::SetStaffingRequirementRequest* request,
                                      v1::SetStaffingRequirementResponse* response) override;
  grpc::Status GetStaffingRequirement(grpc::ServerContext* context,
                                      const v1::GetStaffingRequirementRequest* request,
                                      v1::GetStaffingRequirementResponse* response) override;
  grpc::Status AutoAssign(grpc::ServerContext* context, const v1::AutoAssignRequest* request,
                          v1::AutoAssignResponse* response) override;
  grpc::Status AssignStaff(grpc::ServerContext* context, const v1::AssignStaffRequest* request,
                           v1::AssignStaffResponse* response) override;
  grpc::Status UnassignStaff(grpc::ServerContext* context, const v1::UnassignStaffRequest* request,
                             v1::UnassignStaffResponse* response) override;
  grpc::Status ListAssignments(grpc::ServerContext* context,
                               const v1::ListAssignmentsRequest* request,
                               v1::ListAssignmentsResponse* response) override;
  grpc::Status ExplainEligibility(grpc::ServerContext* context,
                                  const v1::ExplainEligibilityRequest* request,
                                  v1::ExplainEligibilityResponse* response) override;
  grpc::Status CheckIn(grpc::ServerContext* context, const v1::CheckInRequest* request,
                       v1::CheckInResponse* response) override;
  grpc::Status ListAbsentees(grpc::ServerContext* context, const v1::ListAbsenteesRequest* request,
                             v1::ListAbsenteesResponse* response) override;
  grpc::Status RecordDiscipline(grpc::ServerContext* context,
                                const v1::RecordDisciplineRequest* request,
                                v1::RecordDisciplineResponse* response) override;
  grpc::Status GetWorkload(grpc::ServerContext* context, const v1::GetWorkloadRequest* request,
                           v1::GetWorkloadResponse* response) override;

  // The audit trail of this service's mutations (common/audit).
  grpc::Status ListAuditRecords(grpc::ServerContext* context,
                                const v1::ListAuditRecordsRequest* request,
                                v1::ListAuditRecordsResponse* response) override;

 private:
  const server::CallGate& calls_;
  db::ConnectionPool& audit_pool_;
  StaffingStore store_;
  const Clock& clock_;
};

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_STAFFING_SERVICE_H_
