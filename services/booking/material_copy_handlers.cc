// BookingService: numbered copies of a meeting's materials (保密文件编号发放、回收).
#include "common/server/actor.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/booking/api/material_copy_requests.h"
#include "services/booking/booking_service.h"

namespace huiwu::booking {

grpc::Status BookingService::IssueMaterialCopy(grpc::ServerContext* context,
                                               const v1::IssueMaterialCopyRequest* request,
                                               v1::IssueMaterialCopyResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "IssueMaterialCopy", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(IssueMaterialCopyCommand command, ParseIssueMaterialCopy(*request));
        ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
        command.copy.issued_by = server::ActorOf(*context);
        ASSIGN_OR_RETURN(
            MaterialCopy copy,
            store_.IssueMaterialCopy(command.copy, command.request_id, scope, clock_.Now()));
        ToProto(copy, response->mutable_material_copy());
        return absl::OkStatus();
      });
}

grpc::Status BookingService::RecoverMaterialCopy(grpc::ServerContext* context,
                                                 const v1::RecoverMaterialCopyRequest* request,
                                                 v1::RecoverMaterialCopyResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "RecoverMaterialCopy", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(CloseMaterialCopyCommand command, ParseRecoverMaterialCopy(*request));
        ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
        ASSIGN_OR_RETURN(MaterialCopy copy,
                         store_.CloseMaterialCopy(command.meeting_id, command.number,
                                                  MaterialCopyState::kRecovered, "",
                                                  server::ActorOf(*context), scope, clock_.Now()));
        ToProto(copy, response->mutable_material_copy());
        return absl::OkStatus();
      });
}

grpc::Status BookingService::WriteOffMaterialCopy(grpc::ServerContext* context,
                                                  const v1::WriteOffMaterialCopyRequest* request,
                                                  v1::WriteOffMaterialCopyResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "WriteOffMaterialCopy", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(CloseMaterialCopyCommand command, ParseWriteOffMaterialCopy(*request));
        ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
        ASSIGN_OR_RETURN(MaterialCopy copy,
                         store_.CloseMaterialCopy(command.meeting_id, command.number,
                                                  MaterialCopyState::kWrittenOff, command.reason,
                                                  server::ActorOf(*context), scope, clock_.Now()));
        ToProto(copy, response->mutable_material_copy());
        return absl::OkStatus();
      });
}

grpc::Status BookingService::ListMaterialCopies(grpc::ServerContext* context,
                                                const v1::ListMaterialCopiesRequest* request,
                                                v1::ListMaterialCopiesResponse* response) {
  return calls_.Serve(*context, "ListMaterialCopies", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string meeting_id, ParseListMaterialCopies(*request));
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    ASSIGN_OR_RETURN(MaterialCopyList list, store_.ListMaterialCopies(meeting_id, scope));
    ToProto(list, response);
    return absl::OkStatus();
  });
}

}  // namespace huiwu::booking
