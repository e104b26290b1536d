// Bad input to every writing RPC (and the reads with parameters): INVALID_ARGUMENT
// naming each field, nothing written.
#include "tests/support/bad_input.h"

#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"
#include "gtest/gtest.h"
#include "tests/staffing/staffing_fixture.h"

namespace huiwu::testing {
namespace {

using S = sv1::StaffingService::Stub;
using StaffingBadInputTest = StaffingFixture;

const std::vector<std::string> kTables = {"staff",
                                          "staff_qualifications",
                                          "shifts",
                                          "leaves",
                                          "on_call",
                                          "requirements",
                                          "requirement_roles",
                                          "assignments",
                                          "discipline_records",
                                          "idempotency_keys"};

sv1::CreateStaffRequest GoodStaff() {
  sv1::CreateStaffRequest r;
  r.set_staff_id("new-person");
  r.mutable_staff()->set_staff_number("N-001");
  r.mutable_staff()->set_display_name("新人");
  r.mutable_staff()->set_phone("13900000000");
  r.mutable_staff()->set_section("会务服务科");
  r.mutable_staff()->set_role(sv1::ROLE_ATTENDANT);
  return r;
}

sv1::SetStaffingRequirementRequest GoodRequirement() {
  sv1::SetStaffingRequirementRequest r;
  sv1::StaffingRequirement* q = r.mutable_requirement();
  q->set_meeting("meetings/m1");
  *q->mutable_start_time() = api::ToTimestamp(Shanghai(2026, 12, 2, 10));
  *q->mutable_end_time() = api::ToTimestamp(Shanghai(2026, 12, 2, 12));
  q->set_room("buildings/city-hall/rooms/301");
  q->set_participants(30);
  q->set_kind(sv1::MEETING_KIND_INTERNAL);
  return r;
}

sv1::RequestLeaveRequest GoodLeave() {
  sv1::RequestLeaveRequest r;
  r.set_parent("staff/known");
  *r.mutable_leave()->mutable_start_time() = api::ToTimestamp(Shanghai(2026, 12, 2, 0));
  *r.mutable_leave()->mutable_end_time() = api::ToTimestamp(Shanghai(2026, 12, 3, 0));
  r.mutable_leave()->set_reason("事假");
  return r;
}

template <typename T, typename F>
T With(T request, F change) {
  change(request);
  return request;
}

TEST_F(StaffingBadInputTest, EveryBadFieldIsNamedAndNothingIsWritten) {
  AddStaff("known", "K-001", sv1::ROLE_ATTENDANT);
  const std::vector<BadInputFor<S>> cases = {
      Case("bad staff id", "staff_id", &S::CreateStaff,
           With(GoodStaff(), [](auto& r) { r.set_staff_id("Not_An_Id"); })),
      Case("bad staff number", "staff.staff_number", &S::CreateStaff,
           With(GoodStaff(), [](auto& r) { r.mutable_staff()->set_staff_number("N 1"); })),
      Case("no name", "staff.display_name", &S::CreateStaff,
           With(GoodStaff(), [](auto& r) { r.mutable_staff()->clear_display_name(); })),
      Case("letters in phone", "staff.phone", &S::CreateStaff,
           With(GoodStaff(), [](auto& r) { r.mutable_staff()->set_phone("call me"); })),
      Case("no section", "staff.section", &S::CreateStaff,
           With(GoodStaff(), [](auto& r) { r.mutable_staff()->clear_section(); })),
      Case("no role", "staff.role", &S::CreateStaff,
           With(GoodStaff(), [](auto& r) { r.mutable_staff()->clear_role(); })),
      Case("unknown qualification", "staff.qualifications[0].kind", &S::CreateStaff,
           With(GoodStaff(),
                [](auto& r) {
                  auto* q = r.mutable_staff()->add_qualifications();
                  q->set_kind(static_cast<sv1::QualificationKind>(99));
                  q->mutable_valid_until()->set_year(2027);
                  q->mutable_valid_until()->set_month(1);
                  q->mutable_valid_until()->set_day(1);
                })),
      Case("30 February", "staff.qualifications[0].valid_until.day", &S::CreateStaff,
           With(GoodStaff(),
                [](auto& r) {
                  auto* q = r.mutable_staff()->add_qualifications();
                  q->set_kind(sv1::QUALIFICATION_KIND_FIRE_SAFETY);
                  q->mutable_valid_until()->set_year(2027);
                  q->mutable_valid_until()->set_month(2);
                  q->mutable_valid_until()->set_day(30);
                })),
      Case("bad request id", "request_id", &S::CreateStaff,
           With(GoodStaff(), [](auto& r) { r.set_request_id("no spaces please"); })),
      Case("update unknown path", "update_mask.paths[0]", &S::UpdateStaff,
           With(sv1::UpdateStaffRequest(),
                [](auto& r) {
                  r.mutable_staff()->set_name("staff/known");
                  r.mutable_update_mask()->add_paths("staff_number");
                })),
      Case("update bad name", "staff.name", &S::UpdateStaff,
           With(sv1::UpdateStaffRequest(),
                [](auto& r) { r.mutable_staff()->set_name("people/x"); })),
      Case("leave ends first", "leave.end_time", &S::RequestLeave,
           With(GoodLeave(),
                [](auto& r) {
                  *r.mutable_leave()->mutable_end_time() =
                      api::ToTimestamp(Shanghai(2026, 12, 1, 0));
                })),
      Case("leave of 100 days", "leave.end_time", &S::RequestLeave,
           With(GoodLeave(),
                [](auto& r) {
                  *r.mutable_leave()->mutable_end_time() =
                      api::ToTimestamp(Shanghai(2026, 12, 2, 0) + absl::Hours(24 * 100));
                })),
      Case("leave without start", "leave.start_time", &S::RequestLeave,
           With(GoodLeave(), [](auto& r) { r.mutable_leave()->clear_start_time(); })),
      Case("leave without reason", "leave.reason", &S::RequestLeave,
           With(GoodLeave(), [](auto& r) { r.mutable_leave()->clear_reason(); })),
      Case("approve without approver", "approver", &S::ApproveLeave,
           With(sv1::ApproveLeaveRequest(), [](auto& r) { r.set_name("staff/known/leaves/x"); })),
      Case("approve bad name", "name", &S::ApproveLeave,
           With(sv1::ApproveLeaveRequest(),
                [](auto& r) {
                  r.set_name("staff/known");
                  r.set_approver("刘科长");
                })),
      Case("shift weekday 8", "shifts[0].weekday", &S::SetShiftPattern,
           With(sv1::SetShiftPatternRequest(),
                [](auto& r) {
                  r.set_staff("staff/known");
                  auto* s = r.add_shifts();
                  s->set_weekday(8);
                  s->set_start_minute(480);
                  s->set_end_minute(600);
                })),
      Case("shift ends first", "shifts[0].end_minute", &S::SetShiftPattern,
           With(sv1::SetShiftPatternRequest(),
                [](auto& r) {
                  r.set_staff("staff/known");
                  auto* s = r.add_shifts();
                  s->set_weekday(1);
                  s->set_start_minute(600);
                  s->set_end_minute(480);
                })),
      Case("on call without role", "slot.role", &S::SetOnCall,
           With(sv1::SetOnCallRequest(),
                [](auto& r) {
                  r.mutable_slot()->set_staff("staff/known");
                  *r.mutable_slot()->mutable_start_time() =
                      api::ToTimestamp(Shanghai(2026, 12, 2, 0));
                  *r.mutable_slot()->mutable_end_time() =
                      api::ToTimestamp(Shanghai(2026, 12, 3, 0));
                })),
      Case("requirement without meeting", "requirement.meeting", &S::SetStaffingRequirement,
           With(GoodRequirement(), [](auto& r) { r.mutable_requirement()->clear_meeting(); })),
      Case(
          "requirement room unnamed by building", "requirement.room", &S::SetStaffingRequirement,
          With(GoodRequirement(), [](auto& r) { r.mutable_requirement()->set_room("rooms/301"); })),
      Case("meeting of 25 hours", "requirement.end_time", &S::SetStaffingRequirement,
           With(GoodRequirement(),
                [](auto& r) {
                  *r.mutable_requirement()->mutable_end_time() =
                      api::ToTimestamp(Shanghai(2026, 12, 3, 11));
                })),
      Case("no participants", "requirement.participants", &S::SetStaffingRequirement,
           With(GoodRequirement(), [](auto& r) { r.mutable_requirement()->set_participants(0); })),
      Case("no kind", "requirement.kind", &S::SetStaffingRequirement,
           With(GoodRequirement(), [](auto& r) { r.mutable_requirement()->clear_kind(); })),
      Case("arrive 5 hours early", "requirement.arrive_before_minutes", &S::SetStaffingRequirement,
           With(GoodRequirement(),
                [](auto& r) { r.mutable_requirement()->set_arrive_before_minutes(300); })),
      Case("negative count", "requirement.role_counts[0].count", &S::SetStaffingRequirement,
           With(GoodRequirement(),
                [](auto& r) {
                  auto* c = r.mutable_requirement()->add_role_counts();
                  c->set_role(sv1::ROLE_ATTENDANT);
                  c->set_count(-1);
                })),
      Case("assign bad staff", "staff", &S::AssignStaff,
           With(sv1::AssignStaffRequest(),
                [](auto& r) {
                  r.set_meeting("meetings/m1");
                  r.set_staff("known");
                })),
      Case("assign bad meeting", "meeting", &S::AssignStaff,
           With(sv1::AssignStaffRequest(),
                [](auto& r) {
                  r.set_meeting("meeting/m1");
                  r.set_staff("staff/known");
                })),
      Case("auto-assign no meeting", "meeting", &S::AutoAssign, sv1::AutoAssignRequest()),
      Case("unassign bad name", "name", &S::UnassignStaff,
           With(sv1::UnassignStaffRequest(), [](auto& r) { r.set_name("meetings/m1/staff/x"); })),
      Case("check in bad name", "name", &S::CheckIn,
           With(sv1::CheckInRequest(), [](auto& r) { r.set_name("meetings/m1"); })),
      Case("discipline without reason", "record.reason", &S::RecordDiscipline,
           With(sv1::RecordDisciplineRequest(),
                [](auto& r) {
                  r.set_parent("staff/known");
                  r.mutable_record()->set_kind(sv1::DISCIPLINE_KIND_PUBLIC_CRITICISM);
                  r.mutable_record()->set_recorder("主管");
                })),
      Case("fine without amount", "record.fine_fen", &S::RecordDiscipline,
           With(sv1::RecordDisciplineRequest(),
                [](auto& r) {
                  r.set_parent("staff/known");
                  r.mutable_record()->set_kind(sv1::DISCIPLINE_KIND_FINE);
                  r.mutable_record()->set_reason("串岗");
                  r.mutable_record()->set_recorder("主管");
                })),
      Case("list assignments of everybody", "staff", &S::ListAssignments,
           With(sv1::ListAssignmentsRequest(), [](auto& r) { r.set_parent("meetings/-"); })),
      Case("workload without week", "week", &S::GetWorkload, sv1::GetWorkloadRequest()),
      Case("list staff bad token", "page_token", &S::ListStaff,
           With(sv1::ListStaffRequest(), [](auto& r) { r.set_page_token("garbage"); })),
      Case("audit negative page size", "page_size", &S::ListAuditRecords,
           With(sv1::ListAuditRecordsRequest(), [](auto& r) { r.set_page_size(-1); })),
      Case("audit method too long", "method", &S::ListAuditRecords,
           With(sv1::ListAuditRecordsRequest(),
                [](auto& r) { r.set_method(std::string(301, 'x')); })),
  };
  ExpectEachRefusedAndNothingWritten(*stub_, cases, database_, kTables, "staffing.huiwu");
}

TEST_F(StaffingBadInputTest, EveryViolationOfOneRequestIsNamed) {
  sv1::CreateStaffRequest request = GoodStaff();
  request.set_staff_id("");
  request.mutable_staff()->set_phone("");
  request.mutable_staff()->set_role(sv1::ROLE_UNSPECIFIED);
  sv1::CreateStaffResponse response;
  grpc::Status status = stub_->CreateStaff(CallContext().get(), request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).violated_fields,
              ::testing::IsSupersetOf({"staff_id", "staff.phone", "staff.role"}));
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM staff"), 0);
}

}  // namespace
}  // namespace huiwu::testing
