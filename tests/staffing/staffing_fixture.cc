#include "tests/staffing/staffing_fixture.h"

#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"

namespace huiwu::testing {

sv1::Staff StaffingFixture::AddStaff(const std::string& id, const std::string& number,
                                     sv1::Role role,
                                     const std::vector<sv1::QualificationKind>& extra) {
  sv1::CreateStaffRequest request;
  request.set_staff_id(id);
  sv1::Staff* s = request.mutable_staff();
  s->set_staff_number(number);
  s->set_display_name(absl::StrCat("测试", number));
  s->set_phone("13800000000");
  s->set_section("会务服务科");
  s->set_role(role);
  std::vector<sv1::QualificationKind> kinds = {sv1::QUALIFICATION_KIND_FIRE_SAFETY};
  kinds.insert(kinds.end(), extra.begin(), extra.end());
  for (sv1::QualificationKind kind : kinds) {
    sv1::Qualification* q = s->add_qualifications();
    q->set_kind(kind);
    q->mutable_valid_until()->set_year(2027);
    q->mutable_valid_until()->set_month(12);
    q->mutable_valid_until()->set_day(31);
  }
  sv1::CreateStaffResponse created;
  grpc::Status status = stub_->CreateStaff(CallContext().get(), request, &created);
  EXPECT_TRUE(status.ok()) << status.error_message();
  sv1::SetShiftPatternRequest shifts;
  shifts.set_staff(created.staff().name());
  for (int weekday = 1; weekday <= 5; ++weekday) {
    sv1::Shift* shift = shifts.add_shifts();
    shift->set_weekday(weekday);
    shift->set_start_minute(7 * 60);
    shift->set_end_minute(20 * 60);
  }
  sv1::SetShiftPatternResponse set;
  status = stub_->SetShiftPattern(CallContext().get(), shifts, &set);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return created.staff();
}

grpc::Status StaffingFixture::SetRequirement(
    const std::string& meeting, absl::Time start, absl::Time end, int participants, bool vip,
    bool sound, const std::vector<std::pair<sv1::Role, int>>& role_counts) {
  sv1::SetStaffingRequirementRequest request;
  sv1::StaffingRequirement* r = request.mutable_requirement();
  r->set_meeting(absl::StrCat("meetings/", meeting));
  *r->mutable_start_time() = api::ToTimestamp(start);
  *r->mutable_end_time() = api::ToTimestamp(end);
  r->set_room("buildings/city-hall/rooms/301");
  r->set_participants(participants);
  r->set_kind(sv1::MEETING_KIND_INTERNAL);
  r->set_vip(vip);
  r->set_sound_used(sound);
  for (const auto& [role, count] : role_counts) {
    sv1::RoleCount* c = r->add_role_counts();
    c->set_role(role);
    c->set_count(count);
  }
  sv1::SetStaffingRequirementResponse response;
  return stub_->SetStaffingRequirement(CallContext().get(), request, &response);
}

grpc::Status StaffingFixture::Assign(const std::string& meeting, const std::string& staff,
                                     sv1::Assignment* out) {
  sv1::AssignStaffRequest request;
  request.set_meeting(absl::StrCat("meetings/", meeting));
  request.set_staff(absl::StrCat("staff/", staff));
  sv1::AssignStaffResponse response;
  grpc::Status status = stub_->AssignStaff(CallContext().get(), request, &response);
  if (out != nullptr) *out = response.assignment();
  return status;
}

}  // namespace huiwu::testing
