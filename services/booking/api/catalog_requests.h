// Catalog requests: validated and turned into domain values (proto → domain), and
// domain values back into resources (domain → proto). Every field is checked; a bad
// request gets INVALID_ARGUMENT naming each bad field, before anything is written.
#ifndef HUIWU_SERVICES_BOOKING_API_CATALOG_REQUESTS_H_
#define HUIWU_SERVICES_BOOKING_API_CATALOG_REQUESTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "huiwu/booking/v1/booking_service.pb.h"
#include "services/booking/domain/catalog.h"

namespace huiwu::booking {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 200;

struct RoomKey {
  std::string building_id;
  std::string room_id;
};

struct CreateBuildingCommand {
  Building building;
  std::string request_id;
};

struct CreateRoomCommand {
  Room room;
  std::string request_id;
};

struct ListRoomsQuery {
  RoomFilter filter;
  int page_size = kDefaultPageSize;
  std::vector<std::string> after;  // empty, or {building_id, room_id}
  std::string filter_text;         // canonical filter, bound into page tokens
};

struct ListBuildingsQuery {
  int page_size = kDefaultPageSize;
  std::string after_id;
};

struct UpdateRoomCommand {
  RoomKey key;
  Room patch;
  uint32_t fields = 0;
  std::string etag;  // empty: unconditional
};

struct DeleteRoomCommand {
  RoomKey key;
  std::string etag;
};

absl::StatusOr<CreateBuildingCommand> ParseCreateBuilding(const v1::CreateBuildingRequest& request);
absl::StatusOr<std::string> ParseBuildingName(absl::string_view field, absl::string_view name);
absl::StatusOr<ListBuildingsQuery> ParseListBuildings(const v1::ListBuildingsRequest& request);
absl::StatusOr<CreateRoomCommand> ParseCreateRoom(const v1::CreateRoomRequest& request);
absl::StatusOr<RoomKey> ParseRoomName(absl::string_view field, absl::string_view name);
absl::StatusOr<ListRoomsQuery> ParseListRooms(const v1::ListRoomsRequest& request);
absl::StatusOr<UpdateRoomCommand> ParseUpdateRoom(const v1::UpdateRoomRequest& request);
absl::StatusOr<DeleteRoomCommand> ParseDeleteRoom(const v1::DeleteRoomRequest& request);

std::string BuildingName(absl::string_view building_id);
std::string RoomName(absl::string_view building_id, absl::string_view room_id);

void ToProto(const Building& building, v1::Building* out);
void ToProto(const Room& room, v1::Room* out);

std::string NextBuildingsPageToken(const Building& last);
std::string NextRoomsPageToken(const ListRoomsQuery& query, const Room& last);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_API_CATALOG_REQUESTS_H_
