// The safety service in-process (tests/support/service_fixture.h). Its periodic jobs
// are off: tests run an Escalator or TaskGenerator of their own over the same database,
// at the manual clock's instant, without waiting.
#ifndef HUIWU_TESTS_SUPPORT_SAFETY_FIXTURE_H_
#define HUIWU_TESTS_SUPPORT_SAFETY_FIXTURE_H_

#include <memory>

#include "common/db/pool.h"
#include "huiwu/safety/v1/safety_service.grpc.pb.h"
#include "services/safety/escalator.h"
#include "services/safety/safety_spec.h"
#include "services/safety/store/safety_store.h"
#include "services/safety/task_generator.h"
#include "tests/support/service_fixture.h"

namespace huiwu::testing {

class SafetyFixture : public ServiceFixture<safety::v1::SafetyService> {
 protected:
  server::ServiceSpec MakeSpec() override { return safety::SafetyServiceSpec(clock_); }

  void SetUp() override {
    ServiceFixture::SetUp();
    pool_ = std::make_unique<db::ConnectionPool>(database_.config(), nullptr);
    store_ = std::make_unique<safety::SafetyStore>(*pool_);
    escalator_ = std::make_unique<safety::Escalator>(*store_, clock_);
    generator_ = std::make_unique<safety::TaskGenerator>(*store_, clock_);
  }

  void TearDown() override {
    generator_.reset();
    escalator_.reset();
    store_.reset();
    pool_.reset();
    ServiceFixture::TearDown();
  }

  // The jobs' bodies over the fixture's database, on clock_.
  int RunEscalation() { return escalator_->RunOnce(); }
  int RunTaskGeneration() { return generator_->RunOnce(); }

  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<safety::SafetyStore> store_;
  std::unique_ptr<safety::Escalator> escalator_;
  std::unique_ptr<safety::TaskGenerator> generator_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_SAFETY_FIXTURE_H_
