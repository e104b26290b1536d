// Listing assignments (a meeting's, a person's) with keyset pages, the requirement as
// stored, and a requirement that cannot move its window under the people assigned.
#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/staffing/staffing_fixture.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

using ::testing::ElementsAre;

using AssignmentListTest = StaffingFixture;

std::vector<std::string> ListAll(sv1::StaffingService::Stub& stub, const std::string& parent,
                                 const std::string& staff, int* pages) {
  std::vector<std::string> names;
  sv1::ListAssignmentsRequest request;
  request.set_parent(parent);
  request.set_staff(staff);
  request.set_page_size(2);
  *pages = 0;
  do {
    sv1::ListAssignmentsResponse response;
    grpc::Status status = stub.ListAssignments(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok()) break;
    for (const sv1::Assignment& a : response.assignments()) names.push_back(a.name());
    request.set_page_token(response.next_page_token());
    ++*pages;
  } while (!request.page_token().empty() && *pages < 10);
  return names;
}

TEST_F(AssignmentListTest, MeetingAndPersonListsPageInOrder) {
  const absl::Time start = Shanghai(2026, 12, 2, 10);
  ASSERT_TRUE(SetRequirement("big", start, start + absl::Hours(1), 150).ok());
  for (const char* id : {"e", "a-b", "a", "c", "d"}) {
    AddStaff(id, absl::StrCat("N-", id), sv1::ROLE_ATTENDANT);
    ASSERT_TRUE(Assign("big", id).ok());
  }
  ASSERT_TRUE(SetRequirement("later", start + absl::Hours(3), start + absl::Hours(4), 5).ok());
  ASSERT_TRUE(SetRequirement("earlier", start - absl::Hours(2), start - absl::Hours(1), 5).ok());
  ASSERT_TRUE(Assign("later", "a").ok());
  ASSERT_TRUE(Assign("earlier", "a").ok());

  int pages = 0;
  EXPECT_THAT(ListAll(*stub_, "meetings/big", "", &pages),
              ElementsAre("meetings/big/assignments/a", "meetings/big/assignments/a-b",
                          "meetings/big/assignments/c", "meetings/big/assignments/d",
                          "meetings/big/assignments/e"));
  EXPECT_EQ(pages, 3);
  EXPECT_THAT(ListAll(*stub_, "meetings/-", "staff/a", &pages),
              ElementsAre("meetings/earlier/assignments/a", "meetings/big/assignments/a",
                          "meetings/later/assignments/a"));
  EXPECT_EQ(pages, 2);

  sv1::UnassignStaffRequest unassign;
  unassign.set_name("meetings/big/assignments/nobody");
  sv1::UnassignStaffResponse unassigned;
  grpc::Status status = stub_->UnassignStaff(CallContext().get(), unassign, &unassigned);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(status).reason, "ASSIGNMENT_NOT_FOUND");
}

TEST_F(AssignmentListTest, RequirementKeepsItsWindowWhilePeopleAreAssigned) {
  const absl::Time start = Shanghai(2026, 12, 2, 14);
  ASSERT_TRUE(SetRequirement("session", start, start + absl::Hours(2), 40, false, false,
                             {{sv1::ROLE_ATTENDANT, 1}})
                  .ok());
  AddStaff("wu", "A-001", sv1::ROLE_ATTENDANT);
  ASSERT_TRUE(Assign("session", "wu").ok());

  // More people at the same time: fine. Another time: unassign first.
  ASSERT_TRUE(SetRequirement("session", start, start + absl::Hours(2), 70).ok());
  grpc::Status moved =
      SetRequirement("session", start + absl::Hours(1), start + absl::Hours(3), 70);
  ASSERT_EQ(moved.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(moved).reason, "REQUIREMENT_HAS_ASSIGNMENTS");

  sv1::GetStaffingRequirementRequest get;
  get.set_name("meetings/session/staffingRequirement");
  sv1::GetStaffingRequirementResponse got;
  ASSERT_TRUE(stub_->GetStaffingRequirement(CallContext().get(), get, &got).ok());
  EXPECT_EQ(api::FromTimestamp(got.requirement().start_time()), start);
  EXPECT_EQ(got.requirement().participants(), 70);
  ASSERT_EQ(got.requirement().role_counts_size(), 1);
  EXPECT_EQ(got.requirement().role_counts(0).role(), sv1::ROLE_ATTENDANT);
  EXPECT_EQ(got.requirement().role_counts(0).count(), 3);  // the override was replaced
  EXPECT_EQ(got.requirement().etag(), "\"2\"");
}

}  // namespace
}  // namespace huiwu::testing
