// Every class of bad input gets INVALID_ARGUMENT naming the field (google.rpc.BadRequest)
// and writes nothing.
#include "tests/support/bad_input.h"

#include <functional>

#include "common/api/timestamp.h"
#include "gtest/gtest.h"
#include "tests/inventory/inventory_test_util.h"

namespace huiwu::testing {
namespace {

using Stub = inv::InventoryService::Stub;

class InventoryBadInputTest : public InventoryFixture {
 protected:
  void SetUp() override {
    InventoryFixture::SetUp();
    ASSERT_TRUE(CreateItem(*stub_, "tea", "茶叶", "包").ok());
    ASSERT_TRUE(Receive(*stub_, "tea", kRoom301, 10).ok());
  }
};

template <typename Request>
Request Spoiled(Request good, const std::function<void(Request&)>& spoil) {
  spoil(good);
  return good;
}

TEST_F(InventoryBadInputTest, EachBadFieldIsNamedAndNothingIsWritten) {
  std::vector<BadInputFor<Stub>> cases;

  inv::CreateItemRequest item;
  item.set_item_id("cups");
  item.mutable_item()->set_display_name("纸杯");
  item.mutable_item()->set_unit("个");
  item.mutable_item()->set_category(inv::ITEM_CATEGORY_CONSUMABLE);
  using ItemSpoil = std::function<void(inv::CreateItemRequest&)>;
  auto add_item = [&](std::string what, std::string field, ItemSpoil spoil) {
    cases.push_back(Case(what, field, &Stub::CreateItem, Spoiled(item, spoil)));
  };
  add_item("upper-case item_id", "item_id", [](auto& r) { r.set_item_id("Cups"); });
  add_item("SQL in item_id", "item_id", [](auto& r) { r.set_item_id("x'; DROP TABLE items;--"); });
  add_item("missing item", "item", [](auto& r) { r.clear_item(); });
  add_item("empty display_name", "item.display_name",
           [](auto& r) { r.mutable_item()->set_display_name(""); });
  add_item("oversized unit", "item.unit",
           [](auto& r) { r.mutable_item()->set_unit("个个个个个个个个个个个"); });
  add_item("unspecified category", "item.category",
           [](auto& r) { r.mutable_item()->set_category(inv::ITEM_CATEGORY_UNSPECIFIED); });
  add_item("unknown category", "item.category",
           [](auto& r) { r.mutable_item()->set_category(static_cast<inv::ItemCategory>(99)); });
  add_item("negative cost", "item.unit_cost_fen",
           [](auto& r) { r.mutable_item()->set_unit_cost_fen(-1); });
  add_item("bad limit location", "item.stock_limits[0].location",
           [](auto& r) { *r.mutable_item()->add_stock_limits() = Limit("warehouse", 1); });
  add_item("negative minimum", "item.stock_limits[0].minimum",
           [](auto& r) { *r.mutable_item()->add_stock_limits() = Limit(kCentral, -1); });
  add_item("maximum below minimum", "item.stock_limits[0].maximum",
           [](auto& r) { *r.mutable_item()->add_stock_limits() = Limit(kCentral, 10, 5); });
  add_item("bad request_id", "request_id", [](auto& r) { r.set_request_id("a b"); });

  inv::RecordMovementRequest move;
  move.set_item("items/tea");
  move.set_location(kRoom301);
  move.set_kind(inv::MOVEMENT_KIND_CONSUME);
  move.set_quantity(1);
  using MoveSpoil = std::function<void(inv::RecordMovementRequest&)>;
  auto add_move = [&](std::string what, std::string field, MoveSpoil spoil) {
    cases.push_back(Case(what, field, &Stub::RecordMovement, Spoiled(move, spoil)));
  };
  add_move("malformed item", "item", [](auto& r) { r.set_item("tea"); });
  add_move("unknown location", "location", [](auto& r) { r.set_location("locations/attic"); });
  add_move("zero quantity", "quantity", [](auto& r) { r.set_quantity(0); });
  add_move("negative quantity", "quantity", [](auto& r) { r.set_quantity(-5); });
  add_move("huge quantity", "quantity", [](auto& r) { r.set_quantity(1'000'001); });
  add_move("unspecified kind", "kind", [](auto& r) { r.set_kind(inv::MOVEMENT_KIND_UNSPECIFIED); });
  add_move("issue by hand", "kind", [](auto& r) { r.set_kind(inv::MOVEMENT_KIND_ISSUE); });
  add_move("adjustment by hand", "kind",
           [](auto& r) { r.set_kind(inv::MOVEMENT_KIND_ADJUSTMENT); });
  add_move("transfer without destination", "to_location",
           [](auto& r) { r.set_kind(inv::MOVEMENT_KIND_TRANSFER); });
  add_move("transfer to itself", "to_location", [](auto& r) {
    r.set_kind(inv::MOVEMENT_KIND_TRANSFER);
    r.set_to_location(kRoom301);
  });
  add_move("destination on a consume", "to_location", [](auto& r) { r.set_to_location(kCentral); });
  add_move("write-off without reason", "reason",
           [](auto& r) { r.set_kind(inv::MOVEMENT_KIND_WRITE_OFF); });
  add_move("malformed meeting", "meeting", [](auto& r) { r.set_meeting("meeting-1"); });

  inv::ReserveKitRequest kit = KitRequest("m1", {Quantity("tea", 1)});
  using KitSpoil = std::function<void(inv::ReserveKitRequest&)>;
  auto add_kit = [&](std::string what, std::string field, KitSpoil spoil) {
    cases.push_back(Case(what, field, &Stub::ReserveKit, Spoiled(kit, spoil)));
  };
  add_kit("malformed meeting", "meeting", [](auto& r) { r.set_meeting("meetings/"); });
  add_kit("unspecified kind", "meeting_kind",
          [](auto& r) { r.set_meeting_kind(inv::MEETING_KIND_UNSPECIFIED); });
  add_kit("no participants", "participant_count", [](auto& r) { r.set_participant_count(0); });
  add_kit("malformed room", "room", [](auto& r) { r.set_room("rooms/301"); });
  add_kit("missing start", "start_time", [](auto& r) { r.clear_start_time(); });
  add_kit("end before start", "end_time", [](auto& r) { *r.mutable_end_time() = r.start_time(); });
  add_kit("bad source", "source_location", [](auto& r) { r.set_source_location("x"); });
  add_kit("zero line", "lines[0].quantity", [](auto& r) { r.mutable_lines(0)->set_quantity(0); });
  add_kit("duplicate line", "lines[1].item", [](auto& r) { *r.add_lines() = r.lines(0); });
  add_kit("template and lines", "lines",
          [](auto& r) { r.set_kit_template("kitTemplates/internal"); });

  inv::SettleKitRequest settle;
  settle.set_name("meetings/m1/kit");
  *settle.add_consumed() = Quantity("tea", -1);
  cases.push_back(Case("negative consumption", "consumed[0].quantity", &Stub::SettleKit, settle));
  inv::IssueKitRequest issue;
  issue.set_name("meetings/m1");
  cases.push_back(Case("kit name without /kit", "name", &Stub::IssueKit, issue));

  inv::CheckOutKeyRequest key;
  key.set_name("buildings/city-hall/rooms/301/keys/main");
  key.set_holder("staff/s-001");
  *key.mutable_expected_return_time() = api::ToTimestamp(DefaultTestNow() + absl::Hours(1));
  using KeySpoil = std::function<void(inv::CheckOutKeyRequest&)>;
  auto add_key = [&](std::string what, std::string field, KeySpoil spoil) {
    cases.push_back(Case(what, field, &Stub::CheckOutKey, Spoiled(key, spoil)));
  };
  add_key("malformed key", "name", [](auto& r) { r.set_name("keys/main"); });
  add_key("holder not staff", "holder", [](auto& r) { r.set_holder("张三"); });
  add_key("return in the past", "expected_return_time", [](auto& r) {
    *r.mutable_expected_return_time() = api::ToTimestamp(DefaultTestNow() - absl::Hours(1));
  });
  add_key("return in a month", "expected_return_time", [](auto& r) {
    *r.mutable_expected_return_time() = api::ToTimestamp(DefaultTestNow() + absl::Hours(720));
  });

  inv::ListMovementsRequest list;
  list.set_page_token("garbage");
  cases.push_back(Case("garbage page token", "page_token", &Stub::ListMovements, list));
  inv::ListItemsRequest items;
  items.set_page_size(-1);
  cases.push_back(Case("negative page size", "page_size", &Stub::ListItems, items));
  inv::SubmitStocktakeRequest stocktake;
  stocktake.set_name("stocktakes/abc");
  cases.push_back(Case("no counts", "counts", &Stub::SubmitStocktake, stocktake));
  inv::GetConsumptionReportRequest report;
  *report.mutable_start_time() = api::ToTimestamp(DefaultTestNow());
  *report.mutable_end_time() = api::ToTimestamp(DefaultTestNow() - absl::Hours(1));
  cases.push_back(Case("period backwards", "end_time", &Stub::GetConsumptionReport, report));
  inv::ListAuditRecordsRequest audit;
  audit.set_page_token("garbage");
  cases.push_back(Case("audit garbage page token", "page_token", &Stub::ListAuditRecords, audit));
  audit.Clear();
  audit.set_caller(std::string(301, 'x'));
  cases.push_back(Case("audit caller too long", "caller", &Stub::ListAuditRecords, audit));

  ExpectEachRefusedAndNothingWritten(
      *stub_, cases, database_,
      {"items", "stock_limits", "balances", "movements", "kits", "kit_lines", "room_keys",
       "key_log", "replenishment_requests", "stocktakes", "idempotency_keys"},
      "inventory.huiwu");
}

TEST_F(InventoryBadInputTest, EveryViolationOfOneRequestIsReported) {
  inv::RecordMovementRequest move;
  move.set_item("tea");
  move.set_location("");
  move.set_quantity(0);
  inv::RecordMovementResponse ignored;
  grpc::Status status = stub_->RecordMovement(CallContext().get(), move, &ignored);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(DetailsOf(status).violated_fields,
            (std::vector<std::string>{"item", "location", "kind", "quantity"}));
}

}  // namespace
}  // namespace huiwu::testing
