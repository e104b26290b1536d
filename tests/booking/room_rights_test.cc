// Room rights (会议室使用权限) through real gRPC against MariaDB: a room kept for some
// organizer units and/or meeting kinds (the VIP reception room, 贵宾室) refuses the
// others' confirms with ROOM_RESTRICTED, holds nothing for them, and is left out of
// their FindAvailableRooms.
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/waitlist_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

constexpr char kVipRoom[] = "buildings/city-hall/rooms/vip";
constexpr char kRoom301[] = "buildings/city-hall/rooms/301";
constexpr char kOffice[] = "办公室";
constexpr char kOtherUnit[] = "发展和改革委员会";

class RoomRightsTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
    // The 贵宾室: kept for the general office's receptions.
    v1::Room vip = SampleRoom("贵宾室", 20);
    vip.set_vip(true);
    vip.add_allowed_organizer_units(kOffice);
    vip.add_allowed_kinds(v1::MEETING_KIND_VIP_RECEPTION);
    ASSERT_TRUE(CreateRoom(*stub_, "city-hall", "vip", vip, &vip_).ok());
  }

  v1::Meeting Reception(const std::string& unit,
                        v1::MeetingKind kind = v1::MEETING_KIND_VIP_RECEPTION,
                        const std::string& room = kVipRoom) {
    v1::Meeting meeting = SampleMeeting(room, Local(3, 10), Local(3, 11));
    meeting.set_organizer_unit(unit);
    meeting.set_kind(kind);
    return meeting;
  }

  std::vector<std::string> FreeRooms(const std::string& unit, v1::MeetingKind kind) {
    v1::FindAvailableRoomsRequest request;
    *request.mutable_start_time() = api::ToTimestamp(Local(4, 10));
    *request.mutable_end_time() = api::ToTimestamp(Local(4, 11));
    request.set_organizer_unit(unit);
    request.set_kind(kind);
    request.set_max_results(50);
    v1::FindAvailableRoomsResponse response;
    grpc::Status status = stub_->FindAvailableRooms(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> names;
    for (const v1::AvailableRoom& room : response.rooms()) names.push_back(room.room().name());
    return names;
  }

  v1::Room vip_;
};

TEST_F(RoomRightsTest, CreatedRoomShowsItsRights) {
  EXPECT_THAT(vip_.allowed_organizer_units(), ::testing::ElementsAre(kOffice));
  ASSERT_EQ(vip_.allowed_kinds_size(), 1);
  EXPECT_EQ(vip_.allowed_kinds(0), v1::MEETING_KIND_VIP_RECEPTION);
  EXPECT_EQ(vip_.waitlist_mode(), v1::WAITLIST_MODE_AUTO_CONFIRM);
}

TEST_F(RoomRightsTest, AnotherUnitIsRefusedAndNothingIsHeld) {
  const std::string notice = Notice(*stub_, Reception(kOtherUnit));
  ASSERT_FALSE(notice.empty());
  grpc::Status status = ConfirmMeeting(*stub_, notice);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.reason, "ROOM_RESTRICTED");
  EXPECT_EQ(details.metadata["room"], kVipRoom);
  EXPECT_EQ(details.metadata["organizer_unit"], kOtherUnit);
  EXPECT_EQ(GetMeeting(*stub_, notice).state(), v1::MEETING_STATE_SUBMITTED);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM occupancies"), 0);

  // The same unit's notice naming no room is refused when the room is given at confirm.
  const std::string roomless =
      Notice(*stub_, Reception(kOtherUnit, v1::MEETING_KIND_VIP_RECEPTION, ""));
  EXPECT_EQ(DetailsOf(ConfirmMeeting(*stub_, roomless, kVipRoom)).reason, "ROOM_RESTRICTED");
}

TEST_F(RoomRightsTest, TheAllowedUnitButAnotherKindIsRefusedByKind) {
  const std::string notice = Notice(*stub_, Reception(kOffice, v1::MEETING_KIND_TRAINING));
  grpc::Status status = ConfirmMeeting(*stub_, notice);
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.reason, "ROOM_RESTRICTED") << status.error_message();
  EXPECT_EQ(details.metadata["kind"], "TRAINING");
}

TEST_F(RoomRightsTest, TheAllowedUnitAndKindIsConfirmed) {
  const std::string notice = Notice(*stub_, Reception(kOffice));
  grpc::Status status = ConfirmMeeting(*stub_, notice);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(RoomRightsTest, UpdateRoomChangesRightsByMaskAndLaterConfirmsFollowThem) {
  const std::string notice = Notice(*stub_, Reception(kOtherUnit));
  ASSERT_EQ(DetailsOf(ConfirmMeeting(*stub_, notice)).reason, "ROOM_RESTRICTED");

  v1::UpdateRoomRequest request;
  *request.mutable_room() = vip_;
  request.mutable_room()->add_allowed_organizer_units(kOtherUnit);
  request.mutable_room()->set_display_name("not in the mask: unchanged");
  request.mutable_update_mask()->add_paths("allowed_organizer_units");
  v1::UpdateRoomResponse response;
  grpc::Status status = stub_->UpdateRoom(CallContext().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(response.room().allowed_organizer_units(),
              ::testing::ElementsAre(kOffice, kOtherUnit));
  EXPECT_EQ(response.room().display_name(), "贵宾室");
  EXPECT_EQ(response.room().allowed_kinds_size(), 1);

  status = ConfirmMeeting(*stub_, notice);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(RoomRightsTest, MovingAConfirmedMeetingIntoTheRoomIsRefusedForAnotherUnit) {
  const std::string booked = BookMeeting(*stub_, kRoom301, Local(3, 14), Local(3, 15));
  ASSERT_FALSE(booked.empty());
  v1::RescheduleMeetingRequest request;
  request.set_name(booked);
  *request.mutable_start_time() = api::ToTimestamp(Local(3, 14));
  *request.mutable_end_time() = api::ToTimestamp(Local(3, 15));
  request.set_room(kVipRoom);
  v1::RescheduleMeetingResponse response;
  grpc::Status status = stub_->RescheduleMeeting(CallContext().get(), request, &response);
  EXPECT_EQ(DetailsOf(status).reason, "ROOM_RESTRICTED") << status.error_message();
  EXPECT_EQ(GetMeeting(*stub_, booked).room(), kRoom301);
}

TEST_F(RoomRightsTest, FindAvailableRoomsLeavesTheRoomOutForAnotherUnitOrKind) {
  using ::testing::Contains;
  using ::testing::Not;
  EXPECT_THAT(FreeRooms(kOtherUnit, v1::MEETING_KIND_VIP_RECEPTION), Not(Contains(kVipRoom)));
  EXPECT_THAT(FreeRooms(kOffice, v1::MEETING_KIND_INTERNAL), Not(Contains(kVipRoom)));
  EXPECT_THAT(FreeRooms(kOffice, v1::MEETING_KIND_VIP_RECEPTION), Contains(kVipRoom));
  // Neither named: the dispatch hub's view of every free room.
  EXPECT_THAT(FreeRooms("", v1::MEETING_KIND_UNSPECIFIED), Contains(kVipRoom));
  // Unrestricted rooms are offered to everyone.
  EXPECT_THAT(FreeRooms(kOtherUnit, v1::MEETING_KIND_INTERNAL), Contains(kRoom301));
}

}  // namespace
}  // namespace huiwu::testing
