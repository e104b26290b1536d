// Staffing's audit trail and request_id reuse (tests/support/audit_trail_test_body.h).
#include "tests/staffing/staffing_fixture.h"
#include "tests/support/audit_trail_test_body.h"

namespace huiwu::testing {
namespace {

class StaffingAuditTest : public StaffingFixture {};

TEST_F(StaffingAuditTest, CreateStaffIsAuditedOnceAndARequestIdCannotBeReused) {
  auto create = [&](const std::string& request_id, int variant) {
    sv1::CreateStaffRequest request;
    request.set_staff_id("f-001");
    request.set_request_id(request_id);
    sv1::Staff* s = request.mutable_staff();
    s->set_staff_number("F001");
    s->set_display_name(variant == 0 ? "张三" : "李四");
    s->set_phone("13800000000");
    s->set_section("会务服务科");
    s->set_role(sv1::ROLE_ATTENDANT);
    sv1::CreateStaffResponse response;
    return stub_->CreateStaff(CallContext().get(), request, &response);
  };
  auto trail = [&] {
    return AuditTrail<sv1::ListAuditRecordsRequest, sv1::ListAuditRecordsResponse>(
        *stub_, "huiwu.staffing.v1.StaffingService", "CreateStaff");
  };
  ExpectCreateAuditedOnceAndReuseRefused(
      create, trail, "/huiwu.staffing.v1.StaffingService/CreateStaff", "staff/f-001");
}

}  // namespace
}  // namespace huiwu::testing
