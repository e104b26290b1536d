// Kit template and meeting kit handlers.
#include "common/server/actor.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/inventory/api/requests.h"
#include "services/inventory/api/resources.h"
#include "services/inventory/inventory_service.h"

namespace huiwu::inventory {

grpc::Status InventoryService::CreateKitTemplate(grpc::ServerContext* context,
                                                 const v1::CreateKitTemplateRequest* request,
                                                 v1::CreateKitTemplateResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "CreateKitTemplate", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(CreateKitTemplateCommand command, ParseCreateKitTemplate(*request));
        ASSIGN_OR_RETURN(
            KitTemplate created,
            store_.CreateKitTemplate(command.kit_template, command.request_id, clock_.Now()));
        ToProto(created, response->mutable_kit_template());
        return absl::OkStatus();
      });
}

grpc::Status InventoryService::ReserveKit(grpc::ServerContext* context,
                                          const v1::ReserveKitRequest* request,
                                          v1::ReserveKitResponse* response) {
  return calls_.ServeMutation(*context, *request, "ReserveKit", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ReserveKitCommand command, ParseReserveKit(*request));
    ASSIGN_OR_RETURN(Kit kit, store_.ReserveKit(command, clock_.Now()));
    ToProto(kit, response->mutable_kit());
    return absl::OkStatus();
  });
}

grpc::Status InventoryService::GetMeetingKit(grpc::ServerContext* context,
                                             const v1::GetMeetingKitRequest* request,
                                             v1::GetMeetingKitResponse* response) {
  return calls_.Serve(*context, "GetMeetingKit", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string meeting_id, ParseGetMeetingKit(*request));
    ASSIGN_OR_RETURN(Kit kit, store_.GetKit(meeting_id));
    ToProto(kit, response->mutable_kit());
    return absl::OkStatus();
  });
}

grpc::Status InventoryService::IssueKit(grpc::ServerContext* context,
                                        const v1::IssueKitRequest* request,
                                        v1::IssueKitResponse* response) {
  return calls_.ServeMutation(*context, *request, "IssueKit", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(KitStepCommand command, ParseIssueKit(*request));
    ASSIGN_OR_RETURN(Kit kit, store_.IssueKit(command, server::ActorOf(*context), clock_.Now()));
    ToProto(kit, response->mutable_kit());
    return absl::OkStatus();
  });
}

grpc::Status InventoryService::SettleKit(grpc::ServerContext* context,
                                         const v1::SettleKitRequest* request,
                                         v1::SettleKitResponse* response) {
  return calls_.ServeMutation(*context, *request, "SettleKit", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(KitStepCommand command, ParseSettleKit(*request));
    ASSIGN_OR_RETURN(Kit kit, store_.SettleKit(command, server::ActorOf(*context), clock_.Now()));
    ToProto(kit, response->mutable_kit());
    return absl::OkStatus();
  });
}

grpc::Status InventoryService::ReleaseKit(grpc::ServerContext* context,
                                          const v1::ReleaseKitRequest* request,
                                          v1::ReleaseKitResponse* response) {
  return calls_.ServeMutation(*context, *request, "ReleaseKit", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(KitStepCommand command, ParseReleaseKit(*request));
    ASSIGN_OR_RETURN(Kit kit, store_.ReleaseKit(command, server::ActorOf(*context), clock_.Now()));
    ToProto(kit, response->mutable_kit());
    return absl::OkStatus();
  });
}

}  // namespace huiwu::inventory
