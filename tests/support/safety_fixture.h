// The safety service in-process, exactly as main() assembles it (ServiceHost), on a free
// port and a fresh database, with a manual clock, reached through a real gRPC channel.
// Its periodic jobs are off: tests run an Escalator or TaskGenerator of their own over
// the same database, at the manual clock's instant, without waiting.
#ifndef HUIWU_TESTS_SUPPORT_SAFETY_FIXTURE_H_
#define HUIWU_TESTS_SUPPORT_SAFETY_FIXTURE_H_

#include <memory>
#include <string>

#include "common/db/pool.h"
#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "gtest/gtest.h"
#include "huiwu/safety/v1/safety_service.grpc.pb.h"
#include "services/safety/escalator.h"
#include "services/safety/store/safety_store.h"
#include "services/safety/task_generator.h"
#include "tests/support/test_database.h"

namespace huiwu::testing {

class SafetyFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  std::unique_ptr<safety::v1::SafetyService::Stub> NewStub() const;
  std::string address() const;

  // The jobs' bodies over the fixture's database, on clock_.
  int RunEscalation() { return escalator_->RunOnce(); }
  int RunTaskGeneration() { return generator_->RunOnce(); }

  TestDatabase database_;
  ManualClock clock_{
      absl::FromCivil(absl::CivilSecond(2026, 12, 1, 9, 0, 0), absl::FixedTimeZone(8 * 3600))};
  std::unique_ptr<server::ServiceHost> host_;
  std::unique_ptr<safety::v1::SafetyService::Stub> stub_;
  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<safety::SafetyStore> store_;
  std::unique_ptr<safety::Escalator> escalator_;
  std::unique_ptr<safety::TaskGenerator> generator_;
};

// Local time in the center's zone (UTC+8), for readable instants.
absl::Time Shanghai(int year, int month, int day, int hour, int minute = 0);

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_SAFETY_FIXTURE_H_
