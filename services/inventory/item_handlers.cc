// Item handlers.
#include "common/audit/list_audit_records.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/inventory/api/requests.h"
#include "services/inventory/api/resources.h"
#include "services/inventory/inventory_service.h"

namespace huiwu::inventory {

grpc::Status InventoryService::CreateItem(grpc::ServerContext* context,
                                          const v1::CreateItemRequest* request,
                                          v1::CreateItemResponse* response) {
  return calls_.ServeMutation(*context, *request, "CreateItem", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(CreateItemCommand command, ParseCreateItem(*request));
    ASSIGN_OR_RETURN(Item item, store_.CreateItem(command.item, command.request_id, clock_.Now()));
    ToProto(item, response->mutable_item());
    return absl::OkStatus();
  });
}

grpc::Status InventoryService::GetItem(grpc::ServerContext* context,
                                       const v1::GetItemRequest* request,
                                       v1::GetItemResponse* response) {
  return calls_.Serve(*context, "GetItem", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string item_id, ParseGetItem(*request));
    ASSIGN_OR_RETURN(Item item, store_.GetItem(item_id));
    ToProto(item, response->mutable_item());
    return absl::OkStatus();
  });
}

grpc::Status InventoryService::ListItems(grpc::ServerContext* context,
                                         const v1::ListItemsRequest* request,
                                         v1::ListItemsResponse* response) {
  return calls_.Serve(*context, "ListItems", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ListItemsQuery query, ParseListItems(*request));
    // One more than a page tells whether another page follows.
    ASSIGN_OR_RETURN(std::vector<Item> items, store_.ListItems(query, query.page_size + 1));
    const bool more = static_cast<int>(items.size()) > query.page_size;
    if (more) items.pop_back();
    for (const Item& item : items) ToProto(item, response->add_items());
    if (more) response->set_next_page_token(NextItemsPageToken(query, items.back()));
    return absl::OkStatus();
  });
}

grpc::Status InventoryService::UpdateItem(grpc::ServerContext* context,
                                          const v1::UpdateItemRequest* request,
                                          v1::UpdateItemResponse* response) {
  return calls_.ServeMutation(*context, *request, "UpdateItem", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(UpdateItemCommand command, ParseUpdateItem(*request));
    ASSIGN_OR_RETURN(Item item, store_.UpdateItem(
                                    command.item_id, command.etag,
                                    [&](Item& stored) {
                                      ApplyItemUpdate(command.patch, command.fields, stored);
                                    },
                                    clock_.Now()));
    ToProto(item, response->mutable_item());
    return absl::OkStatus();
  });
}

grpc::Status InventoryService::ListAuditRecords(grpc::ServerContext* context,
                                                const v1::ListAuditRecordsRequest* request,
                                                v1::ListAuditRecordsResponse* response) {
  return calls_.Serve(*context, "ListAuditRecords", response, [&] {
    return audit::ServeListAuditRecords(audit_pool_, *request, response);
  });
}

}  // namespace huiwu::inventory
