// GetMeetingReadiness (准备情况) against real staffing, inventory and safety services, and
// with those services missing, down or silent: the parts they own are UNKNOWN with the
// reason, the rest still answers, within the peer deadline.
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/report_fixture.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
using ::testing::HasSubstr;

class MeetingReadinessTest : public ReportFixture {
 protected:
  // A meeting in 301 on 2 December 09:00–11:00 with tea and a banner; two attendants
  // required, one assigned; tea served.
  void SetUp() override {
    ReportFixture::SetUp();
    if (HasFatalFailure()) return;
    meeting_ = Book("301", "季度工作调度会", Local(2, 9), Local(2, 11),
                    {v1::SERVICE_KIND_TEA, v1::SERVICE_KIND_BANNER});
    AddAttendant("wang-li", "F-001", "王丽");
    AddAttendant("li-qiang", "F-002", "李强");
    RequireAttendants(meeting_, "301", Local(2, 9), Local(2, 11), 2);
    Assign(meeting_, "staff/wang-li");
    ASSERT_TRUE(RecordServiceDone(meeting_, v1::SERVICE_KIND_TEA).ok());
  }

  // The parts the peers own were answered by them (not UNKNOWN for want of an answer).
  static void ExpectPeersAnswered(const v1::MeetingReadiness& r) {
    EXPECT_NE(r.clearance().status(), v1::READINESS_STATUS_UNKNOWN) << r.clearance().detail();
    EXPECT_NE(r.staffing().status(), v1::READINESS_STATUS_UNKNOWN) << r.staffing().detail();
    // Inventory has no GetMeetingKit on main yet and safety does not report the
    // pre-meeting inspection yet (issue 9, other branches): until they do, these parts
    // say so rather than guess. TODO(lead): READY/NOT_READY once wired.
    EXPECT_EQ(r.supplies().status(), v1::READINESS_STATUS_UNKNOWN);
    EXPECT_THAT(r.supplies().detail(), HasSubstr("尚未提供"));
    EXPECT_EQ(r.inspection().status(), v1::READINESS_STATUS_UNKNOWN);
    EXPECT_THAT(r.inspection().detail(), HasSubstr("尚未提供"));
  }

  std::string meeting_;
};

TEST_F(MeetingReadinessTest, EveryPartIsAnsweredByTheServiceThatKnows) {
  const v1::MeetingReadiness r = Readiness(*booking_, meeting_);
  EXPECT_EQ(r.meeting(), meeting_);
  EXPECT_FALSE(r.ready());
  ExpectPeersAnswered(r);

  EXPECT_EQ(r.room().status(), v1::READINESS_STATUS_READY);
  EXPECT_EQ(r.room().room(), "buildings/city-hall/rooms/301");
  EXPECT_EQ(r.room().room_display_name(), "市政府大楼 301会议室");
  EXPECT_EQ(api::FromTimestamp(r.room().occupancy_start_time()), Local(2, 8, 30));
  EXPECT_EQ(api::FromTimestamp(r.room().occupancy_end_time()), Local(2, 11, 30));

  EXPECT_EQ(r.clearance().status(), v1::READINESS_STATUS_READY);
  EXPECT_TRUE(r.clearance().blocks().empty());

  EXPECT_EQ(r.staffing().status(), v1::READINESS_STATUS_NOT_READY);
  EXPECT_EQ(r.staffing().detail(), "缺 会议服务员 1 人");
  EXPECT_EQ(r.staffing().required(), 2);
  EXPECT_EQ(r.staffing().assigned(), 1);
  ASSERT_EQ(r.staffing().roles_size(), 1);
  EXPECT_EQ(r.staffing().roles(0).role(), "ATTENDANT");
  ASSERT_EQ(r.staffing().staff_size(), 1);
  EXPECT_EQ(r.staffing().staff(0).staff(), "staff/wang-li");
  EXPECT_EQ(r.staffing().staff(0).display_name(), "王丽");
  EXPECT_FALSE(r.staffing().staff(0).checked_in());

  EXPECT_EQ(r.services().status(), v1::READINESS_STATUS_NOT_READY);
  EXPECT_EQ(r.services().detail(), "未落实: 会标制作");
  ASSERT_EQ(r.services().services_size(), 2);
  EXPECT_EQ(r.services().services(0).kind(), v1::SERVICE_KIND_BANNER);
  EXPECT_FALSE(r.services().services(0).done());
  EXPECT_EQ(r.services().services(1).kind(), v1::SERVICE_KIND_TEA);
  EXPECT_TRUE(r.services().services(1).done());
  EXPECT_EQ(api::FromTimestamp(r.services().services(1).done_time()), DefaultTestNow());

  // The second attendant and the banner: staff and services become ready.
  Assign(meeting_, "staff/li-qiang");
  ASSERT_TRUE(RecordServiceDone(meeting_, v1::SERVICE_KIND_BANNER).ok());
  const v1::MeetingReadiness after = Readiness(*booking_, meeting_);
  EXPECT_EQ(after.staffing().status(), v1::READINESS_STATUS_READY);
  EXPECT_EQ(after.staffing().assigned(), 2);
  EXPECT_EQ(after.services().status(), v1::READINESS_STATUS_READY);
  EXPECT_TRUE(after.services().detail().empty());
}

TEST_F(MeetingReadinessTest, AHazardInTheRoomBlocksItsClearance) {
  const std::string hazard = ReportHazard("301", safety::v1::HAZARD_SEVERITY_HIGH, "天花板漏水");
  const v1::MeetingReadiness r = Readiness(*booking_, meeting_);
  EXPECT_EQ(r.clearance().status(), v1::READINESS_STATUS_NOT_READY);
  ASSERT_EQ(r.clearance().blocks_size(), 1);
  EXPECT_EQ(r.clearance().blocks(0).reason(), "ROOM_HAZARD");
  EXPECT_EQ(r.clearance().blocks(0).resource(), hazard);
  EXPECT_THAT(r.clearance().detail(), HasSubstr("会议室不可用"));
  EXPECT_FALSE(r.ready());
}

TEST_F(MeetingReadinessTest, SafetyAtAClosedPortIsUnknownAndTheRestAnswersWithinTheDeadline) {
  config::PeerTargets peers = AllPeers();
  peers.safety = absl::StrCat("127.0.0.1:", ClosedPort());
  const absl::Duration deadline = absl::Seconds(2);
  auto replica = StartBooking(peers, deadline);
  ASSERT_NE(replica, nullptr);
  const absl::Time asked = absl::Now();
  const v1::MeetingReadiness r = Readiness(*replica, meeting_);
  const absl::Duration took = absl::Now() - asked;

  EXPECT_EQ(r.clearance().status(), v1::READINESS_STATUS_UNKNOWN);
  EXPECT_THAT(r.clearance().detail(), HasSubstr("safety"));
  EXPECT_THAT(r.clearance().detail(), HasSubstr("UNAVAILABLE"));
  EXPECT_EQ(r.inspection().status(), v1::READINESS_STATUS_UNKNOWN);
  EXPECT_THAT(r.inspection().detail(), HasSubstr("safety"));
  // The rest is answered as with every service up.
  EXPECT_EQ(r.room().status(), v1::READINESS_STATUS_READY);
  EXPECT_EQ(r.staffing().status(), v1::READINESS_STATUS_NOT_READY);
  EXPECT_EQ(r.staffing().staff(0).display_name(), "王丽");
  EXPECT_EQ(r.services().status(), v1::READINESS_STATUS_NOT_READY);
  EXPECT_FALSE(r.ready());
  // A refused connection fails at once; nothing waits for the deadline (the margin is
  // booking's own work on a loaded test machine).
  EXPECT_LT(took, deadline + absl::Seconds(1)) << took;
}

TEST_F(MeetingReadinessTest, ASafetyThatDoesNotAnswerIsUnknownAfterTheDeadline) {
  SilentSafety silent;
  config::PeerTargets peers = AllPeers();
  peers.safety = silent.address();
  const absl::Duration deadline = absl::Milliseconds(500);
  auto replica = StartBooking(peers, deadline);
  ASSERT_NE(replica, nullptr);
  const absl::Time asked = absl::Now();
  const v1::MeetingReadiness r = Readiness(*replica, meeting_);
  const absl::Duration took = absl::Now() - asked;

  EXPECT_EQ(r.clearance().status(), v1::READINESS_STATUS_UNKNOWN);
  EXPECT_THAT(r.clearance().detail(), HasSubstr("DEADLINE_EXCEEDED"));
  EXPECT_THAT(r.clearance().detail(), HasSubstr("500ms"));
  EXPECT_EQ(r.staffing().status(), v1::READINESS_STATUS_NOT_READY);
  EXPECT_EQ(r.room().status(), v1::READINESS_STATUS_READY);
  // Staffing was asked in parallel, not after safety gave up.
  EXPECT_LT(took, deadline + absl::Seconds(1)) << took;
}

TEST_F(MeetingReadinessTest, WithoutTargetsThePeersPartsAreUnknownNotConfigured) {
  auto alone = StartBooking(config::PeerTargets{});
  ASSERT_NE(alone, nullptr);
  const v1::MeetingReadiness r = Readiness(*alone, meeting_);
  for (const auto* detail : {&r.clearance().detail(), &r.staffing().detail(),
                             &r.supplies().detail(), &r.inspection().detail()}) {
    EXPECT_THAT(*detail, HasSubstr("未配置"));
  }
  EXPECT_EQ(r.clearance().status(), v1::READINESS_STATUS_UNKNOWN);
  EXPECT_EQ(r.staffing().status(), v1::READINESS_STATUS_UNKNOWN);
  EXPECT_EQ(r.supplies().status(), v1::READINESS_STATUS_UNKNOWN);
  EXPECT_EQ(r.room().status(), v1::READINESS_STATUS_READY);
  EXPECT_EQ(r.services().status(), v1::READINESS_STATUS_NOT_READY);
}

TEST_F(MeetingReadinessTest, ANoticeWithoutStaffingRequirementIsNotReady) {
  v1::Meeting created;
  ASSERT_TRUE(
      CreateMeeting(*booking_,
                    SampleMeeting("buildings/city-hall/rooms/302", Local(3, 9), Local(3, 10)),
                    &created)
          .ok());
  const v1::MeetingReadiness r = Readiness(*booking_, created.name());
  EXPECT_EQ(r.room().status(), v1::READINESS_STATUS_NOT_READY);
  EXPECT_THAT(r.room().detail(), HasSubstr("尚未确认"));
  EXPECT_EQ(r.staffing().status(), v1::READINESS_STATUS_NOT_READY);
  EXPECT_EQ(r.staffing().detail(), "尚未确定人员需求");
  // Safety is asked about the meeting's own window in the room it names.
  EXPECT_EQ(r.clearance().status(), v1::READINESS_STATUS_READY);
  EXPECT_EQ(r.services().status(), v1::READINESS_STATUS_READY) << "no service ordered";
}

TEST_F(MeetingReadinessTest, UnknownMeetingIsNotFoundAndABadNameIsInvalid) {
  v1::GetMeetingReadinessRequest request;
  request.set_name("meetings/0000000000000000");
  v1::GetMeetingReadinessResponse response;
  grpc::Status status = booking_->GetMeetingReadiness(CallContext().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  request.set_name("rooms/301");
  status = booking_->GetMeetingReadiness(CallContext().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).violated_fields, ::testing::ElementsAre("name"));
}

TEST_F(MeetingReadinessTest, AServiceIsRecordedDoneOnceAndOnlyWhenOrdered) {
  v1::ServiceProgress first;
  ASSERT_TRUE(RecordServiceDone(meeting_, v1::SERVICE_KIND_BANNER, &first).ok());
  EXPECT_TRUE(first.done());
  EXPECT_EQ(first.kind(), v1::SERVICE_KIND_BANNER);
  clock_.Advance(absl::Minutes(5));
  v1::ServiceProgress again;
  ASSERT_TRUE(RecordServiceDone(meeting_, v1::SERVICE_KIND_BANNER, &again).ok());
  EXPECT_EQ(again.done_time().seconds(), first.done_time().seconds()) << "the first time stands";
  // Tea (SetUp) and the banner: one event each, not one per call.
  EXPECT_EQ(booking_db_.QueryInt("SELECT COUNT(*) FROM event_outbox WHERE type = "
                                 "'huiwu.booking.v1.MeetingServiceDone'"),
            2);

  const std::string before = booking_db_.Snapshot({"meeting_services_done"});
  grpc::Status status = RecordServiceDone(meeting_, v1::SERVICE_KIND_FLOWERS);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(status).reason, "SERVICE_NOT_ORDERED");
  status = RecordServiceDone(meeting_, static_cast<v1::ServiceKind>(99));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).violated_fields, ::testing::ElementsAre("kind"));
  status = RecordServiceDone("meetings/0000000000000000", v1::SERVICE_KIND_TEA);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(booking_db_.Snapshot({"meeting_services_done"}), before);
}

}  // namespace
}  // namespace huiwu::testing
