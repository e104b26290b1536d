// Room clearance before a room is held (DESIGN §2): booking asks safety's
// CheckRoomClearance synchronously, with a deadline, and holds the room only when it is
// clear. Fail closed for safety: when safety cannot be asked, nothing is held.
#ifndef HUIWU_SERVICES_BOOKING_ROOM_CLEARANCE_H_
#define HUIWU_SERVICES_BOOKING_ROOM_CLEARANCE_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/config/tls_config.h"
#include "grpcpp/support/status.h"
#include "huiwu/safety/v1/safety_service.grpc.pb.h"
#include "services/booking/domain/time_window.h"
#include "services/booking/store/booking_store.h"

namespace huiwu::booking {

class RoomClearance final {
 public:
  // Asks safety at `safety_target` (config.peers.safety), each call within `deadline`
  // (config.events.peer_deadline). An empty target: clearance is not checked.
  RoomClearance(absl::string_view safety_target, const config::TlsConfig& tls,
                absl::Duration deadline);
  RoomClearance(const RoomClearance&) = delete;  // check() refers to this object
  RoomClearance& operator=(const RoomClearance&) = delete;

  // For the store (ClearanceCheck): Check, or empty when clearance is not checked.
  const ClearanceCheck& check() const { return check_; }

  // OK when safety clears the room for `hold` (set-up and clean-up included); else
  // FAILED_PRECONDITION ROOM_NOT_CLEARED naming what blocks it, or UNAVAILABLE
  // SAFETY_UNAVAILABLE when safety did not answer in time.
  absl::Status Check(absl::string_view building_id, absl::string_view room_id,
                     TimeWindow hold) const;

 private:
  std::unique_ptr<safety::v1::SafetyService::Stub> stub_;
  absl::Duration deadline_;
  ClearanceCheck check_;
};

// Safety's answer for `room` as the confirm's status: OK when clear, else
// FAILED_PRECONDITION, reason ROOM_NOT_CLEARED, naming the first blocks and how many
// more (the answer stays small however many there are).
absl::Status ClearanceAnswer(absl::string_view room,
                             const safety::v1::CheckRoomClearanceResponse& response);

// UNAVAILABLE, reason SAFETY_UNAVAILABLE: the clearance of `room` could not be checked
// (safety's `status`), so nothing was held.
absl::Status SafetyUnreachable(absl::string_view room, const grpc::Status& status);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_ROOM_CLEARANCE_H_
