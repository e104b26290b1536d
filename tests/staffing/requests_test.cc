// Request parsing without a server: update masks, page tokens bound to their filters,
// and the requirement's defaults.
#include "common/api/timestamp.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/staffing/api/duty_requests.h"
#include "services/staffing/api/staff_requests.h"

namespace huiwu::staffing {
namespace {

TEST(ParseUpdateStaffTest, OnlyMaskedFieldsAreCheckedAndApplied) {
  v1::UpdateStaffRequest request;
  request.mutable_staff()->set_name("staff/wang-li");
  request.mutable_staff()->set_section("音控室");  // display_name "" is not in the mask
  request.mutable_update_mask()->add_paths("section");
  auto command = ParseUpdateStaff(request);
  ASSERT_TRUE(command.ok()) << command.status();
  Staff staff;
  staff.display_name = "王丽";
  staff.section = "会务服务科";
  ApplyStaffUpdate(*command, staff);
  EXPECT_EQ(staff.section, "音控室");
  EXPECT_EQ(staff.display_name, "王丽");
}

TEST(ParseUpdateStaffTest, EmptyMaskMeansEveryFieldSoEveryFieldIsChecked) {
  v1::UpdateStaffRequest request;
  request.mutable_staff()->set_name("staff/wang-li");
  request.mutable_staff()->set_section("音控室");
  auto command = ParseUpdateStaff(request);
  ASSERT_FALSE(command.ok());
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(command.status())) fields.push_back(v.field);
  EXPECT_THAT(fields, ::testing::IsSupersetOf(
                          {"staff.display_name", "staff.phone", "staff.role", "staff.state"}));
}

TEST(ParseListStaffTest, PageTokenIsBoundToItsFilters) {
  v1::ListStaffRequest request;
  request.set_role(v1::ROLE_ATTENDANT);
  auto first = ParseListStaff(request);
  ASSERT_TRUE(first.ok()) << first.status();
  Staff last;
  last.staff_number = "F-010";
  request.set_page_token(NextStaffPageToken(*first, last));
  auto next = ParseListStaff(request);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->after_number, "F-010");
  request.set_role(v1::ROLE_LOBBY_MANAGER);  // another filter: the token does not apply
  EXPECT_EQ(ParseListStaff(request).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ParseSetStaffingRequirementTest, ZeroBuffersMeanTheCentersDefaults) {
  v1::SetStaffingRequirementRequest request;
  v1::StaffingRequirement* r = request.mutable_requirement();
  r->set_meeting("meetings/m1");
  const absl::Time start = absl::FromUnixSeconds(1'796'000'000);
  *r->mutable_start_time() = api::ToTimestamp(start);
  *r->mutable_end_time() = api::ToTimestamp(start + absl::Hours(2));
  r->set_room("buildings/citizen-center/rooms/8f-auditorium");
  r->set_participants(200);
  r->set_kind(v1::MEETING_KIND_CONFERENCE);
  auto parsed = ParseSetStaffingRequirement(request);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->building_id, "citizen-center");
  EXPECT_EQ(parsed->room_id, "8f-auditorium");
  EXPECT_EQ(parsed->Duty().start, start - absl::Minutes(30));
  EXPECT_EQ(parsed->Duty().end, start + absl::Hours(2) + absl::Minutes(15));
  // 200 people: 7 attendants; a conference: a lobby manager.
  EXPECT_EQ(RoleCounts(*parsed),
            (std::map<Role, int>{{Role::kLobbyManager, 1}, {Role::kAttendant, 7}}));
}

}  // namespace
}  // namespace huiwu::staffing
