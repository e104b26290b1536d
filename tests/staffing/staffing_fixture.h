// The staffing service in-process, exactly as main() assembles it (ServiceHost), on a
// free port and a fresh database, with a manual clock, reached through a real gRPC
// channel; plus the small builders the staffing tests share.
#ifndef HUIWU_TESTS_STAFFING_STAFFING_FIXTURE_H_
#define HUIWU_TESTS_STAFFING_STAFFING_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "gtest/gtest.h"
#include "huiwu/staffing/v1/staffing_service.grpc.pb.h"
#include "tests/support/booking_fixture.h"
#include "tests/support/test_database.h"

namespace huiwu::testing {

namespace sv1 = ::huiwu::staffing::v1;

// The center's local time: 2026-12-01 is a Tuesday.
absl::Time Shanghai(int year, int month, int day, int hour, int minute = 0);

class StaffingFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A new channel (own TCP connection), for concurrency tests.
  std::unique_ptr<sv1::StaffingService::Stub> NewStub() const;

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

  TestDatabase database_;
  ManualClock clock_{DefaultTestNow()};
  std::unique_ptr<server::ServiceHost> host_;
  std::unique_ptr<sv1::StaffingService::Stub> stub_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_STAFFING_STAFFING_FIXTURE_H_
