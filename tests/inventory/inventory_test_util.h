// Building blocks of inventory requests for the inventory tests.
#ifndef HUIWU_TESTS_INVENTORY_INVENTORY_TEST_UTIL_H_
#define HUIWU_TESTS_INVENTORY_INVENTORY_TEST_UTIL_H_

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"
#include "huiwu/inventory/v1/inventory_service.grpc.pb.h"
#include "tests/support/inventory_fixture.h"

namespace huiwu::testing {

namespace inv = inventory::v1;

inline constexpr char kCentral[] = "locations/central-store";
inline constexpr char kRoom301[] = "buildings/city-hall/rooms/301";

inline grpc::Status CreateItem(inv::InventoryService::Stub& stub, const std::string& id,
                               const std::string& display_name, const std::string& unit,
                               inv::ItemCategory category = inv::ITEM_CATEGORY_CONSUMABLE,
                               int64_t unit_cost_fen = 100,
                               const std::vector<inv::StockLimit>& limits = {},
                               inv::Item* created = nullptr) {
  inv::CreateItemRequest request;
  request.set_item_id(id);
  request.mutable_item()->set_display_name(display_name);
  request.mutable_item()->set_unit(unit);
  request.mutable_item()->set_category(category);
  request.mutable_item()->set_unit_cost_fen(unit_cost_fen);
  for (const auto& limit : limits) *request.mutable_item()->add_stock_limits() = limit;
  inv::CreateItemResponse response;
  grpc::Status status = stub.CreateItem(CallContext().get(), request, &response);
  if (created != nullptr) *created = response.item();
  return status;
}

inline inv::StockLimit Limit(const std::string& location, int64_t minimum, int64_t maximum = 0) {
  inv::StockLimit limit;
  limit.set_location(location);
  limit.set_minimum(minimum);
  limit.set_maximum(maximum);
  return limit;
}

inline grpc::Status Move(inv::InventoryService::Stub& stub, const std::string& item_id,
                         const std::string& location, inv::MovementKind kind, int64_t quantity,
                         const std::string& to_location = "",
                         inv::RecordMovementResponse* response = nullptr,
                         const std::string& request_id = "") {
  inv::RecordMovementRequest request;
  request.set_item("items/" + item_id);
  request.set_location(location);
  request.set_kind(kind);
  request.set_quantity(quantity);
  request.set_to_location(to_location);
  if (kind == inv::MOVEMENT_KIND_WRITE_OFF) request.set_reason("破损");
  request.set_request_id(request_id);
  inv::RecordMovementResponse ignored;
  return stub.RecordMovement(CallContext().get(), request, response ? response : &ignored);
}

inline grpc::Status Receive(inv::InventoryService::Stub& stub, const std::string& item_id,
                            const std::string& location, int64_t quantity) {
  return Move(stub, item_id, location, inv::MOVEMENT_KIND_RECEIVE, quantity);
}

inline inv::Balance BalanceOf(inv::InventoryService::Stub& stub, const std::string& item_id,
                              const std::string& location) {
  inv::GetBalanceRequest request;
  request.set_item("items/" + item_id);
  request.set_location(location);
  inv::GetBalanceResponse response;
  grpc::Status status = stub.GetBalance(CallContext().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.balance();
}

inline inv::ItemQuantity Quantity(const std::string& item_id, int64_t quantity) {
  inv::ItemQuantity q;
  q.set_item("items/" + item_id);
  q.set_quantity(quantity);
  return q;
}

// A ReserveKit request for `meetings/{meeting_id}` in 301 with explicit lines.
inline inv::ReserveKitRequest KitRequest(const std::string& meeting_id,
                                         const std::vector<inv::ItemQuantity>& lines,
                                         const std::string& source = kRoom301,
                                         int participants = 10) {
  inv::ReserveKitRequest request;
  request.set_meeting("meetings/" + meeting_id);
  request.set_meeting_kind(inv::MEETING_KIND_INTERNAL);
  request.set_participant_count(participants);
  request.set_room(kRoom301);
  request.set_organizer_unit("办公室");
  const absl::Time start = DefaultTestNow() + absl::Hours(24);
  *request.mutable_start_time() = api::ToTimestamp(start);
  *request.mutable_end_time() = api::ToTimestamp(start + absl::Hours(2));
  request.set_source_location(source);
  for (const auto& line : lines) *request.add_lines() = line;
  return request;
}

inline grpc::Status Reserve(inv::InventoryService::Stub& stub,
                            const inv::ReserveKitRequest& request, inv::Kit* kit = nullptr) {
  inv::ReserveKitResponse response;
  grpc::Status status = stub.ReserveKit(CallContext().get(), request, &response);
  if (kit != nullptr) *kit = response.kit();
  return status;
}

// The events of type `Payload` in the service's outbox, oldest first.
template <typename Payload>
std::vector<Payload> Published(TestDatabase& database) {
  std::vector<Payload> result;
  for (const std::string& hex :
       database.QueryRows("SELECT HEX(payload) FROM event_outbox WHERE type = '" +
                          std::string(Payload::descriptor()->full_name()) + "' ORDER BY id")) {
    Payload payload;
    EXPECT_TRUE(payload.ParseFromString(absl::HexStringToBytes(hex)));
    result.push_back(std::move(payload));
  }
  return result;
}

// The subjects of each event of type `Payload` (newline-separated), oldest first.
template <typename Payload>
std::vector<std::string> SubjectsOf(TestDatabase& database) {
  return database.QueryRows("SELECT subjects FROM event_outbox WHERE type = '" +
                            std::string(Payload::descriptor()->full_name()) + "' ORDER BY id");
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_INVENTORY_INVENTORY_TEST_UTIL_H_
