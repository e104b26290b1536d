// Who may sign an attendee in without the door screen's code (扫码签到), through real
// mTLS on the real booking service: the data-access file decides
// (sign_in_without_code_principals), not the code. The shipped file lets the attendants'
// desk do it and not an organizer unit's system; an edited file that drops attendant/*
// refuses the desk too, without a restart.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "services/booking/booking_spec.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/mtls_host.h"
#include "tests/support/poll.h"
#include "tests/support/shipped_principals.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

constexpr char kDesk[] = "spiffe://huiwu/attendant/zhao";
constexpr char kOrganizer[] = "spiffe://huiwu/organizer/u-001";  // bound in the shipped file
constexpr char kPortal[] = "spiffe://huiwu/signin/portal";

// The shipped policy lets only attendants, the portal and admins call SignIn. So that the
// data-access file alone decides here, this one lets an organizer's system call it too.
constexpr char kPolicy[] = R"json({
  "name": "sign-in-test",
  "allow_rules": [
    {"name": "admin", "source": {"principals": ["spiffe://huiwu/admin/*"]}},
    {"name": "sign_in",
     "source": {"principals": ["spiffe://huiwu/attendant/*", "spiffe://huiwu/organizer/*",
                               "spiffe://huiwu/signin/*"]},
     "request": {"paths": ["/huiwu.booking.v1.BookingService/SignIn"]}}
  ]
})json";

class SignInPolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    policy_file_ = (booking_.dir() / "policy.json").string();
    data_access_file_ = (booking_.dir() / "data-access.json").string();
    ReplaceFile(policy_file_, kPolicy);
    ReplaceFile(data_access_file_, ReadFile(ShippedDataAccessFile()));
    MtlsHost::Options options;
    options.policy_file = policy_file_;
    options.data_access_file = data_access_file_;
    options.refresh_interval = absl::Milliseconds(100);
    const absl::Status started = booking_.Start(booking::BookingServiceSpec(clock_, scheduling_),
                                                "spiffe://huiwu/service/booking", options);
    ASSERT_TRUE(started.ok()) << started;
    auto admin = Booking(kAdmin);
    SeedRooms(*admin);
    v1::Meeting meeting =
        SampleMeeting("buildings/city-hall/rooms/301", Local(1, 14), Local(1, 16));
    for (const char* id : {"e1001", "e1002", "e1003"}) {
      v1::Attendee* attendee = meeting.add_attendees();
      attendee->set_id(id);
      attendee->set_name(absl::StrCat("参会人", id));
      attendee->set_unit("办公室");
    }
    v1::Meeting created;
    ASSERT_TRUE(CreateMeeting(*admin, meeting, &created).ok());
    ASSERT_TRUE(ConfirmMeeting(*admin, created.name()).ok());
    meeting_ = created.name();
    clock_.Set(Local(1, 13, 30));  // sign-in is open from 13:00
  }

  std::unique_ptr<v1::BookingService::Stub> Booking(const std::string& principal) {
    return v1::BookingService::NewStub(booking_.ChannelAs(principal));
  }

  // A sign-in of `attendee_id` without a code, as `principal`.
  grpc::Status SignInWithoutCode(const std::string& principal, const std::string& meeting,
                                 const std::string& attendee_id) {
    v1::SignInRequest request;
    request.set_meeting(meeting);
    request.set_attendee_id(attendee_id);
    v1::SignInResponse response;
    return Booking(principal)->SignIn(CallContext().get(), request, &response);
  }

  static void ExpectCodeRequired(const grpc::Status& status, const std::string& caller) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << status.error_message();
    ErrorDetails details = DetailsOf(status);
    EXPECT_EQ(details.reason, "SIGN_IN_CODE_REQUIRED") << status.error_message();
    EXPECT_EQ(details.metadata["caller"], caller);
  }

  int SignIns() { return booking_.database().QueryInt("SELECT COUNT(*) FROM sign_ins"); }

  ManualClock clock_{DefaultTestNow()};
  booking::SchedulingPolicy scheduling_;
  MtlsHost booking_;
  std::string policy_file_;
  std::string data_access_file_;
  std::string meeting_;
};

TEST_F(SignInPolicyTest, TheShippedFileLetsTheDeskSignInWithoutACodeAndNotAnOrganizer) {
  ExpectCodeRequired(SignInWithoutCode(kOrganizer, meeting_, "e1001"), kOrganizer);
  ExpectCodeRequired(SignInWithoutCode(kPortal, meeting_, "e1001"), kPortal);
  EXPECT_EQ(SignIns(), 0) << "a refused sign-in writes nothing";

  const grpc::Status desk = SignInWithoutCode(kDesk, meeting_, "e1001");
  EXPECT_TRUE(desk.ok()) << desk.error_message();
  EXPECT_EQ(SignIns(), 1);
}

TEST_F(SignInPolicyTest, AFileWithoutAttendantsRefusesTheDeskWithoutARestart) {
  ASSERT_TRUE(SignInWithoutCode(kDesk, meeting_, "e1001").ok());
  std::string edited = ReadFile(ShippedDataAccessFile());
  const std::string listed =
      "\"sign_in_without_code_principals\": [\n    \"spiffe://huiwu/attendant/*\",\n";
  ASSERT_NE(edited.find(listed), std::string::npos)
      << "the shipped file lists attendant/* first in sign_in_without_code_principals";
  edited = absl::StrReplaceAll(
      edited, {{listed, "\"sign_in_without_code_principals\": [\n"},
               {"\"name\": \"huiwu-data-access\"", "\"name\": \"no-desk-sign-in\""}});
  ReplaceFile(data_access_file_, edited);

  // A meeting that does not exist: while the desk may sign in without a code, the call
  // reaches the store (NOT_FOUND) and writes nothing; once the edit is read, it stops at
  // the code.
  grpc::Status probe;
  EXPECT_TRUE(PollUntil(
      [&] {
        probe = SignInWithoutCode(kDesk, "meetings/0000000000000000", "e1002");
        return probe.error_code() == grpc::StatusCode::PERMISSION_DENIED;
      },
      absl::Seconds(10)))
      << probe.error_message();
  ExpectCodeRequired(SignInWithoutCode(kDesk, meeting_, "e1002"), kDesk);
  EXPECT_EQ(SignIns(), 1);
  // Admins are still listed.
  const grpc::Status admin = SignInWithoutCode(kAdmin, meeting_, "e1003");
  EXPECT_TRUE(admin.ok()) << admin.error_message();
  EXPECT_EQ(SignIns(), 2);
}

}  // namespace
}  // namespace huiwu::testing
