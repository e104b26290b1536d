// The room catalog through a real gRPC channel against the real MariaDB.
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/booking/catalog_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;

class CatalogTest : public BookingFixture {};

TEST_F(CatalogTest, CreateGetUpdateDeleteARoom) {
  ASSERT_TRUE(CreateBuilding(*stub_, "city-hall", "市政府大楼").ok());
  v1::Room created;
  ASSERT_TRUE(CreateRoom(*stub_, "city-hall", "301", SampleRoom("301会议室", 30), &created).ok());
  EXPECT_EQ(created.name(), "buildings/city-hall/rooms/301");
  EXPECT_EQ(created.state(), v1::ROOM_STATE_ACTIVE);
  EXPECT_FALSE(created.etag().empty());

  v1::GetRoomRequest get;
  get.set_name("buildings/city-hall/rooms/301");
  v1::GetRoomResponse got;
  ASSERT_TRUE(stub_->GetRoom(CallContext().get(), get, &got).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(got.room(), created)) << got.room().DebugString();

  v1::UpdateRoomRequest update;
  update.mutable_room()->set_name(created.name());
  update.mutable_room()->set_etag(created.etag());
  update.mutable_room()->set_capacity(36);
  update.mutable_room()->set_state(v1::ROOM_STATE_UNDER_MAINTENANCE);
  update.mutable_update_mask()->add_paths("capacity");
  update.mutable_update_mask()->add_paths("state");
  v1::UpdateRoomResponse updated;
  ASSERT_TRUE(stub_->UpdateRoom(CallContext().get(), update, &updated).ok());
  EXPECT_EQ(updated.room().capacity(), 36);
  EXPECT_EQ(updated.room().state(), v1::ROOM_STATE_UNDER_MAINTENANCE);
  EXPECT_EQ(updated.room().display_name(), "301会议室");  // not in the mask: kept
  EXPECT_NE(updated.room().etag(), created.etag());

  v1::DeleteRoomRequest remove;
  remove.set_name(created.name());
  v1::DeleteRoomResponse removed;
  ASSERT_TRUE(stub_->DeleteRoom(CallContext().get(), remove, &removed).ok());
  grpc::Status gone = stub_->GetRoom(CallContext().get(), get, &got);
  EXPECT_EQ(gone.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(gone).reason, "ROOM_NOT_FOUND");
}

TEST_F(CatalogTest, SameRoomIdInTwoBuildingsAreTwoRooms) {
  ASSERT_TRUE(CreateBuilding(*stub_, "city-hall", "市政府大楼").ok());
  ASSERT_TRUE(CreateBuilding(*stub_, "citizen-center", "123市民服务中心大楼").ok());
  ASSERT_TRUE(CreateRoom(*stub_, "city-hall", "310", SampleRoom("310", 40)).ok());
  ASSERT_TRUE(CreateRoom(*stub_, "citizen-center", "310", SampleRoom("310", 24)).ok());
  grpc::Status again = CreateRoom(*stub_, "city-hall", "310", SampleRoom("310", 40));
  EXPECT_EQ(again.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM rooms WHERE room_id = '310'"), 2);
}

TEST_F(CatalogTest, ARoomNeedsAnExistingBuilding) {
  grpc::Status status = CreateRoom(*stub_, "nowhere", "301", SampleRoom("301", 30));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(status).metadata["building"], "buildings/nowhere");
}

TEST_F(CatalogTest, ListAcrossPagesReturnsEveryRoomExactlyOnce) {
  std::set<std::string> expected;
  for (const char* building : {"a-building", "b-building", "c-building"}) {
    ASSERT_TRUE(CreateBuilding(*stub_, building, building).ok());
    for (int i = 0; i < 9; ++i) {
      const std::string room_id = absl::StrCat("r", i);
      ASSERT_TRUE(CreateRoom(*stub_, building, room_id, SampleRoom(room_id, 10 + i)).ok());
      expected.insert(absl::StrCat("buildings/", building, "/rooms/", room_id));
    }
  }
  std::vector<std::string> seen;
  v1::ListRoomsRequest request;
  request.set_parent("buildings/-");
  request.set_page_size(4);
  int pages = 0;
  do {
    v1::ListRoomsResponse response;
    ASSERT_TRUE(stub_->ListRooms(CallContext().get(), request, &response).ok());
    ASSERT_LE(response.rooms_size(), 4);
    for (const auto& room : response.rooms()) seen.push_back(room.name());
    request.set_page_token(response.next_page_token());
    ++pages;
  } while (!request.page_token().empty());
  EXPECT_EQ(pages, 7);  // 27 rooms, 4 a page
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), expected);
  EXPECT_EQ(seen.size(), expected.size());  // exactly once
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

TEST_F(CatalogTest, ListFiltersByBuildingCapacityEquipmentAndState) {
  ASSERT_TRUE(CreateBuilding(*stub_, "city-hall", "市政府大楼").ok());
  ASSERT_TRUE(CreateBuilding(*stub_, "citizen-center", "123市民服务中心大楼").ok());
  v1::Room video = SampleRoom("8楼视频会议室", 40);
  video.add_equipment(v1::EQUIPMENT_VIDEO_CONFERENCING);
  ASSERT_TRUE(CreateRoom(*stub_, "citizen-center", "8f-video", video).ok());
  ASSERT_TRUE(CreateRoom(*stub_, "citizen-center", "406", SampleRoom("406", 24)).ok());
  v1::Room retired = SampleRoom("old", 80);
  retired.set_state(v1::ROOM_STATE_RETIRED);
  ASSERT_TRUE(CreateRoom(*stub_, "city-hall", "old", retired).ok());
  ASSERT_TRUE(CreateRoom(*stub_, "city-hall", "301", SampleRoom("301", 30)).ok());

  auto names = [&](v1::ListRoomsRequest request) {
    v1::ListRoomsResponse response;
    EXPECT_TRUE(stub_->ListRooms(CallContext().get(), request, &response).ok());
    std::vector<std::string> result;
    for (const auto& room : response.rooms()) result.push_back(room.name());
    return result;
  };
  v1::ListRoomsRequest in_building;
  in_building.set_parent("buildings/city-hall");
  EXPECT_THAT(names(in_building),
              ElementsAre("buildings/city-hall/rooms/301", "buildings/city-hall/rooms/old"));
  v1::ListRoomsRequest big;
  big.set_parent("buildings/-");
  big.set_min_capacity(30);
  big.set_state(v1::ROOM_STATE_ACTIVE);
  EXPECT_THAT(names(big), ElementsAre("buildings/citizen-center/rooms/8f-video",
                                      "buildings/city-hall/rooms/301"));
  v1::ListRoomsRequest with_video;
  with_video.set_parent("buildings/-");
  with_video.add_equipment(v1::EQUIPMENT_VIDEO_CONFERENCING);
  with_video.add_equipment(v1::EQUIPMENT_PROJECTOR);
  EXPECT_THAT(names(with_video), ElementsAre("buildings/citizen-center/rooms/8f-video"));

  v1::ListRoomsRequest unknown_building;
  unknown_building.set_parent("buildings/nowhere");
  v1::ListRoomsResponse response;
  EXPECT_EQ(stub_->ListRooms(CallContext().get(), unknown_building, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(CatalogTest, ARetriedCreateWithTheSameRequestIdReturnsTheFirstRoom) {
  ASSERT_TRUE(CreateBuilding(*stub_, "city-hall", "市政府大楼").ok());
  v1::Room first;
  ASSERT_TRUE(
      CreateRoom(*stub_, "city-hall", "302", SampleRoom("302", 20), &first, "req-302-a").ok());
  clock_.Advance(absl::Minutes(5));
  v1::Room second;
  ASSERT_TRUE(
      CreateRoom(*stub_, "city-hall", "302", SampleRoom("302", 20), &second, "req-302-a").ok());
  EXPECT_TRUE(MessageDifferencer::Equals(first, second));
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM rooms"), 1);
}

TEST_F(CatalogTest, ConcurrentRetriesOfOneCreateWriteOneRow) {
  ASSERT_TRUE(CreateBuilding(*stub_, "city-hall", "市政府大楼").ok());
  constexpr int kClients = 8;
  std::vector<grpc::Status> statuses(kClients);
  std::vector<v1::Room> rooms(kClients);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      auto stub = NewStub();
      statuses[i] =
          CreateRoom(*stub, "city-hall", "319", SampleRoom("319", 16), &rooms[i], "same-request");
    });
  }
  for (auto& c : clients) c.join();
  for (int i = 0; i < kClients; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << statuses[i].error_message();
    EXPECT_TRUE(MessageDifferencer::Equals(rooms[i], rooms[0]));
  }
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM rooms"), 1);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM idempotency_keys"), 1);
}

TEST_F(CatalogTest, AStaleEtagIsAbortedAndChangesNothing) {
  ASSERT_TRUE(CreateBuilding(*stub_, "city-hall", "市政府大楼").ok());
  v1::Room room;
  ASSERT_TRUE(CreateRoom(*stub_, "city-hall", "301", SampleRoom("301", 30), &room).ok());
  v1::UpdateRoomRequest first;
  *first.mutable_room() = room;
  first.mutable_room()->set_capacity(32);
  first.mutable_update_mask()->add_paths("capacity");
  v1::UpdateRoomResponse response;
  ASSERT_TRUE(stub_->UpdateRoom(CallContext().get(), first, &response).ok());

  v1::UpdateRoomRequest stale = first;  // still carries the etag read before
  stale.mutable_room()->set_capacity(99);
  const std::string before = database_.Snapshot({"rooms"});
  grpc::Status status = stub_->UpdateRoom(CallContext().get(), stale, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(DetailsOf(status).reason, "ETAG_MISMATCH");
  EXPECT_EQ(database_.Snapshot({"rooms"}), before);

  v1::DeleteRoomRequest remove;
  remove.set_name(room.name());
  remove.set_etag(room.etag());
  v1::DeleteRoomResponse removed;
  EXPECT_EQ(stub_->DeleteRoom(CallContext().get(), remove, &removed).error_code(),
            grpc::StatusCode::ABORTED);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM rooms"), 1);
}

TEST_F(CatalogTest, TextIsStoredAndReturnedVerbatim) {
  const std::string tricky = "O'Brien \"会议室\" \\ 🎉 '); DROP TABLE rooms; -- %_ \t";
  booking::v1::CreateBuildingRequest request;
  request.set_building_id("tricky");
  request.mutable_building()->set_display_name(tricky);
  request.mutable_building()->set_address("北京路1号 `backtick` ${x} <b>");
  booking::v1::CreateBuildingResponse created;
  ASSERT_TRUE(stub_->CreateBuilding(CallContext().get(), request, &created).ok());
  ASSERT_TRUE(CreateRoom(*stub_, "tricky", "r1", SampleRoom(tricky, 5)).ok());

  v1::GetBuildingRequest get_building;
  get_building.set_name("buildings/tricky");
  v1::GetBuildingResponse building;
  ASSERT_TRUE(stub_->GetBuilding(CallContext().get(), get_building, &building).ok());
  EXPECT_EQ(building.building().display_name(), tricky);
  EXPECT_EQ(building.building().address(), "北京路1号 `backtick` ${x} <b>");
  v1::GetRoomRequest get_room;
  get_room.set_name("buildings/tricky/rooms/r1");
  v1::GetRoomResponse room;
  ASSERT_TRUE(stub_->GetRoom(CallContext().get(), get_room, &room).ok());
  EXPECT_EQ(room.room().display_name(), tricky);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM rooms"), 1);
}

TEST_F(CatalogTest, ListBuildingsPagesThroughAll) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(CreateBuilding(*stub_, absl::StrCat("b", i), absl::StrCat("楼", i)).ok());
  }
  v1::ListBuildingsRequest request;
  request.set_page_size(2);
  std::vector<std::string> seen;
  do {
    v1::ListBuildingsResponse response;
    ASSERT_TRUE(stub_->ListBuildings(CallContext().get(), request, &response).ok());
    for (const auto& b : response.buildings()) seen.push_back(b.name());
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  EXPECT_THAT(seen, ElementsAre("buildings/b0", "buildings/b1", "buildings/b2", "buildings/b3",
                                "buildings/b4"));
}

}  // namespace
}  // namespace huiwu::testing
