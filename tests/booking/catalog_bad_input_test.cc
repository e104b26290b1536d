// Every class of bad input gets INVALID_ARGUMENT naming the field (google.rpc.BadRequest)
// and writes nothing.
#include <functional>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/booking/api/catalog_requests.h"
#include "tests/booking/bad_input_util.h"
#include "tests/booking/catalog_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

v1::CreateBuildingRequest GoodBuilding() {
  v1::CreateBuildingRequest request;
  request.set_building_id("new-building");
  request.mutable_building()->set_display_name("新楼");
  return request;
}

v1::CreateRoomRequest GoodRoom() {
  v1::CreateRoomRequest request;
  request.set_parent("buildings/city-hall");
  request.set_room_id("new-room");
  *request.mutable_room() = SampleRoom("新会议室", 20);
  return request;
}

v1::UpdateRoomRequest GoodUpdate() {
  v1::UpdateRoomRequest request;
  request.mutable_room()->set_name("buildings/city-hall/rooms/301");
  request.mutable_room()->set_capacity(40);
  request.mutable_update_mask()->add_paths("capacity");
  return request;
}

std::vector<BadInput> BadInputs() {
  using Stub = v1::BookingService::Stub;
  std::vector<BadInput> cases;
  auto building = [&](std::string what, std::string field,
                      std::function<void(v1::CreateBuildingRequest&)> spoil) {
    v1::CreateBuildingRequest r = GoodBuilding();
    spoil(r);
    cases.push_back(Case(what, field, &Stub::CreateBuilding, r));
  };
  building("empty building_id", "building_id", [](auto& r) { r.set_building_id(""); });
  building("upper-case building_id", "building_id", [](auto& r) { r.set_building_id("City"); });
  building("SQL in building_id", "building_id",
           [](auto& r) { r.set_building_id("x'; DROP TABLE buildings; --"); });
  building("missing building", "building", [](auto& r) { r.clear_building(); });
  building("empty display_name", "building.display_name",
           [](auto& r) { r.mutable_building()->set_display_name(""); });
  building("oversized display_name", "building.display_name",
           [](auto& r) { r.mutable_building()->set_display_name(std::string(101, 'x')); });
  building("oversized Chinese display_name", "building.display_name", [](auto& r) {
    std::string name;
    for (int i = 0; i < 101; ++i) name += "楼";
    r.mutable_building()->set_display_name(name);
  });
  building("oversized address", "building.address",
           [](auto& r) { r.mutable_building()->set_address(std::string(201, 'a')); });
  building("request_id with spaces", "request_id", [](auto& r) { r.set_request_id("a b"); });
  building("oversized request_id", "request_id",
           [](auto& r) { r.set_request_id(std::string(65, 'a')); });

  auto room = [&](std::string what, std::string field,
                  std::function<void(v1::CreateRoomRequest&)> spoil) {
    v1::CreateRoomRequest r = GoodRoom();
    spoil(r);
    cases.push_back(Case(what, field, &Stub::CreateRoom, r));
  };
  room("malformed parent", "parent", [](auto& r) { r.set_parent("city-hall"); });
  room("room_id with space", "room_id", [](auto& r) { r.set_room_id("room 1"); });
  room("missing room", "room", [](auto& r) { r.clear_room(); });
  room("empty display_name", "room.display_name",
       [](auto& r) { r.mutable_room()->set_display_name(""); });
  room("zero capacity", "room.capacity", [](auto& r) { r.mutable_room()->set_capacity(0); });
  room("negative capacity", "room.capacity", [](auto& r) { r.mutable_room()->set_capacity(-5); });
  room("absurd capacity", "room.capacity",
       [](auto& r) { r.mutable_room()->set_capacity(2000000000); });
  room("absurd floor", "room.floor", [](auto& r) { r.mutable_room()->set_floor(1000); });
  room("unknown seating layout", "room.seating_layouts[1]",
       [](auto& r) { r.mutable_room()->add_seating_layouts(static_cast<v1::SeatingLayout>(99)); });
  room("unspecified equipment", "room.equipment[2]",
       [](auto& r) { r.mutable_room()->add_equipment(v1::EQUIPMENT_UNSPECIFIED); });
  room("duplicate equipment", "room.equipment[2]",
       [](auto& r) { r.mutable_room()->add_equipment(v1::EQUIPMENT_PROJECTOR); });
  room("unknown state", "room.state",
       [](auto& r) { r.mutable_room()->set_state(static_cast<v1::RoomState>(42)); });
  room("negative set-up", "room.default_setup_minutes",
       [](auto& r) { r.mutable_room()->set_default_setup_minutes(-1); });
  room("absurd clean-up", "room.default_cleanup_minutes",
       [](auto& r) { r.mutable_room()->set_default_cleanup_minutes(100000); });

  for (const char* name : {"", "rooms/301", "buildings/city-hall/rooms/", "buildings//rooms/301",
                           "buildings/city-hall/rooms/301/extra"}) {
    v1::GetRoomRequest r;
    r.set_name(name);
    cases.push_back(Case(absl::StrCat("GetRoom name '", name, "'"), "name", &Stub::GetRoom, r));
  }
  v1::GetBuildingRequest get_building;
  get_building.set_name("buildings/");
  cases.push_back(Case("GetBuilding empty id", "name", &Stub::GetBuilding, get_building));

  auto list = [&](std::string what, std::string field,
                  std::function<void(v1::ListRoomsRequest&)> spoil) {
    v1::ListRoomsRequest r;
    r.set_parent("buildings/-");
    spoil(r);
    cases.push_back(Case(what, field, &Stub::ListRooms, r));
  };
  list("negative page_size", "page_size", [](auto& r) { r.set_page_size(-1); });
  list("garbage page_token", "page_token", [](auto& r) { r.set_page_token("garbage!"); });
  list("page_token of other filters", "page_token", [](auto& r) {
    // A real token of this list with min_capacity 0, replayed with min_capacity 10.
    auto query = booking::ParseListRooms(r);
    booking::Room last;
    last.building_id = "city-hall";
    last.room_id = "301";
    r.set_page_token(booking::NextRoomsPageToken(*query, last));
    r.set_min_capacity(10);
  });
  list("negative min_capacity", "min_capacity", [](auto& r) { r.set_min_capacity(-1); });
  list("unknown equipment", "equipment[0]",
       [](auto& r) { r.add_equipment(static_cast<v1::Equipment>(77)); });
  list("unknown state", "state", [](auto& r) { r.set_state(static_cast<v1::RoomState>(9)); });
  list("malformed parent", "parent", [](auto& r) { r.set_parent("buildings"); });
  v1::ListBuildingsRequest list_buildings;
  list_buildings.set_page_token("%%%");
  cases.push_back(
      Case("ListBuildings garbage token", "page_token", &Stub::ListBuildings, list_buildings));

  auto update = [&](std::string what, std::string field,
                    std::function<void(v1::UpdateRoomRequest&)> spoil) {
    v1::UpdateRoomRequest r = GoodUpdate();
    spoil(r);
    cases.push_back(Case(what, field, &Stub::UpdateRoom, r));
  };
  update("missing room", "room", [](auto& r) { r.clear_room(); });
  update("malformed room.name", "room.name", [](auto& r) { r.mutable_room()->set_name("301"); });
  update("unknown mask path", "update_mask.paths[1]",
         [](auto& r) { r.mutable_update_mask()->add_paths("bogus"); });
  update("immutable mask path", "update_mask.paths[1]",
         [](auto& r) { r.mutable_update_mask()->add_paths("name"); });
  update("bad value in mask", "room.capacity", [](auto& r) { r.mutable_room()->set_capacity(0); });
  update("all fields with an empty display name", "room.display_name",
         [](auto& r) { r.mutable_update_mask()->Clear(); });

  v1::DeleteRoomRequest remove;
  remove.set_name("buildings/city-hall");
  cases.push_back(Case("DeleteRoom malformed name", "name", &Stub::DeleteRoom, remove));

  v1::ListAuditRecordsRequest audit;
  audit.set_page_token("garbage");
  cases.push_back(
      Case("ListAuditRecords garbage token", "page_token", &Stub::ListAuditRecords, audit));
  audit.Clear();
  audit.mutable_start_time()->set_nanos(-1);
  cases.push_back(
      Case("ListAuditRecords bad start_time", "start_time", &Stub::ListAuditRecords, audit));
  return cases;
}

class CatalogBadInputTest : public BookingFixture {};

TEST_F(CatalogBadInputTest, EachIsInvalidArgumentNamingTheFieldAndWritesNothing) {
  ASSERT_TRUE(CreateBuilding(*stub_, "city-hall", "市政府大楼").ok());
  ASSERT_TRUE(CreateRoom(*stub_, "city-hall", "301", SampleRoom("301", 30)).ok());
  const std::vector<std::string> tables = {"buildings", "rooms", "idempotency_keys",
                                           "event_outbox"};
  ExpectEachRefusedAndNothingWritten(*stub_, BadInputs(), database_, tables);
}

TEST_F(CatalogBadInputTest, EveryViolationOfOneRequestIsReported) {
  v1::CreateRoomRequest request = GoodRoom();
  request.set_room_id("");
  request.mutable_room()->set_capacity(0);
  request.mutable_room()->set_display_name("");
  v1::CreateRoomResponse response;
  grpc::Status status = stub_->CreateRoom(CallContext().get(), request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).violated_fields,
              ::testing::UnorderedElementsAre("room_id", "room.display_name", "room.capacity"));
}

}  // namespace
}  // namespace huiwu::testing
