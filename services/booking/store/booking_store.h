// All SQL of the booking service. Statements are named constants, prepared once per
// connection; every operation is one transaction run by db::InTransaction (retried
// whole on deadlock/certification failure/lost connection).
#ifndef HUIWU_SERVICES_BOOKING_STORE_BOOKING_STORE_H_
#define HUIWU_SERVICES_BOOKING_STORE_BOOKING_STORE_H_

#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "services/booking/domain/catalog.h"

namespace huiwu::booking {

class BookingStore final {
 public:
  explicit BookingStore(db::ConnectionPool& pool) : pool_(pool) {}

  // With a request_id, a retry returns the building created first (and writes nothing).
  absl::StatusOr<Building> CreateBuilding(const Building& building, absl::string_view request_id,
                                          absl::Time now);
  absl::StatusOr<Building> GetBuilding(absl::string_view building_id);
  // Buildings ordered by id after `after_id`, at most `limit`.
  absl::StatusOr<std::vector<Building>> ListBuildings(absl::string_view after_id, int limit);

  absl::StatusOr<Room> CreateRoom(const Room& room, absl::string_view request_id, absl::Time now);
  absl::StatusOr<Room> GetRoom(absl::string_view building_id, absl::string_view room_id);
  // Rooms ordered by (building, room) after `after` ({} or {building_id, room_id}).
  absl::StatusOr<std::vector<Room>> ListRooms(const RoomFilter& filter,
                                              const std::vector<std::string>& after, int limit);
  // Reads the room locked, checks `etag` (when not empty), lets `apply` change it, writes
  // it back with a new version.
  absl::StatusOr<Room> UpdateRoom(absl::string_view building_id, absl::string_view room_id,
                                  absl::string_view etag, absl::FunctionRef<void(Room&)> apply,
                                  absl::Time now);
  absl::Status DeleteRoom(absl::string_view building_id, absl::string_view room_id,
                          absl::string_view etag);

 private:
  db::ConnectionPool& pool_;
};

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_STORE_BOOKING_STORE_H_
