// BookingService: free rooms for a window, and room schedules.
#include "common/api/timestamp.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/booking/api/availability_requests.h"
#include "services/booking/booking_service.h"
#include "services/booking/domain/organizer_scope.h"
#include "services/booking/domain/room_fit.h"

namespace huiwu::booking {

grpc::Status BookingService::FindAvailableRooms(grpc::ServerContext* context,
                                                const v1::FindAvailableRoomsRequest* request,
                                                v1::FindAvailableRoomsResponse* response) {
  return calls_.Serve(*context, "FindAvailableRooms", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(FindAvailableRoomsQuery query, ParseFindAvailableRooms(*request));
    ASSIGN_OR_RETURN(std::vector<AvailableRoom> free,
                     store_.FindAvailableRooms(query.window, query.requirements));
    std::vector<Room> rooms;
    for (const AvailableRoom& room : free) rooms.push_back(room.room);
    // Best fit first (preferred building, smallest sufficient room, least surplus).
    for (size_t i : RankRoomsByFit(rooms, query.requirements)) {
      if (response->rooms_size() == query.max_results) break;
      ToProto(free[i], response->add_rooms());
    }
    return absl::OkStatus();
  });
}

grpc::Status BookingService::GetRoomSchedule(grpc::ServerContext* context,
                                             const v1::GetRoomScheduleRequest* request,
                                             v1::GetRoomScheduleResponse* response) {
  return calls_.Serve(*context, "GetRoomSchedule", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(RoomScheduleQuery query, ParseGetRoomSchedule(*request));
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    RETURN_IF_ERROR(CheckCenterWide("a room's schedule", scope));
    ASSIGN_OR_RETURN(std::vector<RoomSchedule> schedules,
                     store_.GetRoomSchedule(query.building_id, query.room_id, query.window));
    *response->mutable_start_time() = api::ToTimestamp(query.window.start);
    *response->mutable_end_time() = api::ToTimestamp(query.window.end);
    for (const RoomSchedule& schedule : schedules) ToProto(schedule, response->add_rooms());
    return absl::OkStatus();
  });
}

}  // namespace huiwu::booking
