// Any huiwu service in-process, exactly as its main() assembles it (ServiceHost), on a
// free port and a fresh database, with a manual clock, reached through a real gRPC
// channel. A service's fixture derives from ServiceFixture<its generated service> and
// says how to build its ServiceSpec.
#ifndef HUIWU_TESTS_SUPPORT_SERVICE_FIXTURE_H_
#define HUIWU_TESTS_SUPPORT_SERVICE_FIXTURE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "grpcpp/channel.h"
#include "gtest/gtest.h"
#include "tests/support/call_context.h"
#include "tests/support/test_database.h"

namespace huiwu::testing {

// 2026-12-01 09:00 Asia/Shanghai, a Tuesday.
absl::Time DefaultTestNow();

// A wall-clock time in the center's zone (UTC+8), for readable instants.
absl::Time Shanghai(int year, int month, int day, int hour, int minute = 0);

// TLS off, for tests that are not about TLS.
config::TlsConfig PlaintextTls();

// What StartTestHost starts with: 127.0.0.1, port 0, no /metrics, TLS off, `database`,
// `peers`; a test adjusts it for a host of its own (a second replica, …).
config::ServerConfig TestServerConfig(const config::DatabaseConfig& database,
                                      const config::PeerTargets& peers = {});

// Starts `spec` on 127.0.0.1, port 0, no /metrics, against `database`, with `peers` as
// the other services' addresses (none by default).
absl::StatusOr<std::unique_ptr<server::ServiceHost>> StartTestHost(
    const server::ServiceSpec& spec, const config::DatabaseConfig& database,
    const config::PeerTargets& peers = {});

// A channel to `port` on a TCP connection of its own (channels with equal arguments
// would share one), for concurrency tests.
std::shared_ptr<grpc::Channel> NewTestChannel(int port);

template <typename Service>
class ServiceFixture : public ::testing::Test {
 protected:
  using Stub = typename Service::Stub;

  // The spec main() would build, with clock_ as the clock.
  virtual server::ServiceSpec MakeSpec() = 0;

  void SetUp() override {
    auto host = StartTestHost(MakeSpec(), database_.config(), peers_);
    ASSERT_TRUE(host.ok()) << host.status();
    host_ = std::move(host).value();
    stub_ = NewStub();
  }

  void TearDown() override {
    stub_.reset();
    if (host_ != nullptr) host_->Shutdown(absl::Seconds(1));
    host_.reset();
  }

  // A new channel (own TCP connection) to the service, for concurrency tests.
  std::unique_ptr<Stub> NewStub() const { return Service::NewStub(NewTestChannel(port())); }
  int port() const { return host_->grpc_port(); }
  std::string address() const { return "127.0.0.1:" + std::to_string(port()); }

  TestDatabase database_;
  // The other services' addresses; a derived fixture sets them before SetUp.
  config::PeerTargets peers_;
  ManualClock clock_{DefaultTestNow()};
  std::unique_ptr<server::ServiceHost> host_;
  std::unique_ptr<Stub> stub_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_SERVICE_FIXTURE_H_
