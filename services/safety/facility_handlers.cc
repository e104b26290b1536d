#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/safety/api/facility_requests.h"
#include "services/safety/safety_service.h"

namespace huiwu::safety {

grpc::Status SafetyService::CreateDisinfectionTask(grpc::ServerContext* context,
                                                   const v1::CreateDisinfectionTaskRequest* request,
                                                   v1::CreateDisinfectionTaskResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "CreateDisinfectionTask", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(CreateDisinfectionCommand command, ParseCreateDisinfection(*request));
        ASSIGN_OR_RETURN(
            DisinfectionTask task,
            store_.CreateDisinfectionTask(command.task, command.request_id, clock_.Now()));
        ToProto(task, response->mutable_disinfection_task());
        return absl::OkStatus();
      });
}

grpc::Status SafetyService::CompleteDisinfection(grpc::ServerContext* context,
                                                 const v1::CompleteDisinfectionRequest* request,
                                                 v1::CompleteDisinfectionResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "CompleteDisinfection", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(CompleteDisinfectionCommand command, ParseCompleteDisinfection(*request));
        ASSIGN_OR_RETURN(DisinfectionTask task,
                         store_.CompleteDisinfection(command.task_id, command.done,
                                                     command.time_given, clock_.Now()));
        ToProto(task, response->mutable_disinfection_task());
        return absl::OkStatus();
      });
}

grpc::Status SafetyService::CheckRoomClearance(grpc::ServerContext* context,
                                               const v1::CheckRoomClearanceRequest* request,
                                               v1::CheckRoomClearanceResponse* response) {
  return calls_.Serve(*context, "CheckRoomClearance", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ClearanceQuery query, ParseCheckClearance(*request));
    ASSIGN_OR_RETURN(Clearance clearance,
                     store_.CheckClearance(query.room, query.start, query.end, clock_.Now()));
    ToProto(clearance, response);
    return absl::OkStatus();
  });
}

grpc::Status SafetyService::CreateEmergencyPlan(grpc::ServerContext* context,
                                                const v1::CreateEmergencyPlanRequest* request,
                                                v1::CreateEmergencyPlanResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "CreateEmergencyPlan", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(CreatePlanCommand command, ParseCreatePlan(*request));
        ASSIGN_OR_RETURN(EmergencyPlan plan,
                         store_.CreatePlan(command.plan, command.request_id, clock_.Now()));
        ToProto(plan, response->mutable_emergency_plan());
        return absl::OkStatus();
      });
}

grpc::Status SafetyService::RecordDrill(grpc::ServerContext* context,
                                        const v1::RecordDrillRequest* request,
                                        v1::RecordDrillResponse* response) {
  return calls_.ServeMutation(*context, *request, "RecordDrill", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(RecordDrillCommand command, ParseRecordDrill(*request));
    ASSIGN_OR_RETURN(Drill drill,
                     store_.RecordDrill(command.drill, command.request_id, clock_.Now()));
    ToProto(drill, response->mutable_drill());
    return absl::OkStatus();
  });
}

}  // namespace huiwu::safety
