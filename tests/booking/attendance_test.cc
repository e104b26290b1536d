// Sign-in (签到) and attendance through a real gRPC channel against the real MariaDB:
// who may sign in and when, idempotent sign-ins that keep the first time, walk-ins, and
// the attendance figures.
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
using ::testing::ElementsAre;
using ::testing::StartsWith;

grpc::Status SignInById(v1::BookingService::Stub& stub, const std::string& meeting,
                        const std::string& attendee_id, v1::SignInResponse* response) {
  v1::SignInRequest request;
  request.set_meeting(meeting);
  request.set_attendee_id(attendee_id);
  return stub.SignIn(CallContext().get(), request, response);
}

grpc::Status SignInWalkIn(v1::BookingService::Stub& stub, const std::string& meeting,
                          const std::string& name, const std::string& unit,
                          v1::SignInResponse* response) {
  v1::SignInRequest request;
  request.set_meeting(meeting);
  request.mutable_walk_in()->set_name(name);
  request.mutable_walk_in()->set_unit(unit);
  return stub.SignIn(CallContext().get(), request, response);
}

class AttendanceTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
    // 14:00–16:00 today in 301, with four people on the list ("a1" is generated).
    v1::Meeting meeting =
        SampleMeeting("buildings/city-hall/rooms/301", Local(1, 14), Local(1, 16));
    AddAttendee(meeting, "", "李主任");
    AddAttendee(meeting, "e1001", "张科长");
    AddAttendee(meeting, "e1002", "王处长");
    AddAttendee(meeting, "e1003", "赵秘书");
    v1::Meeting created;
    ASSERT_TRUE(CreateMeeting(*stub_, meeting, &created).ok());
    ASSERT_TRUE(ConfirmMeeting(*stub_, created.name()).ok());
    meeting_ = created.name();
  }

  static void AddAttendee(v1::Meeting& meeting, const std::string& id, const std::string& name) {
    auto* attendee = meeting.add_attendees();
    attendee->set_id(id);
    attendee->set_name(name);
    attendee->set_unit("办公室");
  }

  v1::GetAttendanceResponse Attendance() {
    v1::GetAttendanceRequest request;
    request.set_meeting(meeting_);
    v1::GetAttendanceResponse response;
    grpc::Status status = stub_->GetAttendance(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  std::string meeting_;
};

TEST_F(AttendanceTest, SigningInTwiceIsHarmlessAndKeepsTheFirstTime) {
  clock_.Set(Local(1, 13));  // exactly 60 minutes before the start: sign-in opens
  v1::SignInResponse first;
  ASSERT_TRUE(SignInById(*stub_, meeting_, "e1001", &first).ok());
  EXPECT_EQ(first.attendee_id(), "e1001");
  EXPECT_FALSE(first.already_signed_in());
  EXPECT_EQ(api::FromTimestamp(first.sign_in_time()), Local(1, 13));

  clock_.Set(Local(1, 13, 40));
  v1::SignInResponse again;
  ASSERT_TRUE(SignInById(*stub_, meeting_, "e1001", &again).ok());
  EXPECT_EQ(again.attendee_id(), "e1001");
  EXPECT_TRUE(again.already_signed_in());
  EXPECT_EQ(api::FromTimestamp(again.sign_in_time()), Local(1, 13));
  EXPECT_THAT(database_.QueryRows("SELECT attendee_id, walk_in, name, sign_in_time FROM sign_ins"),
              ElementsAre("e1001|0|张科长|2026-12-01 05:00:00.000000"));
}

TEST_F(AttendanceTest, TheSameWalkInTwiceIsOneSignIn) {
  clock_.Set(Local(1, 13, 30));
  v1::SignInResponse first;
  ASSERT_TRUE(SignInWalkIn(*stub_, meeting_, "钱主任", "市发改委", &first).ok());
  EXPECT_THAT(first.attendee_id(), StartsWith("w-"));
  EXPECT_FALSE(first.already_signed_in());

  clock_.Set(Local(1, 14, 5));
  v1::SignInResponse again;
  ASSERT_TRUE(SignInWalkIn(*stub_, meeting_, "钱主任", "市发改委", &again).ok());
  EXPECT_EQ(again.attendee_id(), first.attendee_id());
  EXPECT_TRUE(again.already_signed_in());
  EXPECT_EQ(api::FromTimestamp(again.sign_in_time()), Local(1, 13, 30));

  // The same name from another unit is another person.
  v1::SignInResponse other;
  ASSERT_TRUE(SignInWalkIn(*stub_, meeting_, "钱主任", "市财政局", &other).ok());
  EXPECT_NE(other.attendee_id(), first.attendee_id());
  EXPECT_FALSE(other.already_signed_in());
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM sign_ins WHERE walk_in"), 2);
  EXPECT_EQ(Attendance().walk_ins(), 2);
}

TEST_F(AttendanceTest, AnIdNotOnTheListIsNotFoundAndNothingIsWritten) {
  clock_.Set(Local(1, 13, 30));
  v1::SignInResponse response;
  grpc::Status status = SignInById(*stub_, meeting_, "e9999", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.reason, "ATTENDEE_NOT_FOUND");
  EXPECT_EQ(details.metadata["attendee_id"], "e9999");
  EXPECT_NE(status.error_message().find("e9999"), std::string::npos) << status.error_message();
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM sign_ins"), 0);

  status = SignInById(*stub_, "meetings/0000000000000000", "e1001", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(status).reason, "MEETING_NOT_FOUND");
}

TEST_F(AttendanceTest, SignInIsClosedBeforeTheHourAndOutsideConfirmedOrInProgress) {
  // A notice that is never confirmed: no sign-in at all, even at its start.
  v1::Meeting submitted;
  ASSERT_TRUE(
      CreateMeeting(*stub_,
                    SampleMeeting("buildings/city-hall/rooms/302", Local(1, 14), Local(1, 15)),
                    &submitted)
          .ok());
  v1::SignInResponse response;
  // One second before the door opens.
  clock_.Set(Local(1, 13) - absl::Seconds(1));
  grpc::Status status = SignInById(*stub_, meeting_, "e1001", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.reason, "SIGN_IN_CLOSED");
  EXPECT_EQ(details.metadata["state"], "CONFIRMED");
  EXPECT_EQ(details.metadata["opens_at"], "2026-12-01T05:00:00Z");

  clock_.Set(Local(1, 14));
  status = SignInWalkIn(*stub_, submitted.name(), "钱主任", "", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  details = DetailsOf(status);
  EXPECT_EQ(details.reason, "SIGN_IN_CLOSED");
  EXPECT_EQ(details.metadata["state"], "SUBMITTED");
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM sign_ins"), 0);

  // Started: open; completed: closed again.
  v1::StartMeetingRequest start;
  start.set_name(meeting_);
  v1::StartMeetingResponse started;
  ASSERT_TRUE(stub_->StartMeeting(CallContext().get(), start, &started).ok());
  clock_.Set(Local(1, 15));
  EXPECT_TRUE(SignInById(*stub_, meeting_, "e1002", &response).ok());
  v1::CompleteMeetingRequest complete;
  complete.set_name(meeting_);
  v1::CompleteMeetingResponse completed;
  ASSERT_TRUE(stub_->CompleteMeeting(CallContext().get(), complete, &completed).ok());
  status = SignInById(*stub_, meeting_, "e1003", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(status).metadata["state"], "COMPLETED");
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM sign_ins"), 1);
}

TEST_F(AttendanceTest, FiguresCountTheListAndNameTheAbsenteesInListOrder) {
  v1::GetAttendanceResponse before = Attendance();
  EXPECT_EQ(before.expected(), 4);
  EXPECT_EQ(before.signed_in(), 0);
  EXPECT_EQ(before.rate(), 0.0);
  EXPECT_EQ(before.absentees_size(), 4);

  clock_.Set(Local(1, 13, 50));
  v1::SignInResponse response;
  ASSERT_TRUE(SignInById(*stub_, meeting_, "e1002", &response).ok());
  ASSERT_TRUE(SignInById(*stub_, meeting_, "e1001", &response).ok());
  ASSERT_TRUE(SignInById(*stub_, meeting_, "e1001", &response).ok());
  ASSERT_TRUE(SignInWalkIn(*stub_, meeting_, "孙科员", "", &response).ok());

  v1::GetAttendanceResponse after = Attendance();
  EXPECT_EQ(after.expected(), 4);
  EXPECT_EQ(after.signed_in(), 2);
  EXPECT_EQ(after.walk_ins(), 1);
  EXPECT_DOUBLE_EQ(after.rate(), 0.5);  // walk-ins do not raise the rate
  ASSERT_EQ(after.absentees_size(), 2);
  EXPECT_EQ(after.absentees(0).id(), "a1");
  EXPECT_EQ(after.absentees(0).name(), "李主任");
  EXPECT_EQ(after.absentees(0).unit(), "办公室");
  EXPECT_EQ(after.absentees(1).id(), "e1003");
  EXPECT_EQ(after.absentees(1).name(), "赵秘书");
}

TEST_F(AttendanceTest, AMeetingWithoutAListHasRateZero) {
  const std::string name =
      BookMeeting(*stub_, "buildings/city-hall/rooms/302", Local(1, 14), Local(1, 15));
  ASSERT_FALSE(name.empty());
  clock_.Set(Local(1, 14));
  v1::SignInResponse response;
  ASSERT_TRUE(SignInWalkIn(*stub_, name, "孙科员", "", &response).ok());
  v1::GetAttendanceRequest request;
  request.set_meeting(name);
  v1::GetAttendanceResponse attendance;
  ASSERT_TRUE(stub_->GetAttendance(CallContext().get(), request, &attendance).ok());
  EXPECT_EQ(attendance.expected(), 0);
  EXPECT_EQ(attendance.walk_ins(), 1);
  EXPECT_EQ(attendance.rate(), 0.0);
}

TEST_F(AttendanceTest, BadInputIsInvalidArgumentNamingTheFieldAndWritesNothing) {
  clock_.Set(Local(1, 14));  // sign-in open: only the input is wrong
  std::vector<BadInput> cases;
  auto sign_in = [&](std::string what, std::string field,
                     std::function<void(v1::SignInRequest&)> spoil) {
    v1::SignInRequest request;
    request.set_meeting(meeting_);
    request.set_attendee_id("e1001");
    spoil(request);
    cases.push_back({what, field, [request](v1::BookingService::Stub& stub) {
                       v1::SignInResponse response;
                       return stub.SignIn(CallContext().get(), request, &response);
                     }});
  };
  sign_in("empty meeting", "meeting", [](auto& r) { r.set_meeting(""); });
  sign_in("meeting without id", "meeting", [](auto& r) { r.set_meeting("meetings/"); });
  sign_in("meeting of another collection", "meeting",
          [](auto& r) { r.set_meeting("buildings/city-hall"); });
  sign_in("nobody", "attendee_id", [](auto& r) { r.clear_who(); });
  sign_in("empty attendee_id", "attendee_id", [](auto& r) { r.set_attendee_id(""); });
  sign_in("attendee_id with a space", "attendee_id", [](auto& r) { r.set_attendee_id("e 1001"); });
  sign_in("SQL in attendee_id", "attendee_id",
          [](auto& r) { r.set_attendee_id("x'; DELETE FROM sign_ins; --"); });
  sign_in("walk-in without a name", "walk_in.name",
          [](auto& r) { r.mutable_walk_in()->set_unit("市发改委"); });
  sign_in("walk-in name too long", "walk_in.name",
          [](auto& r) { r.mutable_walk_in()->set_name(std::string(51, 'x')); });
  sign_in("walk-in Chinese name too long", "walk_in.name", [](auto& r) {
    std::string name;
    for (int i = 0; i < 51; ++i) name += "张";
    r.mutable_walk_in()->set_name(name);
  });
  sign_in("walk-in unit too long", "walk_in.unit", [](auto& r) {
    r.mutable_walk_in()->set_name("钱主任");
    r.mutable_walk_in()->set_unit(std::string(101, 'u'));
  });
  for (const char* meeting : {"", "meetings/A B", "meetings/x/y"}) {
    v1::GetAttendanceRequest request;
    request.set_meeting(meeting);
    cases.push_back({absl::StrCat("GetAttendance meeting '", meeting, "'"), "meeting",
                     [request](v1::BookingService::Stub& stub) {
                       v1::GetAttendanceResponse response;
                       return stub.GetAttendance(CallContext().get(), request, &response);
                     }});
  }

  const std::vector<std::string> tables = {"sign_ins", "meetings", "occupancies"};
  ExpectEachRefusedAndNothingWritten(*stub_, cases, database_, tables);
}

}  // namespace
}  // namespace huiwu::testing
