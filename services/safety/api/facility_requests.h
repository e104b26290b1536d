// Disinfection, clearance and emergency-plan requests: checked field by field and turned
// into domain values; domain values back into resources.
#ifndef HUIWU_SERVICES_SAFETY_API_FACILITY_REQUESTS_H_
#define HUIWU_SERVICES_SAFETY_API_FACILITY_REQUESTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "huiwu/safety/v1/safety_service.pb.h"
#include "services/safety/domain/facility.h"

namespace huiwu::safety {

struct CreateDisinfectionCommand {
  DisinfectionTask task;
  std::string request_id;
};

struct CompleteDisinfectionCommand {
  std::string task_id;
  DisinfectionTask done;  // performer, method, complete_time, note
  bool time_given = false;
};

struct ClearanceQuery {
  Place room;
  absl::Time start;
  absl::Time end;
};

struct CreatePlanCommand {
  EmergencyPlan plan;
  std::string request_id;
};

struct RecordDrillCommand {
  Drill drill;
  std::string request_id;
};

absl::StatusOr<CreateDisinfectionCommand> ParseCreateDisinfection(
    const v1::CreateDisinfectionTaskRequest& request);
absl::StatusOr<CompleteDisinfectionCommand> ParseCompleteDisinfection(
    const v1::CompleteDisinfectionRequest& request);
absl::StatusOr<ClearanceQuery> ParseCheckClearance(const v1::CheckRoomClearanceRequest& request);
absl::StatusOr<CreatePlanCommand> ParseCreatePlan(const v1::CreateEmergencyPlanRequest& request);
absl::StatusOr<RecordDrillCommand> ParseRecordDrill(const v1::RecordDrillRequest& request);

void ToProto(const DisinfectionTask& task, v1::DisinfectionTask* out);
void ToProto(const Clearance& clearance, v1::CheckRoomClearanceResponse* out);
void ToProto(const EmergencyPlan& plan, v1::EmergencyPlan* out);
void ToProto(const Drill& drill, v1::Drill* out);

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_API_FACILITY_REQUESTS_H_
