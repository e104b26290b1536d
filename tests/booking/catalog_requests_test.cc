// Request parsing of the catalog, without a server: update masks and page tokens.
#include "services/booking/api/catalog_requests.h"

#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

TEST(ParseUpdateRoomTest, EmptyOrStarMaskMeansEveryField) {
  v1::UpdateRoomRequest request;
  request.mutable_room()->set_name("buildings/city-hall/rooms/301");
  request.mutable_room()->set_display_name("301");
  request.mutable_room()->set_capacity(30);
  request.mutable_room()->set_state(v1::ROOM_STATE_ACTIVE);
  auto empty = ParseUpdateRoom(request);
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(empty->fields, kAllRoomFields);
  request.mutable_update_mask()->add_paths("*");
  auto star = ParseUpdateRoom(request);
  ASSERT_TRUE(star.ok()) << star.status();
  EXPECT_EQ(star->fields, kAllRoomFields);
}

TEST(ParseUpdateRoomTest, OnlyMaskedFieldsAreCheckedAndApplied) {
  v1::UpdateRoomRequest request;
  request.mutable_room()->set_name("buildings/city-hall/rooms/301");
  request.mutable_room()->set_vip(true);  // capacity 0 is not in the mask: not checked
  request.mutable_update_mask()->add_paths("vip");
  auto command = ParseUpdateRoom(request);
  ASSERT_TRUE(command.ok()) << command.status();
  Room room;
  room.capacity = 30;
  ApplyRoomUpdate(command->patch, command->fields, room);
  EXPECT_TRUE(room.vip);
  EXPECT_EQ(room.capacity, 30);
}

TEST(ParseListRoomsTest, AnyPageTokenIsBoundToItsFilters) {
  v1::ListRoomsRequest request;
  request.set_parent("buildings/-");
  request.set_min_capacity(10);
  auto query = ParseListRooms(request);
  ASSERT_TRUE(query.ok());
  Room last;
  last.building_id = "city-hall";
  last.room_id = "301";
  request.set_page_token(NextRoomsPageToken(*query, last));
  auto next = ParseListRooms(request);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->after, (std::vector<std::string>{"city-hall", "301"}));
  request.set_min_capacity(11);
  EXPECT_EQ(ParseListRooms(request).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace huiwu::booking
