#include "tests/support/safety_fixture.h"

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "services/safety/safety_spec.h"

namespace huiwu::testing {

absl::Time Shanghai(int year, int month, int day, int hour, int minute) {
  return absl::FromCivil(absl::CivilSecond(year, month, day, hour, minute, 0),
                         absl::FixedTimeZone(8 * 3600));
}

void SafetyFixture::SetUp() {
  config::ServerConfig config;
  config.host = "127.0.0.1";
  config.grpc_port = 0;
  config.metrics_port = -1;
  config.max_threads = 64;
  config.health_check_interval = absl::Milliseconds(200);
  config.shutdown_grace = absl::Seconds(5);
  config.database = database_.config();
  config.database.pool_size = 8;
  auto host =
      server::ServiceHost::Start(safety::SafetyServiceSpec(clock_), config, absl::Seconds(10));
  ASSERT_TRUE(host.ok()) << host.status();
  host_ = std::move(host).value();
  stub_ = NewStub();
  pool_ = std::make_unique<db::ConnectionPool>(database_.config(), nullptr);
  store_ = std::make_unique<safety::SafetyStore>(*pool_);
  escalator_ = std::make_unique<safety::Escalator>(*store_, clock_);
  generator_ = std::make_unique<safety::TaskGenerator>(*store_, clock_);
}

void SafetyFixture::TearDown() {
  generator_.reset();
  escalator_.reset();
  store_.reset();
  pool_.reset();
  stub_.reset();
  if (host_ != nullptr) host_->Shutdown(absl::Seconds(1));
  host_.reset();
}

std::string SafetyFixture::address() const {
  return absl::StrCat("127.0.0.1:", host_->grpc_port());
}

std::unique_ptr<safety::v1::SafetyService::Stub> SafetyFixture::NewStub() const {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return safety::v1::SafetyService::NewStub(
      grpc::CreateCustomChannel(address(), grpc::InsecureChannelCredentials(), arguments));
}

}  // namespace huiwu::testing
