// The staffing service in-process (tests/support/service_fixture.h), plus the small
// builders the staffing tests share.
#ifndef HUIWU_TESTS_STAFFING_STAFFING_FIXTURE_H_
#define HUIWU_TESTS_STAFFING_STAFFING_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "huiwu/staffing/v1/staffing_service.grpc.pb.h"
#include "services/staffing/staffing_spec.h"
#include "tests/support/service_fixture.h"

namespace huiwu::testing {

namespace sv1 = ::huiwu::staffing::v1;

class StaffingFixture : public ServiceFixture<sv1::StaffingService> {
 protected:
  server::ServiceSpec MakeSpec() override { return staffing::StaffingServiceSpec(clock_); }

  // Creates staff/{id} with fire-safety training (and `extra` qualifications) valid
  // through 2027, working Monday–Friday 07:00–20:00. Fails the test on error.
  sv1::Staff AddStaff(const std::string& id, const std::string& number, sv1::Role role,
                      const std::vector<sv1::QualificationKind>& extra = {});
  // Sets meetings/{meeting}'s requirement: `participants` people, internal, no VIP, no
  // sound, default 30 min before and 15 after, with `role_counts` overriding.
  grpc::Status SetRequirement(const std::string& meeting, absl::Time start, absl::Time end,
                              int participants, bool vip = false, bool sound = false,
                              const std::vector<std::pair<sv1::Role, int>>& role_counts = {});
  grpc::Status Assign(const std::string& meeting, const std::string& staff,
                      sv1::Assignment* out = nullptr);
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_STAFFING_STAFFING_FIXTURE_H_
