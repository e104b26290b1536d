// Leave (请假报备): approval is refused while the person has assignments in the leave,
// naming them; allowed once they are reassigned; approved leave then keeps the person
// off every assignment. Rejection records the approver.
#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/staffing/staffing_fixture.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

using LeaveTest = StaffingFixture;

sv1::Leave RequestLeave(sv1::StaffingService::Stub& stub, const std::string& staff,
                        absl::Time start, absl::Time end) {
  sv1::RequestLeaveRequest request;
  request.set_parent(absl::StrCat("staff/", staff));
  *request.mutable_leave()->mutable_start_time() = api::ToTimestamp(start);
  *request.mutable_leave()->mutable_end_time() = api::ToTimestamp(end);
  request.mutable_leave()->set_reason("病假");
  request.set_request_id(absl::StrCat("leave-", staff));
  sv1::RequestLeaveResponse response;
  grpc::Status status = stub.RequestLeave(CallContext().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.leave();
}

grpc::Status Approve(sv1::StaffingService::Stub& stub, const std::string& leave,
                     sv1::Leave* out = nullptr) {
  sv1::ApproveLeaveRequest request;
  request.set_name(leave);
  request.set_approver("刘科长");
  sv1::ApproveLeaveResponse response;
  grpc::Status status = stub.ApproveLeave(CallContext().get(), request, &response);
  if (out != nullptr) *out = response.leave();
  return status;
}

TEST_F(LeaveTest, ApprovalRefusedWhileAssignedAllowedAfterReassigning) {
  AddStaff("zhao", "A-001", sv1::ROLE_ATTENDANT);
  AddStaff("qian", "A-002", sv1::ROLE_ATTENDANT);
  const absl::Time start = Shanghai(2026, 12, 3, 14);
  ASSERT_TRUE(SetRequirement("briefing", start, start + absl::Hours(2), 20).ok());
  ASSERT_TRUE(Assign("briefing", "zhao").ok());

  const sv1::Leave leave =
      RequestLeave(*stub_, "zhao", Shanghai(2026, 12, 3, 0), Shanghai(2026, 12, 4, 0));
  EXPECT_EQ(leave.state(), sv1::LEAVE_STATE_REQUESTED);
  // A retry with the same request_id is the same leave.
  EXPECT_EQ(RequestLeave(*stub_, "zhao", Shanghai(2026, 12, 3, 0), Shanghai(2026, 12, 4, 0)).name(),
            leave.name());

  grpc::Status refused = Approve(*stub_, leave.name());
  ASSERT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << refused.error_message();
  const ErrorDetails details = DetailsOf(refused);
  EXPECT_EQ(details.reason, "LEAVE_OVERLAPS_ASSIGNMENTS");
  EXPECT_EQ(details.metadata.at("assignments"), "meetings/briefing/assignments/zhao");
  EXPECT_NE(refused.error_message().find("reassign"), std::string::npos);
  EXPECT_EQ(database_.QueryInt("SELECT state FROM leaves"), 1) << "still requested";

  // Reassign: somebody else takes the meeting, then the leave is approved.
  sv1::UnassignStaffRequest unassign;
  unassign.set_name("meetings/briefing/assignments/zhao");
  sv1::UnassignStaffResponse unassigned;
  ASSERT_TRUE(stub_->UnassignStaff(CallContext().get(), unassign, &unassigned).ok());
  ASSERT_TRUE(Assign("briefing", "qian").ok());
  sv1::Leave approved;
  grpc::Status ok = Approve(*stub_, leave.name(), &approved);
  ASSERT_TRUE(ok.ok()) << ok.error_message();
  EXPECT_EQ(approved.state(), sv1::LEAVE_STATE_APPROVED);
  EXPECT_EQ(approved.approver(), "刘科长");
  EXPECT_EQ(api::FromTimestamp(approved.decide_time()), clock_.Now());

  // On approved leave: not assignable to a meeting in it.
  sv1::Assignment assignment;
  grpc::Status on_leave = Assign("briefing", "zhao", &assignment);
  ASSERT_EQ(on_leave.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(on_leave).reason, "STAFF_NOT_ELIGIBLE");
  EXPECT_EQ(DetailsOf(on_leave).metadata.at("reasons"), "ON_LEAVE");
}

TEST_F(LeaveTest, RejectionRecordsApproverAndIsFinal) {
  AddStaff("sun", "A-003", sv1::ROLE_ATTENDANT);
  const sv1::Leave leave =
      RequestLeave(*stub_, "sun", Shanghai(2026, 12, 7, 0), Shanghai(2026, 12, 8, 0));
  sv1::RejectLeaveRequest reject;
  reject.set_name(leave.name());
  reject.set_approver("刘科长");
  reject.set_note("当天有大会，请改期");
  sv1::RejectLeaveResponse rejected;
  ASSERT_TRUE(stub_->RejectLeave(CallContext().get(), reject, &rejected).ok());
  EXPECT_EQ(rejected.leave().state(), sv1::LEAVE_STATE_REJECTED);
  EXPECT_EQ(rejected.leave().decision_note(), "当天有大会，请改期");
  grpc::Status late = Approve(*stub_, leave.name());
  EXPECT_EQ(late.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(late).reason, "LEAVE_ALREADY_DECIDED");

  sv1::ListLeaveRequest list;
  list.set_parent("staff/-");
  list.set_state(sv1::LEAVE_STATE_REJECTED);
  sv1::ListLeaveResponse listed;
  ASSERT_TRUE(stub_->ListLeave(CallContext().get(), list, &listed).ok());
  ASSERT_EQ(listed.leaves_size(), 1);
  EXPECT_EQ(listed.leaves(0).name(), leave.name());
}

}  // namespace
}  // namespace huiwu::testing
