// FindAvailableRooms and GetRoomSchedule through a real gRPC channel against the real
// MariaDB: which rooms are free (buffers included), in which order, and the day and week
// schedules in the center's zone (Asia/Shanghai).
#include <functional>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/booking/bad_input_util.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char k301[] = "buildings/city-hall/rooms/301";
constexpr char k302[] = "buildings/city-hall/rooms/302";
constexpr char kVip[] = "buildings/city-hall/rooms/vip";
constexpr char k310[] = "buildings/service-center/rooms/310";
constexpr char k406[] = "buildings/service-center/rooms/406";
constexpr char k606[] = "buildings/service-center/rooms/606";

class AvailabilityTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    // city-hall: 301 (30 seats), 302 (20), the VIP room (12); all with a projector and
    // microphones and 30 minutes of set-up and clean-up.
    SeedRooms(*stub_);
    v1::Room vip = SampleRoom("贵宾室", 12);
    vip.set_vip(true);
    ASSERT_TRUE(CreateRoom(*stub_, "city-hall", "vip", vip).ok());
    // service-center: 310 (20 seats, video too, 60 min set-up, 15 clean-up), 406 (under
    // maintenance), 606 (60 seats).
    ASSERT_TRUE(CreateBuilding(*stub_, "service-center", "123市民服务中心大楼").ok());
    v1::Room video = SampleRoom("310视频会议室", 20);
    video.add_equipment(v1::EQUIPMENT_VIDEO_CONFERENCING);
    video.set_default_setup_minutes(60);
    video.set_default_cleanup_minutes(15);
    ASSERT_TRUE(CreateRoom(*stub_, "service-center", "310", video).ok());
    v1::Room closed = SampleRoom("406会议室", 25);
    closed.set_state(v1::ROOM_STATE_UNDER_MAINTENANCE);
    ASSERT_TRUE(CreateRoom(*stub_, "service-center", "406", closed).ok());
    ASSERT_TRUE(CreateRoom(*stub_, "service-center", "606", SampleRoom("606会议室", 60)).ok());
  }

  // The free rooms' names for [start, end), best first.
  std::vector<std::string> Free(absl::Time start, absl::Time end, int min_capacity,
                                std::function<void(v1::FindAvailableRoomsRequest&)> more = {},
                                v1::FindAvailableRoomsResponse* out = nullptr) {
    v1::FindAvailableRoomsRequest request;
    *request.mutable_start_time() = api::ToTimestamp(start);
    *request.mutable_end_time() = api::ToTimestamp(end);
    request.mutable_requirements()->set_min_capacity(min_capacity);
    if (more) more(request);
    v1::FindAvailableRoomsResponse response;
    grpc::Status status = stub_->FindAvailableRooms(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> names;
    for (const auto& room : response.rooms()) names.push_back(room.room().name());
    if (out != nullptr) *out = response;
    return names;
  }

  v1::GetRoomScheduleResponse Schedule(const std::string& room, int day,
                                       v1::CalendarView view = v1::CALENDAR_VIEW_UNSPECIFIED) {
    v1::GetRoomScheduleRequest request;
    request.set_room(room);
    request.mutable_date()->set_year(2026);
    request.mutable_date()->set_month(12);
    request.mutable_date()->set_day(day);
    request.set_view(view);
    v1::GetRoomScheduleResponse response;
    grpc::Status status = stub_->GetRoomSchedule(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // Books `room` for [start, end) with no set-up or clean-up, so the hold is the meeting.
  std::string BookBare(const std::string& room, absl::Time start, absl::Time end,
                       const std::string& title) {
    v1::Meeting meeting = SampleMeeting(room, start, end);
    meeting.set_title(title);
    meeting.set_setup_minutes(0);
    meeting.set_cleanup_minutes(0);
    v1::Meeting created;
    EXPECT_TRUE(CreateMeeting(*stub_, meeting, &created).ok());
    EXPECT_TRUE(ConfirmMeeting(*stub_, created.name()).ok());
    return created.name();
  }
};

std::vector<std::string> RoomsOf(const v1::GetRoomScheduleResponse& response) {
  std::vector<std::string> rooms;
  for (const auto& schedule : response.rooms()) rooms.push_back(schedule.room());
  return rooms;
}

std::vector<std::string> BusyOf(const v1::GetRoomScheduleResponse& response,
                                const std::string& room) {
  std::vector<std::string> meetings;
  for (const auto& schedule : response.rooms()) {
    if (schedule.room() != room) continue;
    for (const auto& block : schedule.busy()) meetings.push_back(block.meeting());
  }
  return meetings;
}

TEST_F(AvailabilityTest, SmallestSufficientRoomFirstAndThePreferredBuildingBeforeAll) {
  v1::FindAvailableRoomsResponse response;
  // 15 seats: the VIP room (12) is too small, 406 is under maintenance. Of the two
  // 20-seat rooms, 302 has less equipment beyond the (no) needed ones than 310.
  EXPECT_THAT(Free(Local(3, 9), Local(3, 11), 15, {}, &response),
              ElementsAre(k302, k310, k301, k606));
  // Each room is held with its own default buffers.
  EXPECT_EQ(api::FromTimestamp(response.rooms(0).occupancy_start_time()), Local(3, 8, 30));
  EXPECT_EQ(api::FromTimestamp(response.rooms(0).occupancy_end_time()), Local(3, 11, 30));
  EXPECT_EQ(api::FromTimestamp(response.rooms(1).occupancy_start_time()), Local(3, 8));
  EXPECT_EQ(api::FromTimestamp(response.rooms(1).occupancy_end_time()), Local(3, 11, 15));
  EXPECT_EQ(response.rooms(0).room().display_name(), "302会议室");
  EXPECT_EQ(response.rooms(0).room().capacity(), 20);

  EXPECT_THAT(Free(Local(3, 9), Local(3, 11), 15,
                   [](auto& r) {
                     r.mutable_requirements()->set_preferred_building("buildings/service-center");
                   }),
              ElementsAre(k310, k606, k302, k301));
  EXPECT_THAT(Free(Local(3, 9), Local(3, 11), 15, [](auto& r) { r.set_max_results(2); }),
              ElementsAre(k302, k310));
  // min_capacity 0: any size, so the VIP room (12 seats) comes first.
  EXPECT_THAT(Free(Local(3, 9), Local(3, 11), 0), ElementsAre(kVip, k302, k310, k301, k606));
}

TEST_F(AvailabilityTest, ARoomHeldIncludingItsBuffersIsBusyUntilExactlyTheBufferEdge) {
  // 302 is held 08:30–11:30 (30 minutes before and after 09:00–11:00).
  const std::string booked = BookMeeting(*stub_, k302, Local(3, 9), Local(3, 11));
  ASSERT_FALSE(booked.empty());
  EXPECT_THAT(Free(Local(3, 9), Local(3, 11), 15), ElementsAre(k310, k301, k606));
  // A 12:00 meeting would hold 302 from 11:30: exactly the edge, so it is free...
  EXPECT_THAT(Free(Local(3, 12), Local(3, 13), 15), Contains(k302));
  // ... and one minute earlier its set-up overlaps the clean-up: busy.
  EXPECT_THAT(Free(Local(3, 11, 59), Local(3, 13), 15), ::testing::Not(Contains(k302)));
  // Before: a meeting ending 08:00 is cleaned up by 08:30, the edge of the hold.
  EXPECT_THAT(Free(Local(3, 7), Local(3, 8), 15), Contains(k302));
  EXPECT_THAT(Free(Local(3, 7), Local(3, 8, 1), 15), ::testing::Not(Contains(k302)));
  // Cancelling frees it.
  v1::CancelMeetingRequest cancel;
  cancel.set_name(booked);
  cancel.set_reason("会议取消");
  v1::CancelMeetingResponse cancelled;
  ASSERT_TRUE(stub_->CancelMeeting(CallContext().get(), cancel, &cancelled).ok());
  EXPECT_THAT(Free(Local(3, 9), Local(3, 11), 15), Contains(k302));
}

TEST_F(AvailabilityTest, EquipmentAndVipRequirementsFilter) {
  EXPECT_THAT(Free(Local(3, 9), Local(3, 11), 0,
                   [](auto& r) {
                     r.mutable_requirements()->add_equipment(v1::EQUIPMENT_VIDEO_CONFERENCING);
                   }),
              ElementsAre(k310));
  EXPECT_THAT(
      Free(Local(3, 9), Local(3, 11), 0, [](auto& r) { r.mutable_requirements()->set_vip(true); }),
      ElementsAre(kVip));
  EXPECT_THAT(
      Free(Local(3, 9), Local(3, 11), 20, [](auto& r) { r.mutable_requirements()->set_vip(true); }),
      IsEmpty());
  EXPECT_THAT(
      Free(Local(3, 9), Local(3, 11), 0,
           [](auto& r) { r.mutable_requirements()->add_equipment(v1::EQUIPMENT_RECORDING); }),
      IsEmpty());
  // The video room is busy: nothing else has video.
  ASSERT_FALSE(BookMeeting(*stub_, k310, Local(3, 9), Local(3, 10)).empty());
  EXPECT_THAT(Free(Local(3, 9), Local(3, 11), 0,
                   [](auto& r) {
                     r.mutable_requirements()->add_equipment(v1::EQUIPMENT_VIDEO_CONFERENCING);
                   }),
              IsEmpty());
}

TEST_F(AvailabilityTest, ADayIsTheLocalDayInShanghaiAndEveryRoomIsListed) {
  // Monday 7 December, 23:30–23:59 local (15:30Z): Monday's, not Tuesday's.
  const std::string late = BookBare(k301, Local(7, 23, 30), Local(7, 23, 59), "夜间会商");
  // Tuesday 8 December 00:30–01:30 local, which is still Monday in UTC: Tuesday's.
  const std::string early = BookBare(k301, Local(8, 0, 30), Local(8, 1, 30), "凌晨调度会");

  v1::GetRoomScheduleResponse monday = Schedule("buildings/-/rooms/-", 7);
  EXPECT_EQ(api::FromTimestamp(monday.start_time()), Local(7, 0));
  EXPECT_EQ(api::FromTimestamp(monday.end_time()), Local(8, 0));
  EXPECT_THAT(RoomsOf(monday), ElementsAre(k301, k302, kVip, k310, k406, k606));
  EXPECT_THAT(BusyOf(monday, k301), ElementsAre(late));
  const auto& block = monday.rooms(0).busy(0);
  EXPECT_EQ(block.title(), "夜间会商");
  EXPECT_EQ(block.state(), v1::MEETING_STATE_CONFIRMED);
  EXPECT_EQ(api::FromTimestamp(block.start_time()), Local(7, 23, 30));
  EXPECT_EQ(api::FromTimestamp(block.end_time()), Local(7, 23, 59));
  EXPECT_EQ(monday.rooms(0).room_display_name(), "301会议室");
  for (const char* room : {k302, kVip, k310, k406, k606}) {
    EXPECT_THAT(BusyOf(monday, room), IsEmpty()) << room;
  }

  v1::GetRoomScheduleResponse tuesday = Schedule("buildings/-/rooms/-", 8);
  EXPECT_EQ(api::FromTimestamp(tuesday.start_time()), Local(8, 0));
  EXPECT_THAT(BusyOf(tuesday, k301), ElementsAre(early));

  // One building, one room.
  EXPECT_THAT(RoomsOf(Schedule("buildings/service-center/rooms/-", 7)),
              ElementsAre(k310, k406, k606));
  v1::GetRoomScheduleResponse one = Schedule(k301, 8, v1::CALENDAR_VIEW_DAY);
  EXPECT_THAT(RoomsOf(one), ElementsAre(k301));
  EXPECT_THAT(BusyOf(one, k301), ElementsAre(early));
}

TEST_F(AvailabilityTest, AWeekRunsMondayToSundayInShanghai) {
  const std::string monday = BookBare(k301, Local(7, 23, 30), Local(7, 23, 59), "周一");
  // Sunday 13 December 23:00 local: the last hour of the week.
  const std::string sunday = BookBare(k302, Local(13, 23), Local(13, 23, 30), "周日");
  // Monday 14 December 07:00 local (13 December 23:00Z): next week.
  BookBare(k302, Local(14, 7), Local(14, 8), "下周一");
  // Sunday 6 December 23:00 local: last week.
  BookBare(k301, Local(6, 23), Local(6, 23, 30), "上周日");

  v1::GetRoomScheduleResponse week =
      Schedule("buildings/city-hall/rooms/-", 9, v1::CALENDAR_VIEW_WEEK);
  EXPECT_EQ(api::FromTimestamp(week.start_time()), Local(7, 0));
  EXPECT_EQ(api::FromTimestamp(week.end_time()), Local(14, 0));
  EXPECT_THAT(RoomsOf(week), ElementsAre(k301, k302, kVip));
  EXPECT_THAT(BusyOf(week, k301), ElementsAre(monday));
  EXPECT_THAT(BusyOf(week, k302), ElementsAre(sunday));
  EXPECT_THAT(BusyOf(week, kVip), IsEmpty());
}

TEST_F(AvailabilityTest, AScheduleOfAnUnknownRoomOrBuildingIsNotFound) {
  v1::GetRoomScheduleRequest request;
  request.set_room("buildings/city-hall/rooms/999");
  request.mutable_date()->set_year(2026);
  request.mutable_date()->set_month(12);
  request.mutable_date()->set_day(7);
  v1::GetRoomScheduleResponse response;
  grpc::Status status = stub_->GetRoomSchedule(CallContext().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(status).reason, "ROOM_NOT_FOUND");
  request.set_room("buildings/nowhere/rooms/-");
  status = stub_->GetRoomSchedule(CallContext().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(status).reason, "BUILDING_NOT_FOUND");
}

TEST_F(AvailabilityTest, BadInputIsInvalidArgumentNamingTheFieldAndWritesNothing) {
  std::vector<BadInput> cases;
  auto find = [&](std::string what, std::string field,
                  std::function<void(v1::FindAvailableRoomsRequest&)> spoil) {
    v1::FindAvailableRoomsRequest request;
    *request.mutable_start_time() = api::ToTimestamp(Local(3, 9));
    *request.mutable_end_time() = api::ToTimestamp(Local(3, 11));
    spoil(request);
    cases.push_back({what, field, [request](v1::BookingService::Stub& stub) {
                       v1::FindAvailableRoomsResponse response;
                       return stub.FindAvailableRooms(CallContext().get(), request, &response);
                     }});
  };
  find("no start_time", "start_time", [](auto& r) { r.clear_start_time(); });
  find("no end_time", "end_time", [](auto& r) { r.clear_end_time(); });
  find("end before start", "end_time",
       [](auto& r) { *r.mutable_end_time() = api::ToTimestamp(Local(3, 8)); });
  find("end at start", "end_time",
       [](auto& r) { *r.mutable_end_time() = api::ToTimestamp(Local(3, 9)); });
  find("longer than a day", "end_time",
       [](auto& r) { *r.mutable_end_time() = api::ToTimestamp(Local(4, 9, 1)); });
  find("start in 1970", "start_time", [](auto& r) { r.mutable_start_time()->set_seconds(0); });
  find("negative nanos", "end_time", [](auto& r) { r.mutable_end_time()->set_nanos(-1); });
  find("negative min_capacity", "requirements.min_capacity",
       [](auto& r) { r.mutable_requirements()->set_min_capacity(-1); });
  find("absurd min_capacity", "requirements.min_capacity",
       [](auto& r) { r.mutable_requirements()->set_min_capacity(5001); });
  find("unknown equipment", "requirements.equipment[0]",
       [](auto& r) { r.mutable_requirements()->add_equipment(static_cast<v1::Equipment>(99)); });
  find("duplicate equipment", "requirements.equipment[1]", [](auto& r) {
    r.mutable_requirements()->add_equipment(v1::EQUIPMENT_PROJECTOR);
    r.mutable_requirements()->add_equipment(v1::EQUIPMENT_PROJECTOR);
  });
  find("malformed preferred_building", "requirements.preferred_building",
       [](auto& r) { r.mutable_requirements()->set_preferred_building("city-hall"); });
  find("negative max_results", "max_results", [](auto& r) { r.set_max_results(-1); });
  find("too many max_results", "max_results", [](auto& r) { r.set_max_results(51); });

  auto schedule = [&](std::string what, std::string field,
                      std::function<void(v1::GetRoomScheduleRequest&)> spoil) {
    v1::GetRoomScheduleRequest request;
    request.set_room("buildings/-/rooms/-");
    request.mutable_date()->set_year(2026);
    request.mutable_date()->set_month(12);
    request.mutable_date()->set_day(7);
    spoil(request);
    cases.push_back({what, field, [request](v1::BookingService::Stub& stub) {
                       v1::GetRoomScheduleResponse response;
                       return stub.GetRoomSchedule(CallContext().get(), request, &response);
                     }});
  };
  schedule("empty room", "room", [](auto& r) { r.set_room(""); });
  schedule("a building, not a room", "room", [](auto& r) { r.set_room("buildings/city-hall"); });
  schedule("a room of any building", "room", [](auto& r) { r.set_room("buildings/-/rooms/301"); });
  schedule("upper-case room id", "room",
           [](auto& r) { r.set_room("buildings/city-hall/rooms/VIP"); });
  schedule("no date", "date", [](auto& r) { r.clear_date(); });
  schedule("30 February", "date.day", [](auto& r) {
    r.mutable_date()->set_month(2);
    r.mutable_date()->set_day(30);
  });
  schedule("day 0", "date.day", [](auto& r) { r.mutable_date()->set_day(0); });
  schedule("month 13", "date.month", [](auto& r) { r.mutable_date()->set_month(13); });
  schedule("year 1999", "date.year", [](auto& r) { r.mutable_date()->set_year(1999); });
  schedule("year 2201", "date.year", [](auto& r) { r.mutable_date()->set_year(2201); });
  schedule("unknown view", "view", [](auto& r) { r.set_view(static_cast<v1::CalendarView>(9)); });

  ASSERT_FALSE(BookMeeting(*stub_, k302, Local(3, 9), Local(3, 11)).empty());
  const std::vector<std::string> tables = {"sign_ins", "meetings", "occupancies"};
  ExpectEachRefusedAndNothingWritten(*stub_, cases, database_, tables);
}

}  // namespace
}  // namespace huiwu::testing
