// People through the API: create (request_id retries), unique staff numbers, get,
// update with update_mask and etag, and keyset paging with filters.
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/staffing/staffing_fixture.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

using ::testing::ElementsAre;

using StaffApiTest = StaffingFixture;

sv1::CreateStaffRequest Person(const std::string& id, const std::string& number) {
  sv1::CreateStaffRequest r;
  r.set_staff_id(id);
  r.mutable_staff()->set_staff_number(number);
  r.mutable_staff()->set_display_name("王丽");
  r.mutable_staff()->set_phone("138 0000 0000");
  r.mutable_staff()->set_section("会务服务科");
  r.mutable_staff()->set_role(sv1::ROLE_ATTENDANT);
  return r;
}

TEST_F(StaffApiTest, CreateIsIdempotentAndNumbersAreUnique) {
  sv1::CreateStaffRequest request = Person("wang-li", "A-001");
  request.set_request_id("create-wang-li");
  sv1::CreateStaffResponse first;
  ASSERT_TRUE(stub_->CreateStaff(CallContext().get(), request, &first).ok());
  EXPECT_EQ(first.staff().name(), "staff/wang-li");
  EXPECT_EQ(first.staff().state(), sv1::STAFF_STATE_ACTIVE);
  sv1::CreateStaffResponse retry;
  ASSERT_TRUE(stub_->CreateStaff(CallContext().get(), request, &retry).ok());
  EXPECT_EQ(retry.staff().SerializeAsString(), first.staff().SerializeAsString());

  sv1::CreateStaffResponse clash;
  grpc::Status status = stub_->CreateStaff(CallContext().get(), Person("other", "A-001"), &clash);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(DetailsOf(status).reason, "STAFF_NUMBER_TAKEN");
  status = stub_->CreateStaff(CallContext().get(), Person("wang-li", "A-002"), &clash);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM staff"), 1);

  sv1::GetStaffRequest get;
  get.set_name("staff/nobody");
  sv1::GetStaffResponse got;
  EXPECT_EQ(stub_->GetStaff(CallContext().get(), get, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(StaffApiTest, UpdateMaskedFieldsWithEtag) {
  const sv1::Staff created = AddStaff("li-qiang", "A-002", sv1::ROLE_ATTENDANT);
  sv1::UpdateStaffRequest request;
  request.mutable_staff()->set_name(created.name());
  request.mutable_staff()->set_etag(created.etag());
  request.mutable_staff()->set_phone("13911112222");
  request.mutable_staff()->set_display_name("");  // not in the mask: neither checked nor set
  request.mutable_update_mask()->add_paths("phone");
  sv1::UpdateStaffResponse updated;
  grpc::Status status = stub_->UpdateStaff(CallContext().get(), request, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.staff().phone(), "13911112222");
  EXPECT_EQ(updated.staff().display_name(), created.display_name());
  EXPECT_NE(updated.staff().etag(), created.etag());
  // The old etag is stale now.
  status = stub_->UpdateStaff(CallContext().get(), request, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(DetailsOf(status).reason, "ETAG_MISMATCH");
}

TEST_F(StaffApiTest, ListPagesByStaffNumberWithFilters) {
  for (int i = 5; i >= 1; --i) {
    AddStaff(absl::StrCat("a-", i), absl::StrCat("A-00", i), sv1::ROLE_ATTENDANT);
  }
  AddStaff("tech", "T-001", sv1::ROLE_AUDIO_TECHNICIAN);
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    sv1::ListStaffRequest request;
    request.set_role(sv1::ROLE_ATTENDANT);
    request.set_page_size(2);
    request.set_page_token(token);
    sv1::ListStaffResponse response;
    ASSERT_TRUE(stub_->ListStaff(CallContext().get(), request, &response).ok());
    for (const sv1::Staff& s : response.staff()) seen.push_back(s.staff_number());
    token = response.next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_THAT(seen, ElementsAre("A-001", "A-002", "A-003", "A-004", "A-005"));
  EXPECT_EQ(pages, 3);
}

}  // namespace
}  // namespace huiwu::testing
