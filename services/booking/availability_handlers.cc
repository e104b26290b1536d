// BookingService: free rooms for a window, and room schedules.
#include "common/api/timestamp.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/booking/api/availability_requests.h"
#include "services/booking/booking_service.h"
#include "services/booking/domain/organizer_scope.h"
#include "services/booking/domain/room_fit.h"
#include "services/booking/domain/room_rights.h"

namespace huiwu::booking {

grpc::Status BookingService::FindAvailableRooms(grpc::ServerContext* context,
                                                const v1::FindAvailableRoomsRequest* request,
                                                v1::FindAvailableRoomsResponse* response) {
  return calls_.Serve(*context, "FindAvailableRooms", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(FindAvailableRoomsQuery query, ParseFindAvailableRooms(*request));
    // A unit-bound caller books only for its own unit, so it is shown only the rooms its
    // unit may have (a room kept for another unit is no answer to its search).
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    if (!query.organizer_unit.empty()) {
      RETURN_IF_ERROR(CheckActsFor("organizer_unit", query.organizer_unit, scope));
    } else {
      query.organizer_unit = scope;
    }
    ASSIGN_OR_RETURN(std::vector<AvailableRoom> all_free,
                     store_.FindAvailableRooms(query.window, query.requirements));
    std::vector<AvailableRoom> free;
    for (AvailableRoom& room : all_free) {
      if (OfferedTo(room.room.rights, query.organizer_unit, query.kind)) {
        free.push_back(std::move(room));
      }
    }
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
