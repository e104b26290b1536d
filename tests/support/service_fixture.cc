#include "tests/support/service_fixture.h"

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace huiwu::testing {

absl::Time DefaultTestNow() { return Shanghai(2026, 12, 1, 9); }

absl::Time Shanghai(int year, int month, int day, int hour, int minute) {
  return absl::FromCivil(absl::CivilSecond(year, month, day, hour, minute, 0),
                         absl::FixedTimeZone(8 * 3600));
}

config::TlsConfig PlaintextTls() {
  config::TlsConfig tls;
  tls.enabled = false;
  return tls;
}

config::ServerConfig TestServerConfig(const config::DatabaseConfig& database,
                                      const config::PeerTargets& peers) {
  config::ServerConfig config;
  config.host = "127.0.0.1";
  config.grpc_port = 0;
  config.metrics_port = -1;
  config.max_threads = 128;
  config.health_check_interval = absl::Milliseconds(200);
  config.shutdown_grace = absl::Seconds(5);
  config.database = database;
  config.database.pool_size = 16;
  config.peers = peers;
  // The one place where in-process tests say --tls=off: they test the services, and
  // tests/security tests TLS and the policy.
  config.tls = PlaintextTls();
  return config;
}

absl::StatusOr<std::unique_ptr<server::ServiceHost>> StartTestHost(
    const server::ServiceSpec& spec, const config::DatabaseConfig& database,
    const config::PeerTargets& peers) {
  return server::ServiceHost::Start(spec, TestServerConfig(database, peers), absl::Seconds(10));
}

std::shared_ptr<grpc::Channel> NewTestChannel(int port) {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", port),
                                   grpc::InsecureChannelCredentials(), arguments);
}

}  // namespace huiwu::testing
