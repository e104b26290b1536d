// GetWeeklyBrief (每周业务简报) over one week of the center, with real staffing, inventory
// and safety services: a meeting held with sign-in, staff and a settled kit, a no-show,
// hazards opened, closed and overdue.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/db/pool.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/booking/no_show_releaser.h"
#include "services/booking/store/booking_store.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/report_fixture.h"
#include "tests/inventory/inventory_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
namespace fv1 = safety::v1;
using ::testing::HasSubstr;

class WeeklyBriefTest : public ReportFixture {
 protected:
  v1::GetWeeklyBriefResponse Brief(v1::BookingService::Stub& stub) {
    v1::GetWeeklyBriefRequest request;
    // Thursday 3 December: the week of Monday 30 November.
    request.mutable_week()->set_year(2026);
    request.mutable_week()->set_month(12);
    request.mutable_week()->set_day(3);
    v1::GetWeeklyBriefResponse response;
    grpc::Status status = stub.GetWeeklyBrief(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  void Transition(const std::string& meeting, bool complete) {
    if (complete) {
      v1::CompleteMeetingRequest request;
      request.set_name(meeting);
      v1::CompleteMeetingResponse response;
      ASSERT_TRUE(booking_->CompleteMeeting(CallContext().get(), request, &response).ok());
    } else {
      v1::StartMeetingRequest request;
      request.set_name(meeting);
      v1::StartMeetingResponse response;
      ASSERT_TRUE(booking_->StartMeeting(CallContext().get(), request, &response).ok());
    }
  }

  // The week: 301 holds 周例会 on Wednesday 09:00–11:00 with 王丽 on duty, a walk-in
  // signed in and 15 of 20 bottles of water consumed; 302's 无人会 at 14:00 nobody
  // attends and is released; a high hazard in 302 passes its deadline; a low one in 301
  // is fixed and verified.
  void SetUp() override {
    ReportFixture::SetUp();
    if (HasFatalFailure()) return;
    held_ = Book("301", "周例会", Local(2, 9), Local(2, 11));
    no_show_ = Book("302", "无人会", Local(2, 14), Local(2, 15));
    AddAttendant("wang-li", "F-001", "王丽");
    RequireAttendants(held_, "301", Local(2, 9), Local(2, 11), 1);
    Assign(held_, "staff/wang-li");

    ASSERT_TRUE(CreateItem(*inventory_, "bottled-water", "矿泉水", "瓶",
                           inventory::v1::ITEM_CATEGORY_CONSUMABLE, 150)
                    .ok());
    ASSERT_TRUE(Receive(*inventory_, "bottled-water", kRoom301, 100).ok());
    const std::string held_id = held_.substr(std::string("meetings/").size());
    ASSERT_TRUE(Reserve(*inventory_, KitRequest(held_id, {Quantity("bottled-water", 20)})).ok());
    inventory::v1::IssueKitRequest issue;
    issue.set_name(held_ + "/kit");
    inventory::v1::IssueKitResponse issued;
    ASSERT_TRUE(inventory_->IssueKit(CallContext().get(), issue, &issued).ok());
    inventory::v1::SettleKitRequest settle;
    settle.set_name(held_ + "/kit");
    *settle.add_consumed() = Quantity("bottled-water", 15);
    inventory::v1::SettleKitResponse settled;
    ASSERT_TRUE(inventory_->SettleKit(CallContext().get(), settle, &settled).ok());

    ReportHazard("302", fv1::HAZARD_SEVERITY_HIGH, "插座松动");  // deadline Friday 09:00
    const std::string fixed = ReportHazard("301", fv1::HAZARD_SEVERITY_LOW, "门锁松动");
    fv1::AssignHazardRequest assign;
    assign.set_name(fixed);
    assign.set_assignee("staff/fixer");
    fv1::AssignHazardResponse assigned;
    ASSERT_TRUE(safety_->AssignHazard(CallContext().get(), assign, &assigned).ok());
    fv1::ResolveHazardRequest resolve;
    resolve.set_name(fixed);
    resolve.set_resolver("staff/fixer");
    resolve.set_resolution("已更换门锁");
    fv1::ResolveHazardResponse resolved;
    ASSERT_TRUE(safety_->ResolveHazard(CallContext().get(), resolve, &resolved).ok());
    fv1::VerifyHazardRequest verify;
    verify.set_name(fixed);
    verify.set_verifier("staff/checker");
    fv1::VerifyHazardResponse verified;
    ASSERT_TRUE(safety_->VerifyHazard(CallContext().get(), verify, &verified).ok());

    clock_.Set(Local(2, 8, 45));
    v1::SignInRequest sign_in;
    sign_in.set_meeting(held_);
    sign_in.mutable_walk_in()->set_name("张三");
    v1::SignInResponse signed_in;
    ASSERT_TRUE(booking_->SignIn(CallContext().get(), sign_in, &signed_in).ok());
    clock_.Set(Local(2, 9));
    Transition(held_, /*complete=*/false);
    clock_.Set(Local(2, 11));
    Transition(held_, /*complete=*/true);

    // 无人签到: the release the service runs as a periodic job, run here at 14:30.
    clock_.Set(Local(2, 14, 30));
    db::ConnectionPool pool(booking_db_.config(), nullptr);
    booking::BookingStore store(pool, policy_.LongestMeeting());
    booking::NoShowReleaser releaser(store, clock_, policy_);
    ASSERT_EQ(releaser.RunOnce(), 1);

    // The brief is made after the week.
    clock_.Set(Local(7, 10));
  }

  std::string held_;
  std::string no_show_;
};

TEST_F(WeeklyBriefTest, TheWeekInFigures) {
  const v1::GetWeeklyBriefResponse brief = Brief(*booking_);
  EXPECT_EQ(brief.week_start().month(), 11);
  EXPECT_EQ(brief.week_start().day(), 30);
  EXPECT_EQ(brief.meetings_held(), 1);
  EXPECT_EQ(brief.meetings_cancelled(), 1);
  EXPECT_EQ(brief.attendees_signed_in(), 1);
  EXPECT_EQ(brief.attendees_expected(), 10);

  ASSERT_EQ(brief.rooms_size(), 2);
  EXPECT_EQ(brief.rooms(0).room(), "buildings/city-hall/rooms/301");
  EXPECT_EQ(brief.rooms(0).room_display_name(), "市政府大楼 301会议室");
  EXPECT_EQ(brief.rooms(0).meetings_held(), 1);
  EXPECT_DOUBLE_EQ(brief.rooms(0).held_hours(), 2);
  EXPECT_DOUBLE_EQ(brief.rooms(0).opening_hours(), 50);
  EXPECT_DOUBLE_EQ(brief.rooms(0).utilization(), 0.04);
  EXPECT_EQ(brief.rooms(1).meetings_held(), 0) << "the no-show was not held";
  EXPECT_DOUBLE_EQ(brief.rooms(1).utilization(), 0);

  ASSERT_EQ(brief.no_shows_size(), 1);
  EXPECT_EQ(brief.no_shows(0).meeting(), no_show_);
  EXPECT_EQ(brief.no_shows(0).title(), "无人会");
  EXPECT_EQ(brief.no_shows(0).room_display_name(), "市政府大楼 302会议室");

  const v1::WeeklyConsumption& consumption = brief.consumption();
  EXPECT_FALSE(consumption.unknown()) << consumption.unknown_reason();
  EXPECT_EQ(consumption.meeting_count(), 1);
  ASSERT_EQ(consumption.lines_size(), 1);
  EXPECT_EQ(consumption.lines(0).item(), "items/bottled-water");
  EXPECT_EQ(consumption.lines(0).item_display_name(), "矿泉水 (瓶)");
  EXPECT_EQ(consumption.lines(0).consumed(), 15);
  EXPECT_EQ(consumption.lines(0).planned(), 20);
  EXPECT_EQ(consumption.total_cost_fen(), 15 * 150);

  const v1::WeeklyHazards& hazards = brief.hazards();
  EXPECT_FALSE(hazards.unknown()) << hazards.unknown_reason();
  EXPECT_EQ(hazards.opened(), 2);
  EXPECT_EQ(hazards.closed(), 1);
  EXPECT_EQ(hazards.overdue(), 1);
  ASSERT_EQ(hazards.overdue_hazards_size(), 1);
  EXPECT_EQ(hazards.overdue_hazards(0).place(), "buildings/city-hall/rooms/302");
  EXPECT_EQ(hazards.overdue_hazards(0).severity(), "HIGH");
  EXPECT_EQ(hazards.overdue_hazards(0).description(), "插座松动");

  const v1::WeeklyWorkload& workload = brief.workload();
  EXPECT_FALSE(workload.unknown()) << workload.unknown_reason();
  ASSERT_EQ(workload.staff_size(), 1);
  EXPECT_EQ(workload.staff(0).display_name(), "王丽");
  EXPECT_EQ(workload.staff(0).meetings(), 1);
  EXPECT_DOUBLE_EQ(workload.staff(0).assigned_hours(), 2.75) << "08:30 to 11:15 on duty";

  const std::string& html = brief.rendered_html();
  EXPECT_THAT(html, HasSubstr("每周业务简报"));
  EXPECT_THAT(html, HasSubstr("2026年11月30日至2026年12月6日"));
  EXPECT_THAT(html, HasSubstr("市政府大楼 301会议室"));
  EXPECT_THAT(html, HasSubstr("4%"));
  EXPECT_THAT(html, HasSubstr("矿泉水 (瓶)"));
  EXPECT_THAT(html, HasSubstr("22.50"));
  EXPECT_THAT(html, HasSubstr("插座松动"));
  EXPECT_THAT(html, HasSubstr("王丽"));
  EXPECT_THAT(html, HasSubstr("无人会"));
}

TEST_F(WeeklyBriefTest, WithoutThePeersTheirSectionsAreUnknownAndBookingsFiguresStand) {
  auto alone = StartBooking(config::PeerTargets{});
  ASSERT_NE(alone, nullptr);
  const v1::GetWeeklyBriefResponse brief = Brief(*alone);
  EXPECT_EQ(brief.meetings_held(), 1);
  EXPECT_EQ(brief.no_shows_size(), 1);
  EXPECT_TRUE(brief.consumption().unknown());
  EXPECT_THAT(brief.consumption().unknown_reason(), HasSubstr("inventory"));
  EXPECT_TRUE(brief.hazards().unknown());
  EXPECT_THAT(brief.hazards().unknown_reason(), HasSubstr("safety"));
  EXPECT_TRUE(brief.workload().unknown());
  EXPECT_THAT(brief.workload().unknown_reason(), HasSubstr("staffing"));
  EXPECT_THAT(brief.rendered_html(), HasSubstr("未知："));
}

TEST_F(WeeklyBriefTest, AMissingWeekIsRefusedNamingTheField) {
  v1::GetWeeklyBriefResponse response;
  grpc::Status status =
      booking_->GetWeeklyBrief(CallContext().get(), v1::GetWeeklyBriefRequest{}, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).violated_fields, ::testing::ElementsAre("week"));
}

}  // namespace
}  // namespace huiwu::testing
