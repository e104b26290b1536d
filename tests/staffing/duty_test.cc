// On-call lookup and arrival check-in at injected instants (ManualClock), the absentee
// list at the start (脱岗), a transfer (调离岗位) ending future assignments, and the
// week's workload.
#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/staffing/staffing_fixture.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using DutyTest = StaffingFixture;

std::vector<std::string> OnCallAt(sv1::StaffingService::Stub& stub, std::optional<absl::Time> at) {
  sv1::GetOnCallRequest request;
  request.set_role(sv1::ROLE_AUDIO_TECHNICIAN);
  if (at.has_value()) *request.mutable_time() = api::ToTimestamp(*at);
  sv1::GetOnCallResponse response;
  grpc::Status status = stub.GetOnCall(CallContext().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  std::vector<std::string> names;
  for (const sv1::Staff& s : response.staff()) names.push_back(s.name());
  return names;
}

void PutOnCall(sv1::StaffingService::Stub& stub, const std::string& staff, absl::Time start,
               absl::Time end) {
  sv1::SetOnCallRequest request;
  request.mutable_slot()->set_staff(staff);
  request.mutable_slot()->set_role(sv1::ROLE_AUDIO_TECHNICIAN);
  *request.mutable_slot()->mutable_start_time() = api::ToTimestamp(start);
  *request.mutable_slot()->mutable_end_time() = api::ToTimestamp(end);
  sv1::SetOnCallResponse response;
  grpc::Status status = stub.SetOnCall(CallContext().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
}

TEST_F(DutyTest, OnCallAtAnInstant) {
  AddStaff("night", "D-001", sv1::ROLE_AUDIO_TECHNICIAN);
  AddStaff("day", "D-002", sv1::ROLE_AUDIO_TECHNICIAN);
  AddStaff("attendant", "A-001", sv1::ROLE_ATTENDANT);
  PutOnCall(*stub_, "staff/night", Shanghai(2026, 12, 1, 18), Shanghai(2026, 12, 2, 8));
  PutOnCall(*stub_, "staff/day", Shanghai(2026, 12, 2, 8), Shanghai(2026, 12, 2, 18));
  EXPECT_THAT(OnCallAt(*stub_, Shanghai(2026, 12, 1, 23)), ElementsAre("staff/night"));
  EXPECT_THAT(OnCallAt(*stub_, Shanghai(2026, 12, 2, 8)), ElementsAre("staff/day"));
  EXPECT_THAT(OnCallAt(*stub_, Shanghai(2026, 12, 2, 18)), IsEmpty());
  // Without an instant: the clock's now (Tuesday 09:00: nobody), then Wednesday 07:59.
  EXPECT_THAT(OnCallAt(*stub_, std::nullopt), IsEmpty());
  clock_.Set(Shanghai(2026, 12, 2, 7, 59));
  EXPECT_THAT(OnCallAt(*stub_, std::nullopt), ElementsAre("staff/night"));

  // Only somebody of the role can be put on call for it.
  sv1::SetOnCallRequest wrong;
  wrong.mutable_slot()->set_staff("staff/attendant");
  wrong.mutable_slot()->set_role(sv1::ROLE_AUDIO_TECHNICIAN);
  *wrong.mutable_slot()->mutable_start_time() = api::ToTimestamp(Shanghai(2026, 12, 3, 8));
  *wrong.mutable_slot()->mutable_end_time() = api::ToTimestamp(Shanghai(2026, 12, 3, 18));
  sv1::SetOnCallResponse response;
  EXPECT_EQ(stub_->SetOnCall(CallContext().get(), wrong, &response).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

sv1::Assignment CheckIn(sv1::StaffingService::Stub& stub, const std::string& name) {
  sv1::CheckInRequest request;
  request.set_name(name);
  sv1::CheckInResponse response;
  grpc::Status status = stub.CheckIn(CallContext().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.assignment();
}

std::pair<bool, std::vector<std::string>> Absentees(sv1::StaffingService::Stub& stub) {
  sv1::ListAbsenteesRequest request;
  request.set_meeting("meetings/standing");
  sv1::ListAbsenteesResponse response;
  grpc::Status status = stub.ListAbsentees(CallContext().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  std::vector<std::string> staff;
  for (const sv1::Assignment& a : response.absentees()) staff.push_back(a.staff());
  return {response.meeting_started(), staff};
}

TEST_F(DutyTest, CheckInLatenessAndAbsenteesAtTheStart) {
  // Tuesday 10:00–11:00: everybody must be there by 09:30 (提前到达).
  const absl::Time start = Shanghai(2026, 12, 1, 10);
  ASSERT_TRUE(SetRequirement("standing", start, start + absl::Hours(1), 80).ok());
  for (const char* id : {"early", "late", "absent"}) {
    AddStaff(id, absl::StrCat("A-", id), sv1::ROLE_ATTENDANT);
    ASSERT_TRUE(Assign("standing", id).ok());
  }
  clock_.Set(Shanghai(2026, 12, 1, 9, 20));
  const sv1::Assignment early = CheckIn(*stub_, "meetings/standing/assignments/early");
  EXPECT_FALSE(early.late());
  EXPECT_EQ(api::FromTimestamp(early.check_in_time()), Shanghai(2026, 12, 1, 9, 20));
  clock_.Set(Shanghai(2026, 12, 1, 9, 40));
  EXPECT_TRUE(CheckIn(*stub_, "meetings/standing/assignments/late").late());
  // A second check-in keeps the first arrival.
  clock_.Set(Shanghai(2026, 12, 1, 9, 45));
  EXPECT_EQ(
      api::FromTimestamp(CheckIn(*stub_, "meetings/standing/assignments/early").check_in_time()),
      Shanghai(2026, 12, 1, 9, 20));

  // Before the start nobody is absent yet.
  EXPECT_EQ(Absentees(*stub_), std::make_pair(false, std::vector<std::string>{}));
  clock_.Set(start);
  EXPECT_EQ(Absentees(*stub_), std::make_pair(true, std::vector<std::string>{"staff/absent"}));
  // Arriving after the start is late and still counts as absent at the start.
  clock_.Set(start + absl::Minutes(5));
  EXPECT_TRUE(CheckIn(*stub_, "meetings/standing/assignments/absent").late());
  EXPECT_EQ(Absentees(*stub_), std::make_pair(true, std::vector<std::string>{"staff/absent"}));

  // The week's workload counts the late arrivals and the hours on duty (1 h 45 each).
  sv1::GetWorkloadRequest workload;
  workload.mutable_week()->set_year(2026);
  workload.mutable_week()->set_month(12);
  workload.mutable_week()->set_day(3);
  sv1::GetWorkloadResponse week;
  ASSERT_TRUE(stub_->GetWorkload(CallContext().get(), workload, &week).ok());
  EXPECT_EQ(week.week_start().day(), 30);
  EXPECT_EQ(week.week_start().month(), 11);
  ASSERT_EQ(week.sections_size(), 1);
  EXPECT_DOUBLE_EQ(week.sections(0).assigned_hours(), 3 * 1.75);
  EXPECT_EQ(week.sections(0).meetings(), 3);
  EXPECT_EQ(week.sections(0).late_arrivals(), 2);
  ASSERT_EQ(week.staff_size(), 3);
  EXPECT_EQ(week.staff(0).staff(), "staff/absent");  // A-absent < A-early < A-late
  EXPECT_EQ(week.staff(0).late_arrivals(), 1);
}

TEST_F(DutyTest, TransferEndsFutureAssignmentsAndReportsThem) {
  AddStaff("zhou", "A-001", sv1::ROLE_ATTENDANT);
  // Monday (past), Wednesday and Thursday (future); the clock says Tuesday 09:00.
  ASSERT_TRUE(
      SetRequirement("mon", Shanghai(2026, 11, 30, 10), Shanghai(2026, 11, 30, 11), 5).ok());
  ASSERT_TRUE(SetRequirement("wed", Shanghai(2026, 12, 2, 10), Shanghai(2026, 12, 2, 11), 5).ok());
  ASSERT_TRUE(SetRequirement("thu", Shanghai(2026, 12, 3, 10), Shanghai(2026, 12, 3, 11), 5).ok());
  for (const char* m : {"mon", "wed", "thu"}) ASSERT_TRUE(Assign(m, "zhou").ok());

  sv1::RecordDisciplineRequest request;
  request.set_parent("staff/zhou");
  request.mutable_record()->set_kind(sv1::DISCIPLINE_KIND_TRANSFER);
  request.mutable_record()->set_reason("多次脱岗");
  request.mutable_record()->set_recorder("主管 陈");
  request.set_request_id("transfer-zhou");
  sv1::RecordDisciplineResponse response;
  grpc::Status status = stub_->RecordDiscipline(CallContext().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::vector<std::string> ended;
  for (const sv1::Assignment& a : response.ended_assignments()) ended.push_back(a.name());
  EXPECT_THAT(ended, ElementsAre("meetings/wed/assignments/zhou", "meetings/thu/assignments/zhou"));
  EXPECT_EQ(response.record().recorder(), "主管 陈");
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM assignments"), 1) << "the past one stays";
  EXPECT_EQ(database_.QueryInt("SELECT state FROM staff WHERE staff_id = 'zhou'"), 3);

  // A retry records nothing more.
  sv1::RecordDisciplineResponse retry;
  ASSERT_TRUE(stub_->RecordDiscipline(CallContext().get(), request, &retry).ok());
  EXPECT_EQ(retry.record().name(), response.record().name());
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM discipline_records"), 1);

  grpc::Status again = Assign("wed", "zhou");
  ASSERT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(again).metadata.at("reasons"), "NOT_ACTIVE");
}

}  // namespace
}  // namespace huiwu::testing
