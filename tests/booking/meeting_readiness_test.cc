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
    EXPECT_NE(r.supplies().status(), v1::READINESS_STATUS_UNKNOWN) << r.supplies().detail();
    EXPECT_NE(r.inspection().status(), v1::READINESS_STATUS_UNKNOWN) << r.inspection().detail();
  }

  // `stocked` bottles of water in 301's cabinet, `wanted` of them reserved for the meeting.
  void ReserveWater(int64_t stocked, int64_t wanted) {
    inventory::v1::CreateItemRequest item;
    item.set_item_id("bottled-water");
    item.mutable_item()->set_display_name("矿泉水");
    item.mutable_item()->set_unit("瓶");
    item.mutable_item()->set_category(inventory::v1::ITEM_CATEGORY_CONSUMABLE);
    inventory::v1::CreateItemResponse created;
    ASSERT_TRUE(inventory_->CreateItem(CallContext().get(), item, &created).ok());
    inventory::v1::RecordMovementRequest receive;
    receive.set_item("items/bottled-water");
    receive.set_location(kRoom);
    receive.set_kind(inventory::v1::MOVEMENT_KIND_RECEIVE);
    receive.set_quantity(stocked);
    inventory::v1::RecordMovementResponse moved;
    ASSERT_TRUE(inventory_->RecordMovement(CallContext().get(), receive, &moved).ok());
    inventory::v1::ReserveKitRequest kit;
    kit.set_meeting(meeting_);
    kit.set_meeting_kind(inventory::v1::MEETING_KIND_INTERNAL);
    kit.set_participant_count(12);
    kit.set_room(kRoom);
    *kit.mutable_start_time() = api::ToTimestamp(Local(2, 9));
    *kit.mutable_end_time() = api::ToTimestamp(Local(2, 11));
    inventory::v1::ItemQuantity* line = kit.add_lines();
    line->set_item("items/bottled-water");
    line->set_quantity(wanted);
    inventory::v1::ReserveKitResponse reserved;
    const grpc::Status status = inventory_->ReserveKit(CallContext().get(), kit, &reserved);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  static constexpr char kRoom[] = "buildings/city-hall/rooms/301";
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

// 物资: the kit inventory holds for the meeting, line by line; a released kit is not
// supplies for the meeting.
TEST_F(MeetingReadinessTest, SuppliesAreTheKitInventoryHolds) {
  v1::MeetingReadiness r = Readiness(*booking_, meeting_);
  EXPECT_EQ(r.supplies().status(), v1::READINESS_STATUS_NOT_READY);
  EXPECT_EQ(r.supplies().detail(), "尚未预留会议物资");
  EXPECT_TRUE(r.supplies().kit().empty());

  ReserveWater(20, 12);
  r = Readiness(*booking_, meeting_);
  EXPECT_EQ(r.supplies().status(), v1::READINESS_STATUS_READY) << r.supplies().detail();
  EXPECT_EQ(r.supplies().kit(), meeting_ + "/kit");
  EXPECT_EQ(r.supplies().kit_state(), "RESERVED");
  ASSERT_EQ(r.supplies().lines_size(), 1);
  EXPECT_EQ(r.supplies().lines(0).item(), "items/bottled-water");
  EXPECT_EQ(r.supplies().lines(0).needed(), 12);
  EXPECT_EQ(r.supplies().lines(0).reserved(), 12);

  inventory::v1::ReleaseKitRequest release;
  release.set_name(meeting_ + "/kit");
  release.set_reason("会议改期");
  inventory::v1::ReleaseKitResponse released;
  ASSERT_TRUE(inventory_->ReleaseKit(CallContext().get(), release, &released).ok());
  r = Readiness(*booking_, meeting_);
  EXPECT_EQ(r.supplies().status(), v1::READINESS_STATUS_NOT_READY);
  EXPECT_EQ(r.supplies().detail(), "会议物资已释放");
  EXPECT_EQ(r.supplies().kit_state(), "RELEASED");
}

// 会前检查: the room inspected within the hours before the meeting, as safety reports it.
TEST_F(MeetingReadinessTest, ThePreMeetingInspectionIsSafetysAnswer) {
  v1::MeetingReadiness r = Readiness(*booking_, meeting_);
  EXPECT_EQ(r.inspection().status(), v1::READINESS_STATUS_NOT_READY);
  EXPECT_EQ(r.inspection().detail(), "会前安全检查尚未完成");

  safety::v1::CreateChecklistTemplateRequest checklist;
  checklist.set_checklist_template_id("room-check");
  checklist.mutable_checklist_template()->set_display_name("会前检查");
  safety::v1::ChecklistItem* exits = checklist.mutable_checklist_template()->add_items();
  exits->set_item_id("exits-clear");
  exits->set_title("安全出口畅通");
  exits->set_kind(safety::v1::CHECKLIST_ITEM_KIND_PASS_FAIL);
  exits->set_failure_severity(safety::v1::HAZARD_SEVERITY_HIGH);
  exits->set_failure_hazard_kind(safety::v1::HAZARD_KIND_FIRE);
  safety::v1::CreateChecklistTemplateResponse template_created;
  ASSERT_TRUE(
      safety_->CreateChecklistTemplate(CallContext().get(), checklist, &template_created).ok());
  clock_.Set(Local(2, 8));
  safety::v1::SubmitInspectionRequest inspect;
  inspect.set_inspection_id("before-301");
  safety::v1::Inspection* in = inspect.mutable_inspection();
  in->set_checklist_template("checklistTemplates/room-check");
  in->set_place(kRoom);
  in->set_inspector("staff/f-021");
  in->set_supervisor("staff/s-001");
  in->add_answers()->set_item_id("exits-clear");
  in->mutable_answers(0)->set_passed(true);
  safety::v1::SubmitInspectionResponse submitted;
  const grpc::Status status = safety_->SubmitInspection(CallContext().get(), inspect, &submitted);
  ASSERT_TRUE(status.ok()) << status.error_message();

  r = Readiness(*booking_, meeting_);
  EXPECT_EQ(r.inspection().status(), v1::READINESS_STATUS_READY) << r.inspection().detail();
  EXPECT_EQ(r.inspection().inspection(), "inspections/before-301");
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
