#include "tools/huiwuctl/catalog_commands.h"

#include <cstdio>
#include <memory>
#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "tools/huiwuctl/catalog_seed.h"
#include "tools/huiwuctl/rpc_error.h"
#include "tools/huiwuctl/table.h"

ABSL_FLAG(std::string, building, "",
          "rooms: only the rooms of this building id, e.g. city-hall; empty lists every "
          "building's rooms.");

namespace huiwu::ctl {
namespace {

namespace v1 = booking::v1;

// The largest page the service serves: fewer round trips for a listing.
constexpr int kPageSize = 200;

// What a seed step found or did.
enum class Outcome { kCreated, kAlreadyPresent, kFailed, kStop };

struct SeedTally {
  int created = 0;
  int present = 0;
  int failed = 0;
};

void PrintOutcome(absl::string_view kind, absl::string_view name, absl::string_view display_name,
                  Outcome outcome) {
  if (outcome != Outcome::kCreated && outcome != Outcome::kAlreadyPresent) return;
  std::printf("%.*s %.*s (%.*s): %s\n", static_cast<int>(kind.size()), kind.data(),
              static_cast<int>(name.size()), name.data(), static_cast<int>(display_name.size()),
              display_name.data(), outcome == Outcome::kCreated ? "created" : "already present");
}

// A failed call: systemic errors (server down, deadline, access) stop the seeding, others
// (this one resource is refused) are counted and the rest is still loaded.
Outcome Failed(absl::string_view what, const grpc::Status& status) {
  PrintRpcError(what, status);
  return IsSystemic(status) ? Outcome::kStop : Outcome::kFailed;
}

// Looks first, so that a second run reports "already present" even though a create
// with the same request_id would succeed again with the first result. The create still
// carries a deterministic request_id, so that a retried call (lost answer, UNAVAILABLE)
// never creates twice, and ALREADY_EXISTS (someone else created it meanwhile) is fine.
Outcome EnsureBuilding(const CommandContext& context, v1::BookingService::Stub& stub,
                       const BuildingSeed& seed) {
  const std::string name = absl::StrCat("buildings/", seed.building_id);
  const std::string request_id = absl::StrCat("seed-building-", seed.building_id);
  {
    v1::GetBuildingRequest request;
    request.set_name(name);
    v1::GetBuildingResponse response;
    const grpc::Status status =
        stub.GetBuilding(context.NewCall(request_id).get(), request, &response);
    if (status.ok()) return Outcome::kAlreadyPresent;
    if (status.error_code() != grpc::StatusCode::NOT_FOUND) {
      return Failed(absl::StrCat("get ", name), status);
    }
  }
  v1::CreateBuildingRequest request;
  request.set_building_id(seed.building_id);
  request.set_request_id(request_id);
  request.mutable_building()->set_display_name(seed.display_name);
  v1::CreateBuildingResponse response;
  const grpc::Status status =
      stub.CreateBuilding(context.NewCall(request_id).get(), request, &response);
  if (status.ok()) return Outcome::kCreated;
  if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) return Outcome::kAlreadyPresent;
  return Failed(absl::StrCat("create ", name), status);
}

Outcome EnsureRoom(const CommandContext& context, v1::BookingService::Stub& stub,
                   const RoomSeed& seed) {
  const std::string parent = absl::StrCat("buildings/", seed.building_id);
  const std::string name = absl::StrCat(parent, "/rooms/", seed.room_id);
  const std::string request_id = absl::StrCat("seed-room-", seed.building_id, "-", seed.room_id);
  {
    v1::GetRoomRequest request;
    request.set_name(name);
    v1::GetRoomResponse response;
    const grpc::Status status = stub.GetRoom(context.NewCall(request_id).get(), request, &response);
    if (status.ok()) return Outcome::kAlreadyPresent;
    if (status.error_code() != grpc::StatusCode::NOT_FOUND) {
      return Failed(absl::StrCat("get ", name), status);
    }
  }
  v1::CreateRoomRequest request;
  request.set_parent(parent);
  request.set_room_id(seed.room_id);
  request.set_request_id(request_id);
  v1::Room& room = *request.mutable_room();
  room.set_display_name(seed.display_name);
  room.set_floor(seed.floor);
  room.set_capacity(seed.capacity);
  for (v1::SeatingLayout layout : seed.seating_layouts) room.add_seating_layouts(layout);
  for (v1::Equipment item : seed.equipment) room.add_equipment(item);
  room.set_vip(seed.vip);
  room.set_default_setup_minutes(seed.setup_minutes);
  room.set_default_cleanup_minutes(seed.cleanup_minutes);
  room.set_state(v1::ROOM_STATE_ACTIVE);
  v1::CreateRoomResponse response;
  const grpc::Status status =
      stub.CreateRoom(context.NewCall(request_id).get(), request, &response);
  if (status.ok()) return Outcome::kCreated;
  if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) return Outcome::kAlreadyPresent;
  return Failed(absl::StrCat("create ", name), status);
}

// Returns false when seeding must stop.
bool Count(Outcome outcome, SeedTally& tally) {
  switch (outcome) {
    case Outcome::kCreated:
      ++tally.created;
      return true;
    case Outcome::kAlreadyPresent:
      ++tally.present;
      return true;
    case Outcome::kFailed:
      ++tally.failed;
      return true;
    case Outcome::kStop:
      ++tally.failed;
      return false;
  }
  return false;
}

int SeedCatalog(const CommandContext& context, const std::vector<std::string>& args) {
  if (RejectArgs("seed-catalog", args)) return kExitUsage;
  auto stub = v1::BookingService::NewStub(context.channel);
  SeedTally tally;
  bool go_on = true;
  for (const BuildingSeed& seed : SeedBuildings()) {
    const Outcome outcome = EnsureBuilding(context, *stub, seed);
    PrintOutcome("building", absl::StrCat("buildings/", seed.building_id), seed.display_name,
                 outcome);
    go_on = Count(outcome, tally);
    if (!go_on) break;
  }
  for (const RoomSeed& seed : SeedRooms()) {
    if (!go_on) break;
    const Outcome outcome = EnsureRoom(context, *stub, seed);
    PrintOutcome("room", absl::StrCat("buildings/", seed.building_id, "/rooms/", seed.room_id),
                 seed.display_name, outcome);
    go_on = Count(outcome, tally);
  }
  const int total = static_cast<int>(SeedBuildings().size() + SeedRooms().size());
  std::printf("seed-catalog: %d created, %d already present, %d failed, %d not tried\n",
              tally.created, tally.present, tally.failed,
              total - tally.created - tally.present - tally.failed);
  return tally.failed == 0 && go_on ? kExitOk : kExitFailed;
}

// Moves the request to the next page. A server that hands back the token it was given
// would keep us listing forever: that is reported, not followed.
template <typename Request>
bool NextPage(const std::string& next_page_token, Request& request) {
  if (!next_page_token.empty() && next_page_token == request.page_token()) {
    std::fprintf(stderr, "huiwuctl: the server returned the same page token twice; stopped\n");
    return false;
  }
  request.set_page_token(next_page_token);
  return true;
}

// "ROOM_STATE_ACTIVE" → "ACTIVE".
std::string StateName(v1::RoomState state) {
  std::string name = v1::RoomState_Name(state);
  constexpr absl::string_view kPrefix = "ROOM_STATE_";
  if (absl::StartsWith(name, kPrefix)) name.erase(0, kPrefix.size());
  return name.empty() ? absl::StrCat(static_cast<int>(state)) : name;
}

int ListRooms(const CommandContext& context, const std::vector<std::string>& args) {
  if (RejectArgs("rooms", args)) return kExitUsage;
  const std::string building = absl::GetFlag(FLAGS_building);
  auto stub = v1::BookingService::NewStub(context.channel);
  v1::ListRoomsRequest request;
  request.set_parent(absl::StrCat("buildings/", building.empty() ? "-" : building));
  request.set_page_size(kPageSize);
  std::vector<std::vector<std::string>> rows;
  do {
    v1::ListRoomsResponse response;
    const grpc::Status status = stub->ListRooms(context.NewCall().get(), request, &response);
    if (!status.ok()) {
      PrintRpcError(absl::StrCat("list rooms of ", request.parent()), status);
      return kExitFailed;
    }
    for (const v1::Room& room : response.rooms()) {
      rows.push_back({room.name(), room.display_name(), absl::StrCat(room.floor()),
                      absl::StrCat(room.capacity()), room.vip() ? "yes" : "no",
                      StateName(room.state())});
    }
    if (!NextPage(response.next_page_token(), request)) return kExitFailed;
  } while (!request.page_token().empty());
  PrintTable({"NAME", "DISPLAY NAME", "FLOOR", "CAPACITY", "VIP", "STATE"}, rows);
  return kExitOk;
}

int ListBuildings(const CommandContext& context, const std::vector<std::string>& args) {
  if (RejectArgs("buildings", args)) return kExitUsage;
  auto stub = v1::BookingService::NewStub(context.channel);
  v1::ListBuildingsRequest request;
  request.set_page_size(kPageSize);
  std::vector<std::vector<std::string>> rows;
  do {
    v1::ListBuildingsResponse response;
    const grpc::Status status = stub->ListBuildings(context.NewCall().get(), request, &response);
    if (!status.ok()) {
      PrintRpcError("list buildings", status);
      return kExitFailed;
    }
    for (const v1::Building& b : response.buildings()) {
      rows.push_back({b.name(), b.display_name(), b.address()});
    }
    if (!NextPage(response.next_page_token(), request)) return kExitFailed;
  } while (!request.page_token().empty());
  PrintTable({"NAME", "DISPLAY NAME", "ADDRESS"}, rows);
  return kExitOk;
}

}  // namespace

std::vector<Command> CatalogCommands() {
  return {
      {"seed-catalog", "seed-catalog",
       "load the center's buildings and meeting rooms; safe to run again", SeedCatalog},
      {"buildings", "buildings", "list the buildings", ListBuildings},
      {"rooms", "rooms [--building=ID]", "list the meeting rooms, of every building or of one",
       ListRooms},
  };
}

}  // namespace huiwu::ctl
