// FindAvailableRooms and GetRoomSchedule requests: validated and turned into store
// queries, and the store's answers back into responses.
#ifndef HUIWU_SERVICES_BOOKING_API_AVAILABILITY_REQUESTS_H_
#define HUIWU_SERVICES_BOOKING_API_AVAILABILITY_REQUESTS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "huiwu/booking/v1/booking_service.pb.h"
#include "services/booking/domain/meeting.h"
#include "services/booking/domain/time_window.h"
#include "services/booking/store/booking_store.h"

namespace huiwu::booking {

inline constexpr int kDefaultMaxResults = 10;
inline constexpr int kMaxMaxResults = 50;

struct FindAvailableRoomsQuery {
  TimeWindow window;
  RoomRequirements requirements;  // min_capacity 0: any size
  int max_results = kDefaultMaxResults;
  // Room rights (domain/room_rights.h): who would book; empty / nullopt: not filtered.
  std::string organizer_unit;
  std::optional<MeetingKind> kind;
};

struct RoomScheduleQuery {
  std::string building_id;  // empty: every building
  std::string room_id;      // empty: every room of the building(s)
  TimeWindow window;        // the local day or week, in Asia/Shanghai
};

absl::StatusOr<FindAvailableRoomsQuery> ParseFindAvailableRooms(
    const v1::FindAvailableRoomsRequest& request);
absl::StatusOr<RoomScheduleQuery> ParseGetRoomSchedule(const v1::GetRoomScheduleRequest& request);

void ToProto(const AvailableRoom& available, v1::AvailableRoom* out);
void ToProto(const RoomSchedule& schedule, v1::RoomSchedule* out);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_API_AVAILABILITY_REQUESTS_H_
