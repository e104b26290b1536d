// The gRPC handlers of huiwu.safety.v1.SafetyService: validate (api/), call the store,
// map the result. The center's rules live in domain/, all SQL in store/.
#ifndef HUIWU_SERVICES_SAFETY_SAFETY_SERVICE_H_
#define HUIWU_SERVICES_SAFETY_SAFETY_SERVICE_H_

#include "common/server/call_gate.h"
#include "common/time/clock.h"
#include "huiwu/safety/v1/safety_service.grpc.pb.h"
#include "services/safety/store/safety_store.h"

namespace huiwu::safety {

inline constexpr char kErrorDomain[] = "safety.huiwu";

class SafetyService final : public v1::SafetyService::Service {
 public:
  SafetyService(const server::CallGate& calls, db::ConnectionPool& pool, const Clock& clock)
      : calls_(calls), audit_pool_(pool), store_(pool), clock_(clock) {}

  // Checklists, schedules, inspections (checklist_handlers.cc).
  grpc::Status CreateChecklistTemplate(grpc::ServerContext* context,
                                       const v1::CreateChecklistTemplateRequest* request,
                                       v1::CreateChecklistTemplateResponse* response) override;
  grpc::Status ListChecklistTemplates(grpc::ServerContext* context,
                                      const v1::ListChecklistTemplatesRequest* request,
                                      v1::ListChecklistTemplatesResponse* response) override;
  grpc::Status CreateInspectionSchedule(grpc::ServerContext* context,
                                        const v1::CreateInspectionScheduleRequest* request,
                                        v1::CreateInspectionScheduleResponse* response) override;
  grpc::Status ListInspectionTasks(grpc::ServerContext* context,
                                   const v1::ListInspectionTasksRequest* request,
                                   v1::ListInspectionTasksResponse* response) override;
  grpc::Status SubmitInspection(grpc::ServerContext* context,
                                const v1::SubmitInspectionRequest* request,
                                v1::SubmitInspectionResponse* response) override;

  // Hazards (hazard_handlers.cc).
  grpc::Status ReportHazard(grpc::ServerContext* context, const v1::ReportHazardRequest* request,
                            v1::ReportHazardResponse* response) override;
  grpc::Status GetHazard(grpc::ServerContext* context, const v1::GetHazardRequest* request,
                         v1::GetHazardResponse* response) override;
  grpc::Status ListHazards(grpc::ServerContext* context, const v1::ListHazardsRequest* request,
                           v1::ListHazardsResponse* response) override;
  grpc::Status AssignHazard(grpc::ServerContext* context, const v1::AssignHazardRequest* request,
                            v1::AssignHazardResponse* response) override;
  grpc::Status StartHazardRectification(grpc::ServerContext* context,
                                        const v1::StartHazardRectificationRequest* request,
                                        v1::StartHazardRectificationResponse* response) override;
  grpc::Status ResolveHazard(grpc::ServerContext* context, const v1::ResolveHazardRequest* request,
                             v1::ResolveHazardResponse* response) override;
  grpc::Status VerifyHazard(grpc::ServerContext* context, const v1::VerifyHazardRequest* request,
                            v1::VerifyHazardResponse* response) override;
  grpc::Status ReopenHazard(grpc::ServerContext* context, const v1::ReopenHazardRequest* request,
                            v1::ReopenHazardResponse* response) override;
  grpc::Status ReReportHazard(grpc::ServerContext* context,
                              const v1::ReReportHazardRequest* request,
                              v1::ReReportHazardResponse* response) override;

  // Disinfection, clearance, emergency plans (facility_handlers.cc).
  grpc::Status CreateDisinfectionTask(grpc::ServerContext* context,
                                      const v1::CreateDisinfectionTaskRequest* request,
                                      v1::CreateDisinfectionTaskResponse* response) override;
  grpc::Status CompleteDisinfection(grpc::ServerContext* context,
                                    const v1::CompleteDisinfectionRequest* request,
                                    v1::CompleteDisinfectionResponse* response) override;
  grpc::Status CheckRoomClearance(grpc::ServerContext* context,
                                  const v1::CheckRoomClearanceRequest* request,
                                  v1::CheckRoomClearanceResponse* response) override;
  grpc::Status CreateEmergencyPlan(grpc::ServerContext* context,
                                   const v1::CreateEmergencyPlanRequest* request,
                                   v1::CreateEmergencyPlanResponse* response) override;
  grpc::Status RecordDrill(grpc::ServerContext* context, const v1::RecordDrillRequest* request,
                           v1::RecordDrillResponse* response) override;

  // The audit trail of this service's mutations (common/audit).
  grpc::Status ListAuditRecords(grpc::ServerContext* context,
                                const v1::ListAuditRecordsRequest* request,
                                v1::ListAuditRecordsResponse* response) override;

 private:
  const server::CallGate& calls_;
  db::ConnectionPool& audit_pool_;
  SafetyStore store_;
  const Clock& clock_;
};

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_SAFETY_SERVICE_H_
