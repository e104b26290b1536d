// Auto-assignment on a fixed fixture through the real service: role, qualification
// validity, approved leave, working hours and overlaps are respected; the week's load
// is spread (exact picks); the shortfall is reported precisely; the same state gives
// the same picks.
#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/staffing/staffing_fixture.h"

namespace huiwu::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using AutoAssignTest = StaffingFixture;

std::vector<std::string> StaffOf(const google::protobuf::RepeatedPtrField<sv1::Assignment>& list) {
  std::vector<std::string> staff;
  for (const sv1::Assignment& a : list) staff.push_back(a.staff());
  return staff;
}

std::vector<std::pair<int, int>> Shortfall(const sv1::AutoAssignResponse& response) {
  std::vector<std::pair<int, int>> shortfall;
  for (const sv1::RoleCount& c : response.shortfall()) shortfall.emplace_back(c.role(), c.count());
  return shortfall;
}

TEST_F(AutoAssignTest, RespectsEveryRuleSpreadsLoadAndReportsShortfall) {
  // The meeting: Wednesday 10:00–12:00, 70 people (3 attendants), sound (1 technician).
  const absl::Time start = Shanghai(2026, 12, 2, 10);
  ASSERT_TRUE(SetRequirement("plenary", start, start + absl::Hours(2), 70, false, true).ok());

  AddStaff("on-leave", "B-001", sv1::ROLE_ATTENDANT);
  AddStaff("expired", "B-002", sv1::ROLE_ATTENDANT);
  AddStaff("afternoons", "B-003", sv1::ROLE_ATTENDANT);
  AddStaff("busy", "B-004", sv1::ROLE_ATTENDANT);
  AddStaff("loaded", "B-005", sv1::ROLE_ATTENDANT);
  AddStaff("free-1", "B-006", sv1::ROLE_ATTENDANT);
  AddStaff("free-2", "B-007", sv1::ROLE_ATTENDANT);
  AddStaff("manager", "C-001", sv1::ROLE_LOBBY_MANAGER);
  AddStaff("tech-no-console", "D-001", sv1::ROLE_AUDIO_TECHNICIAN);

  {  // Approved leave all Wednesday.
    sv1::RequestLeaveRequest request;
    request.set_parent("staff/on-leave");
    *request.mutable_leave()->mutable_start_time() = api::ToTimestamp(Shanghai(2026, 12, 2, 0));
    *request.mutable_leave()->mutable_end_time() = api::ToTimestamp(Shanghai(2026, 12, 3, 0));
    request.mutable_leave()->set_reason("家中有事");
    sv1::RequestLeaveResponse requested;
    ASSERT_TRUE(stub_->RequestLeave(CallContext().get(), request, &requested).ok());
    sv1::ApproveLeaveRequest approve;
    approve.set_name(requested.leave().name());
    approve.set_approver("张科长");
    sv1::ApproveLeaveResponse approved;
    ASSERT_TRUE(stub_->ApproveLeave(CallContext().get(), approve, &approved).ok());
  }
  {  // Fire-safety training valid only until Tuesday.
    sv1::UpdateStaffRequest request;
    request.mutable_staff()->set_name("staff/expired");
    sv1::Qualification* q = request.mutable_staff()->add_qualifications();
    q->set_kind(sv1::QUALIFICATION_KIND_FIRE_SAFETY);
    q->mutable_valid_until()->set_year(2026);
    q->mutable_valid_until()->set_month(12);
    q->mutable_valid_until()->set_day(1);
    request.mutable_update_mask()->add_paths("qualifications");
    sv1::UpdateStaffResponse response;
    ASSERT_TRUE(stub_->UpdateStaff(CallContext().get(), request, &response).ok());
  }
  {  // Works afternoons only.
    sv1::SetShiftPatternRequest request;
    request.set_staff("staff/afternoons");
    sv1::Shift* s = request.add_shifts();
    s->set_weekday(3);
    s->set_start_minute(13 * 60);
    s->set_end_minute(18 * 60);
    sv1::SetShiftPatternResponse response;
    ASSERT_TRUE(stub_->SetShiftPattern(CallContext().get(), request, &response).ok());
  }
  // Busy: another meeting overlapping (Wednesday 11:30). Loaded: two hours on Monday.
  ASSERT_TRUE(
      SetRequirement("overlapping", Shanghai(2026, 12, 2, 11, 30), Shanghai(2026, 12, 2, 12, 30), 5)
          .ok());
  ASSERT_TRUE(Assign("overlapping", "busy").ok());
  ASSERT_TRUE(
      SetRequirement("monday", Shanghai(2026, 11, 30, 14), Shanghai(2026, 11, 30, 15), 5).ok());
  ASSERT_TRUE(Assign("monday", "loaded").ok());

  sv1::AutoAssignRequest request;
  request.set_meeting("meetings/plenary");
  sv1::AutoAssignResponse first;
  grpc::Status status = stub_->AutoAssign(CallContext().get(), request, &first);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // Least loaded first (free-1, free-2 with 0 h), then loaded (1 h 45 min on Monday).
  EXPECT_THAT(StaffOf(first.assigned()),
              ElementsAre("staff/free-1", "staff/free-2", "staff/loaded"));
  EXPECT_THAT(Shortfall(first), ElementsAre(std::make_pair(int{sv1::ROLE_AUDIO_TECHNICIAN}, 1)));
  for (const sv1::Assignment& a : first.assigned()) {
    EXPECT_EQ(a.role(), sv1::ROLE_ATTENDANT);
    EXPECT_EQ(api::FromTimestamp(a.start_time()), start - absl::Minutes(30));
    EXPECT_EQ(api::FromTimestamp(a.end_time()), start + absl::Hours(2) + absl::Minutes(15));
  }

  // Same state → same picks: undo and run again.
  for (const sv1::Assignment& a : first.assigned()) {
    sv1::UnassignStaffRequest unassign;
    unassign.set_name(a.name());
    sv1::UnassignStaffResponse unassigned;
    ASSERT_TRUE(stub_->UnassignStaff(CallContext().get(), unassign, &unassigned).ok());
  }
  sv1::AutoAssignResponse again;
  ASSERT_TRUE(stub_->AutoAssign(CallContext().get(), request, &again).ok());
  EXPECT_EQ(StaffOf(again.assigned()), StaffOf(first.assigned()));

  // A qualified technician joins: the next run fills only the open place.
  AddStaff("tech", "D-002", sv1::ROLE_AUDIO_TECHNICIAN, {sv1::QUALIFICATION_KIND_AUDIO_CONSOLE});
  sv1::AutoAssignResponse filled;
  ASSERT_TRUE(stub_->AutoAssign(CallContext().get(), request, &filled).ok());
  EXPECT_THAT(StaffOf(filled.assigned()), ElementsAre("staff/tech"));
  EXPECT_THAT(Shortfall(filled), IsEmpty());
  EXPECT_EQ(filled.assignments_size(), 4);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM assignments WHERE meeting_id = 'plenary'"), 4);
}

TEST_F(AutoAssignTest, ExplainEligibilityGivesEveryReason) {
  const absl::Time start = Shanghai(2026, 12, 2, 10);
  ASSERT_TRUE(SetRequirement("vip", start, start + absl::Hours(1), 10, /*vip=*/true).ok());
  ASSERT_TRUE(SetRequirement("other", start, start + absl::Hours(1), 10).ok());
  AddStaff("tech", "D-001", sv1::ROLE_AUDIO_TECHNICIAN, {sv1::QUALIFICATION_KIND_AUDIO_CONSOLE});
  ASSERT_TRUE(Assign("other", "tech").ok());
  sv1::ExplainEligibilityRequest request;
  request.set_meeting("meetings/vip");
  request.set_staff("staff/tech");
  request.set_role(sv1::ROLE_ATTENDANT);
  sv1::ExplainEligibilityResponse response;
  ASSERT_TRUE(stub_->ExplainEligibility(CallContext().get(), request, &response).ok());
  EXPECT_FALSE(response.eligible());
  using Reason = std::pair<int, std::string>;
  std::vector<Reason> reasons;
  for (const sv1::Ineligibility& r : response.reasons())
    reasons.emplace_back(r.reason(), r.detail());
  EXPECT_THAT(reasons,
              ElementsAre(Reason{sv1::INELIGIBILITY_REASON_WRONG_ROLE, "AUDIO_TECHNICIAN"},
                          Reason{sv1::INELIGIBILITY_REASON_QUALIFICATION_MISSING, "VIP_ETIQUETTE"},
                          Reason{sv1::INELIGIBILITY_REASON_ALREADY_ASSIGNED, "meetings/other"}));
}

}  // namespace
}  // namespace huiwu::testing
