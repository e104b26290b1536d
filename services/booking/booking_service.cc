#include "services/booking/booking_service.h"

#include "common/audit/list_audit_records.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/booking/api/catalog_requests.h"
#include "services/booking/domain/organizer_scope.h"

namespace huiwu::booking {

grpc::Status BookingService::CreateBuilding(grpc::ServerContext* context,
                                            const v1::CreateBuildingRequest* request,
                                            v1::CreateBuildingResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "CreateBuilding", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(CreateBuildingCommand command, ParseCreateBuilding(*request));
        ASSIGN_OR_RETURN(Building building,
                         store_.CreateBuilding(command.building, command.request_id, clock_.Now()));
        ToProto(building, response->mutable_building());
        return absl::OkStatus();
      });
}

grpc::Status BookingService::GetBuilding(grpc::ServerContext* context,
                                         const v1::GetBuildingRequest* request,
                                         v1::GetBuildingResponse* response) {
  return calls_.Serve(*context, "GetBuilding", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string building_id, ParseBuildingName("name", request->name()));
    ASSIGN_OR_RETURN(Building building, store_.GetBuilding(building_id));
    ToProto(building, response->mutable_building());
    return absl::OkStatus();
  });
}

grpc::Status BookingService::ListBuildings(grpc::ServerContext* context,
                                           const v1::ListBuildingsRequest* request,
                                           v1::ListBuildingsResponse* response) {
  return calls_.Serve(*context, "ListBuildings", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ListBuildingsQuery query, ParseListBuildings(*request));
    // One more than a page tells whether another page follows.
    ASSIGN_OR_RETURN(std::vector<Building> buildings,
                     store_.ListBuildings(query.after_id, query.page_size + 1));
    const bool more = static_cast<int>(buildings.size()) > query.page_size;
    if (more) buildings.pop_back();
    for (const Building& b : buildings) ToProto(b, response->add_buildings());
    if (more) response->set_next_page_token(NextBuildingsPageToken(buildings.back()));
    return absl::OkStatus();
  });
}

grpc::Status BookingService::CreateRoom(grpc::ServerContext* context,
                                        const v1::CreateRoomRequest* request,
                                        v1::CreateRoomResponse* response) {
  return calls_.ServeMutation(*context, *request, "CreateRoom", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(CreateRoomCommand command, ParseCreateRoom(*request));
    ASSIGN_OR_RETURN(Room room, store_.CreateRoom(command.room, command.request_id, clock_.Now()));
    ToProto(room, response->mutable_room());
    return absl::OkStatus();
  });
}

grpc::Status BookingService::GetRoom(grpc::ServerContext* context,
                                     const v1::GetRoomRequest* request,
                                     v1::GetRoomResponse* response) {
  return calls_.Serve(*context, "GetRoom", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(RoomKey key, ParseRoomName("name", request->name()));
    ASSIGN_OR_RETURN(Room room, store_.GetRoom(key.building_id, key.room_id));
    ToProto(room, response->mutable_room());
    return absl::OkStatus();
  });
}

grpc::Status BookingService::ListRooms(grpc::ServerContext* context,
                                       const v1::ListRoomsRequest* request,
                                       v1::ListRoomsResponse* response) {
  return calls_.Serve(*context, "ListRooms", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ListRoomsQuery query, ParseListRooms(*request));
    ASSIGN_OR_RETURN(std::vector<Room> rooms,
                     store_.ListRooms(query.filter, query.after, query.page_size + 1));
    const bool more = static_cast<int>(rooms.size()) > query.page_size;
    if (more) rooms.pop_back();
    for (const Room& room : rooms) ToProto(room, response->add_rooms());
    if (more) response->set_next_page_token(NextRoomsPageToken(query, rooms.back()));
    return absl::OkStatus();
  });
}

grpc::Status BookingService::UpdateRoom(grpc::ServerContext* context,
                                        const v1::UpdateRoomRequest* request,
                                        v1::UpdateRoomResponse* response) {
  return calls_.ServeMutation(*context, *request, "UpdateRoom", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(UpdateRoomCommand command, ParseUpdateRoom(*request));
    ASSIGN_OR_RETURN(Room room, store_.UpdateRoom(
                                    command.key.building_id, command.key.room_id, command.etag,
                                    [&](Room& stored) {
                                      ApplyRoomUpdate(command.patch, command.fields, stored);
                                    },
                                    clock_.Now()));
    ToProto(room, response->mutable_room());
    return absl::OkStatus();
  });
}

grpc::Status BookingService::DeleteRoom(grpc::ServerContext* context,
                                        const v1::DeleteRoomRequest* request,
                                        v1::DeleteRoomResponse* response) {
  return calls_.ServeMutation(*context, *request, "DeleteRoom", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(DeleteRoomCommand command, ParseDeleteRoom(*request));
    return store_.DeleteRoom(command.key.building_id, command.key.room_id, command.etag,
                             clock_.Now());
  });
}

absl::StatusOr<std::string> BookingService::OrganizerScopeOf(
    const grpc::ServerContext& context) const {
  ASSIGN_OR_RETURN(server::CallerAccess access, calls_.AccessOf(context));
  return access.organizer_unit;
}

absl::StatusOr<api::ConfidentialViewer> BookingService::ViewerOf(
    const grpc::ServerContext& context) const {
  ASSIGN_OR_RETURN(server::CallerAccess access, calls_.AccessOf(context));
  return access.viewer();
}

grpc::Status BookingService::ListAuditRecords(grpc::ServerContext* context,
                                              const v1::ListAuditRecordsRequest* request,
                                              v1::ListAuditRecordsResponse* response) {
  return calls_.Serve(*context, "ListAuditRecords", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    RETURN_IF_ERROR(CheckCenterWide("the audit trail", scope));
    return audit::ServeListAuditRecords(audit_pool_, *request, response);
  });
}

}  // namespace huiwu::booking
