// Safety's audit trail and request_id reuse (tests/support/audit_trail_test_body.h).
#include "tests/safety/safety_test_util.h"
#include "tests/support/audit_trail_test_body.h"
#include "tests/support/safety_fixture.h"

namespace huiwu::testing {
namespace {

class SafetyAuditTest : public SafetyFixture {};

TEST_F(SafetyAuditTest, ReportHazardIsAuditedOnceAndARequestIdCannotBeReused) {
  auto create = [&](const std::string& request_id, int variant) {
    sv1::ReportHazardRequest request;
    *request.mutable_hazard() =
        SampleHazard(kRoom301, variant == 0 ? sv1::HAZARD_SEVERITY_LOW : sv1::HAZARD_SEVERITY_HIGH);
    request.set_request_id(request_id);
    sv1::ReportHazardResponse response;
    return stub_->ReportHazard(CallContext().get(), request, &response);
  };
  auto trail = [&] {
    return AuditTrail<sv1::ListAuditRecordsRequest, sv1::ListAuditRecordsResponse>(
        *stub_, "huiwu.safety.v1.SafetyService", "ReportHazard");
  };
  ExpectCreateAuditedOnceAndReuseRefused(create, trail,
                                         "/huiwu.safety.v1.SafetyService/ReportHazard", "hazards/");
}

}  // namespace
}  // namespace huiwu::testing
