#include "tools/huiwuctl/inventory_commands.h"

#include <cstdio>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "huiwu/inventory/v1/inventory_service.grpc.pb.h"
#include "tools/huiwuctl/catalog_seed.h"
#include "tools/huiwuctl/inventory_seed.h"
#include "tools/huiwuctl/rpc_error.h"
#include "tools/huiwuctl/table.h"

ABSL_FLAG(std::string, inventory_addr, "127.0.0.1:50053",
          "host:port of the inventory service's gRPC endpoint (seed-inventory, low-stock, "
          "key-holders).");

namespace huiwu::ctl {
namespace {

namespace v1 = inventory::v1;

constexpr char kCentralStore[] = "locations/central-store";
constexpr int kPageSize = 200;

struct Tally {
  int created = 0;
  int present = 0;
  int failed = 0;
  bool stop = false;
};

// OK and ALREADY_EXISTS both mean "there"; systemic errors stop the seeding.
void Count(absl::string_view what, const grpc::Status& status, bool created, Tally& tally) {
  if (status.ok()) {
    ++(created ? tally.created : tally.present);
    return;
  }
  if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) {
    ++tally.present;
    return;
  }
  PrintRpcError(what, status);
  ++tally.failed;
  tally.stop = IsSystemic(status);
}

std::string RoomName(const RoomSeed& room) {
  return absl::StrCat("buildings/", room.building_id, "/rooms/", room.room_id);
}

// request_ids are 1–64 of A-Z, a-z, 0-9, '-', '_': locations lose their slashes.
std::string SeedRequestId(absl::string_view what, absl::string_view item,
                          absl::string_view location) {
  std::string id = absl::StrCat(
      "seed-", what, "-", item, "-",
      absl::StrReplaceAll(location, {{"buildings/", ""}, {"/rooms/", "-"}, {"locations/", ""}}));
  if (id.size() > 64) id.resize(64);
  return id;
}

// The item without its stock limits: they are set by SeedLimits once the stock is in,
// so that loading the demo data opens no replenishment request (申请补充) for stock
// that is merely not received yet. Looks first, so a second run says "already present".
void SeedItem(const CommandContext& context, v1::InventoryService::Stub& stub, const ItemSeed& seed,
              Tally& tally) {
  v1::GetItemRequest get;
  get.set_name(absl::StrCat("items/", seed.item_id));
  v1::GetItemResponse found;
  const grpc::Status lookup = stub.GetItem(context.NewCall().get(), get, &found);
  if (lookup.ok()) {
    ++tally.present;
    return;
  }
  if (lookup.error_code() != grpc::StatusCode::NOT_FOUND) {
    Count(absl::StrCat("get items/", seed.item_id), lookup, true, tally);
    return;
  }
  v1::CreateItemRequest request;
  request.set_item_id(seed.item_id);
  request.set_request_id(absl::StrCat("seed-item-", seed.item_id));
  v1::Item& item = *request.mutable_item();
  item.set_display_name(seed.display_name);
  item.set_unit(seed.unit);
  item.set_category(seed.category);
  item.set_unit_cost_fen(seed.unit_cost_fen);
  v1::CreateItemResponse response;
  const grpc::Status status = stub.CreateItem(context.NewCall().get(), request, &response);
  Count(absl::StrCat("create items/", seed.item_id), status, true, tally);
  if (status.ok()) {
    std::printf("item items/%s (%s): created\n", seed.item_id.c_str(), seed.display_name.c_str());
  }
}

// The minimums of the central store and of every room's cabinet. Setting the same
// limits again changes nothing.
void SeedLimits(const CommandContext& context, v1::InventoryService::Stub& stub,
                const ItemSeed& seed, Tally& tally) {
  v1::UpdateItemRequest request;
  request.mutable_item()->set_name(absl::StrCat("items/", seed.item_id));
  request.mutable_update_mask()->add_paths("stock_limits");
  v1::StockLimit* central = request.mutable_item()->add_stock_limits();
  central->set_location(kCentralStore);
  central->set_minimum(seed.central_minimum);
  if (seed.cabinet_minimum > 0) {
    for (const RoomSeed& room : SeedRooms()) {
      v1::StockLimit* limit = request.mutable_item()->add_stock_limits();
      limit->set_location(RoomName(room));
      limit->set_minimum(seed.cabinet_minimum);
    }
  }
  v1::UpdateItemResponse response;
  const grpc::Status status = stub.UpdateItem(context.NewCall().get(), request, &response);
  if (!status.ok())
    Count(absl::StrCat("set the limits of items/", seed.item_id), status, false, tally);
}

// A RECEIVE with a deterministic request_id: a second run is answered with the first
// receipt and posts nothing.
void SeedStock(const CommandContext& context, v1::InventoryService::Stub& stub,
               const std::string& item_id, const std::string& location, int64_t quantity,
               Tally& tally) {
  if (quantity <= 0) return;
  v1::RecordMovementRequest request;
  request.set_item(absl::StrCat("items/", item_id));
  request.set_location(location);
  request.set_kind(v1::MOVEMENT_KIND_RECEIVE);
  request.set_quantity(quantity);
  request.set_reason("demo stock (seed-inventory)");
  request.set_request_id(SeedRequestId("stock", item_id, location));
  v1::RecordMovementResponse response;
  const grpc::Status status = stub.RecordMovement(context.NewCall().get(), request, &response);
  if (!status.ok())
    Count(absl::StrCat("receive items/", item_id, " at ", location), status, true, tally);
}

void SeedTemplate(const CommandContext& context, v1::InventoryService::Stub& stub,
                  const KitTemplateSeed& seed, Tally& tally) {
  v1::CreateKitTemplateRequest request;
  request.set_kit_template_id(seed.id);
  v1::KitTemplate& t = *request.mutable_kit_template();
  t.set_display_name(seed.display_name);
  t.set_meeting_kind(seed.kind);
  t.set_min_participants(seed.min_participants);
  t.set_max_participants(seed.max_participants);
  for (const auto& [item, per_participant, fixed] : seed.lines) {
    v1::KitTemplateLine* line = t.add_lines();
    line->set_item(absl::StrCat("items/", item));
    line->set_per_participant(per_participant);
    line->set_fixed(fixed);
  }
  v1::CreateKitTemplateResponse response;
  const grpc::Status status = stub.CreateKitTemplate(context.NewCall().get(), request, &response);
  Count(absl::StrCat("create kitTemplates/", seed.id), status, true, tally);
}

void SeedKey(const CommandContext& context, v1::InventoryService::Stub& stub, const RoomSeed& room,
             Tally& tally) {
  v1::CreateRoomKeyRequest request;
  request.set_parent(RoomName(room));
  request.set_key_id("main");
  request.mutable_key()->set_custodian(KeyCustodian(room.building_id));
  v1::CreateRoomKeyResponse response;
  const grpc::Status status = stub.CreateRoomKey(context.NewCall().get(), request, &response);
  Count(absl::StrCat("register the key of ", RoomName(room)), status, true, tally);
}

std::unique_ptr<v1::InventoryService::Stub> InventoryStub(const CommandContext& context) {
  return v1::InventoryService::NewStub(
      grpc::CreateChannel(absl::GetFlag(FLAGS_inventory_addr), context.credentials));
}

int SeedInventory(const CommandContext& context, const std::vector<std::string>& args) {
  if (RejectArgs("seed-inventory", args)) return kExitUsage;
  auto stub = InventoryStub(context);
  Tally tally;
  for (const ItemSeed& seed : SeedItems()) {
    if (!tally.stop) SeedItem(context, *stub, seed, tally);
  }
  for (const ItemSeed& seed : SeedItems()) {
    if (!tally.stop)
      SeedStock(context, *stub, seed.item_id, kCentralStore, seed.central_stock, tally);
    for (const RoomSeed& room : SeedRooms()) {
      if (!tally.stop)
        SeedStock(context, *stub, seed.item_id, RoomName(room), seed.cabinet_stock, tally);
    }
  }
  for (const ItemSeed& seed : SeedItems()) {
    if (!tally.stop) SeedLimits(context, *stub, seed, tally);
  }
  for (const KitTemplateSeed& seed : SeedKitTemplates()) {
    if (!tally.stop) SeedTemplate(context, *stub, seed, tally);
  }
  for (const RoomSeed& room : SeedRooms()) {
    if (!tally.stop) SeedKey(context, *stub, room, tally);
  }
  std::printf(
      "seed-inventory: %d created, %d already present, %d failed (stock receipts carry "
      "request_ids: a second run posts none)\n",
      tally.created, tally.present, tally.failed);
  return tally.failed == 0 ? kExitOk : kExitFailed;
}

int LowStock(const CommandContext& context, const std::vector<std::string>& args) {
  if (RejectArgs("low-stock", args)) return kExitUsage;
  auto stub = InventoryStub(context);
  v1::ListLowStockRequest request;
  request.set_page_size(kPageSize);
  std::vector<std::vector<std::string>> rows;
  do {
    v1::ListLowStockResponse response;
    const grpc::Status status = stub->ListLowStock(context.NewCall().get(), request, &response);
    if (!status.ok()) {
      PrintRpcError("list low stock", status);
      return kExitFailed;
    }
    for (const v1::LowStockEntry& e : response.entries()) {
      rows.push_back({e.balance().item(), e.balance().location(),
                      absl::StrCat(e.balance().available()), absl::StrCat(e.balance().minimum()),
                      e.replenishment_request()});
    }
    if (response.next_page_token() == request.page_token()) break;
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  PrintTable({"ITEM", "LOCATION", "AVAILABLE", "MINIMUM", "REPLENISHMENT REQUEST"}, rows);
  return kExitOk;
}

int KeyHolders(const CommandContext& context, const std::vector<std::string>& args) {
  if (RejectArgs("key-holders", args)) return kExitUsage;
  auto stub = InventoryStub(context);
  v1::ListKeyHoldersRequest request;
  request.set_page_size(kPageSize);
  std::vector<std::vector<std::string>> rows;
  do {
    v1::ListKeyHoldersResponse response;
    const grpc::Status status = stub->ListKeyHolders(context.NewCall().get(), request, &response);
    if (!status.ok()) {
      PrintRpcError("list key holders", status);
      return kExitFailed;
    }
    for (const v1::RoomKey& key : response.keys()) {
      rows.push_back({key.name(), key.holder(), key.custodian(), key.overdue() ? "yes" : "no"});
    }
    if (response.next_page_token() == request.page_token()) break;
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  PrintTable({"KEY", "HOLDER", "CUSTODIAN", "OVERDUE"}, rows);
  return kExitOk;
}

}  // namespace

std::vector<Command> InventoryCommands() {
  return {
      {"seed-inventory", "seed-inventory",
       "load the center's supplies, stock, kit norms and room keys; safe to run again",
       SeedInventory},
      {"low-stock", "low-stock", "list supplies at or under their minimum (申请补充)", LowStock},
      {"key-holders", "key-holders", "list the room keys that are out, and who holds them",
       KeyHolders},
  };
}

}  // namespace huiwu::ctl
