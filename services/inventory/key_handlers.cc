// Room key handlers.
#include "common/server/actor.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/inventory/api/requests.h"
#include "services/inventory/api/resources.h"
#include "services/inventory/inventory_service.h"

namespace huiwu::inventory {

grpc::Status InventoryService::CreateRoomKey(grpc::ServerContext* context,
                                             const v1::CreateRoomKeyRequest* request,
                                             v1::CreateRoomKeyResponse* response) {
  return calls_.ServeMutation(*context, *request, "CreateRoomKey", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(CreateRoomKeyCommand command, ParseCreateRoomKey(*request));
    const absl::Time now = clock_.Now();
    ASSIGN_OR_RETURN(RoomKey key, store_.CreateRoomKey(command.key, command.request_id, now));
    ToProto(key, now, response->mutable_key());
    return absl::OkStatus();
  });
}

grpc::Status InventoryService::CheckOutKey(grpc::ServerContext* context,
                                           const v1::CheckOutKeyRequest* request,
                                           v1::CheckOutKeyResponse* response) {
  return calls_.ServeMutation(*context, *request, "CheckOutKey", response, [&]() -> absl::Status {
    const absl::Time now = clock_.Now();
    ASSIGN_OR_RETURN(CheckOutKeyCommand command, ParseCheckOutKey(*request, now));
    ASSIGN_OR_RETURN(RoomKey key, store_.CheckOutKey(command, server::ActorOf(*context), now));
    ToProto(key, now, response->mutable_key());
    return absl::OkStatus();
  });
}

grpc::Status InventoryService::ReturnKey(grpc::ServerContext* context,
                                         const v1::ReturnKeyRequest* request,
                                         v1::ReturnKeyResponse* response) {
  return calls_.ServeMutation(*context, *request, "ReturnKey", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(KeyRef key_ref, ParseReturnKey(*request));
    const absl::Time now = clock_.Now();
    ASSIGN_OR_RETURN(RoomKey key, store_.ReturnKey(key_ref, server::ActorOf(*context), now));
    ToProto(key, now, response->mutable_key());
    return absl::OkStatus();
  });
}

grpc::Status InventoryService::ListKeyHolders(grpc::ServerContext* context,
                                              const v1::ListKeyHoldersRequest* request,
                                              v1::ListKeyHoldersResponse* response) {
  return calls_.Serve(*context, "ListKeyHolders", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ListKeyHoldersQuery query, ParseListKeyHolders(*request));
    const absl::Time now = clock_.Now();
    ASSIGN_OR_RETURN(std::vector<RoomKey> keys,
                     store_.ListKeyHolders(query, now, query.page_size + 1));
    const bool more = static_cast<int>(keys.size()) > query.page_size;
    if (more) keys.pop_back();
    for (const RoomKey& key : keys) ToProto(key, now, response->add_keys());
    if (more) response->set_next_page_token(NextKeyHoldersPageToken(query, keys.back()));
    return absl::OkStatus();
  });
}

}  // namespace huiwu::inventory
