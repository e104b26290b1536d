#include "services/booking/room_clearance.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"
#include "common/server/peer_channel.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "grpcpp/client_context.h"
#include "services/booking/api/catalog_requests.h"

namespace huiwu::booking {
namespace {

// How many blocks an answer names, and how much of each one's description: safety
// describes a hazard in up to 1000 characters, and an error must stay small.
constexpr size_t kBlocksShown = 3;
constexpr int kBlockDescriptionBytes = 160;

}  // namespace

RoomClearance::RoomClearance(absl::string_view safety_target, const config::TlsConfig& tls,
                             absl::Duration deadline)
    : deadline_(deadline) {
  if (safety_target.empty()) return;
  stub_ =
      safety::v1::SafetyService::NewStub(server::MakePeerChannel(std::string(safety_target), tls));
  check_ = [this](absl::string_view building_id, absl::string_view room_id, TimeWindow hold) {
    return Check(building_id, room_id, hold);
  };
}

absl::Status RoomClearance::Check(absl::string_view building_id, absl::string_view room_id,
                                  TimeWindow hold) const {
  const std::string room = RoomName(building_id, room_id);
  safety::v1::CheckRoomClearanceRequest request;
  request.set_room(room);
  *request.mutable_start_time() = api::ToTimestamp(hold.start);
  *request.mutable_end_time() = api::ToTimestamp(hold.end);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
  safety::v1::CheckRoomClearanceResponse response;
  grpc::Status status = stub_->CheckRoomClearance(&context, request, &response);
  if (!status.ok()) return SafetyUnreachable(room, status);
  return ClearanceAnswer(room, response);
}

absl::Status ClearanceAnswer(absl::string_view room,
                             const safety::v1::CheckRoomClearanceResponse& response) {
  if (response.clear()) return absl::OkStatus();
  std::vector<std::string> blocks;
  std::vector<std::string> resources;
  for (const safety::v1::ClearanceBlock& block : response.blocks()) {
    blocks.push_back(absl::StrCat(block.resource(), " (",
                                  Shorten(block.description(), kBlockDescriptionBytes), ")"));
    resources.push_back(block.resource());
  }
  const std::string count = absl::StrCat(response.blocks_size());
  return ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "ROOM_NOT_CLEARED",
      absl::StrCat(room,
                   " is not cleared for use by safety, so nothing was held; resolve what "
                   "blocks it or choose another room. Blocked by ",
                   blocks.empty() ? "an unnamed block" : JoinFirst(blocks, kBlocksShown)),
      {{"room", std::string(room)},
       {"block_count", count},
       {"blocks", JoinFirst(resources, kBlocksShown)}});
}

absl::Status SafetyUnreachable(absl::string_view room, const grpc::Status& status) {
  const std::string code =
      absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code()));
  return ErrorWithReason(
      absl::StatusCode::kUnavailable, "SAFETY_UNAVAILABLE",
      absl::StrCat("the clearance of ", room, " could not be checked (safety: ", code, ": ",
                   Shorten(status.error_message(), 200),
                   "), so nothing was held; retry when the safety service is back"),
      {{"room", std::string(room)}, {"safety_code", code}});
}

}  // namespace huiwu::booking
