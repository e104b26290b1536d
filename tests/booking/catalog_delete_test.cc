// DeleteRoom is refused while the room has meetings still to happen: a notice naming it,
// a confirmed booking or a meeting in progress would be left with no room.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

constexpr char kRoom301[] = "buildings/city-hall/rooms/301";

class CatalogDeleteTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
  }

  grpc::Status Delete(const std::string& room) {
    v1::DeleteRoomRequest request;
    request.set_name(room);
    v1::DeleteRoomResponse response;
    return stub_->DeleteRoom(CallContext().get(), request, &response);
  }

  grpc::Status Cancel(const std::string& meeting) {
    v1::CancelMeetingRequest request;
    request.set_name(meeting);
    request.set_reason("会议室撤销");
    v1::CancelMeetingResponse response;
    return stub_->CancelMeeting(CallContext().get(), request, &response);
  }

  int64_t Rooms301() {
    return database_.QueryInt("SELECT COUNT(*) FROM rooms WHERE room_id = '301'");
  }
};

TEST_F(CatalogDeleteTest, RefusedWhileTheRoomHasFutureMeetingsNamingTheNextAndTheCount) {
  const std::string confirmed = BookMeeting(*stub_, kRoom301, Local(3, 9), Local(3, 10));
  v1::Meeting notice;
  ASSERT_TRUE(
      CreateMeeting(*stub_, SampleMeeting(kRoom301, Local(4, 9), Local(4, 10)), &notice).ok());
  ASSERT_FALSE(confirmed.empty());

  const std::string before = database_.Snapshot({"rooms", "meetings", "occupancies"});
  grpc::Status status = Delete(kRoom301);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.reason, "ROOM_HAS_FUTURE_MEETINGS");
  EXPECT_EQ(details.metadata["meeting"], confirmed);  // the next one
  EXPECT_EQ(details.metadata["meeting_count"], "2");
  EXPECT_EQ(details.metadata["room"], kRoom301);
  EXPECT_EQ(database_.Snapshot({"rooms", "meetings", "occupancies"}), before);

  // Cancelled meetings do not count: once both are withdrawn the room can go.
  ASSERT_TRUE(Cancel(confirmed).ok());
  status = Delete(kRoom301);
  EXPECT_EQ(DetailsOf(status).metadata["meeting"], notice.name());
  EXPECT_EQ(DetailsOf(status).metadata["meeting_count"], "1");
  ASSERT_TRUE(Cancel(notice.name()).ok());
  EXPECT_TRUE(Delete(kRoom301).ok());
  EXPECT_EQ(Rooms301(), 0);
}

TEST_F(CatalogDeleteTest, AMeetingInProgressBlocksUntilItsEndPastMeetingsNever) {
  const std::string meeting = BookMeeting(*stub_, kRoom301, Local(1, 14), Local(1, 16));
  ASSERT_FALSE(meeting.empty());
  clock_.Set(Local(1, 14));
  v1::StartMeetingRequest start;
  start.set_name(meeting);
  v1::StartMeetingResponse started;
  ASSERT_TRUE(stub_->StartMeeting(CallContext().get(), start, &started).ok());

  clock_.Set(Local(1, 15, 59));
  EXPECT_EQ(DetailsOf(Delete(kRoom301)).reason, "ROOM_HAS_FUTURE_MEETINGS");
  EXPECT_EQ(Rooms301(), 1);

  // At its end it is history, and history does not keep a room.
  clock_.Set(Local(1, 16));
  EXPECT_TRUE(Delete(kRoom301).ok());
  EXPECT_EQ(Rooms301(), 0);
}

TEST_F(CatalogDeleteTest, OtherRoomsMeetingsDoNotBlock) {
  ASSERT_FALSE(
      BookMeeting(*stub_, "buildings/city-hall/rooms/302", Local(3, 9), Local(3, 10)).empty());
  EXPECT_TRUE(Delete(kRoom301).ok());
}

}  // namespace
}  // namespace huiwu::testing
