// The rate limit through real gRPC: a CallGate in front of a small service (the health
// protocol's Check, standing in for any handler), keyed by a header so that one test
// process can be two callers. A burst beyond the limit is answered RESOURCE_EXHAUSTED
// with RetryInfo and ErrorInfo RATE_LIMITED; the other caller is not limited.
#include <memory>
#include <string>

#include "common/db/pool.h"
#include "common/server/call_gate.h"
#include "common/server/rate_limiter.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "tests/support/call_context.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/test_database.h"

namespace huiwu::server {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

class GatedService final : public Health::Service {
 public:
  explicit GatedService(const CallGate& calls) : calls_(calls) {}
  grpc::Status Check(grpc::ServerContext* context, const HealthCheckRequest*,
                     HealthCheckResponse* response) override {
    return calls_.Serve(*context, "Check", response, [&] {
      response->set_status(HealthCheckResponse::SERVING);
      return absl::OkStatus();
    });
  }

 private:
  const CallGate& calls_;
};

std::string TestCaller(const grpc::ServerContext& context) {
  auto it = context.client_metadata().find("x-test-caller");
  return it == context.client_metadata().end() ? ""
                                               : std::string(it->second.data(), it->second.size());
}

class RateLimitGrpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = std::make_unique<db::ConnectionPool>(database_.config(), nullptr);
    limiter_ = std::make_unique<RateLimiter>(
        config::RateLimitConfig{.per_caller_rps = 1, .burst = 5}, clock_, nullptr);
    calls_ = std::make_unique<CallGate>("grpc.health.v1.Health", "test.huiwu", *pool_, *limiter_,
                                        TestCaller);
    service_ = std::make_unique<GatedService>(*calls_);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = Health::NewStub(grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                                grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
  }

  grpc::Status Call(const std::string& caller) {
    auto context = testing::CallContext();
    context->AddMetadata("x-test-caller", caller);
    HealthCheckResponse response;
    return stub_->Check(context.get(), HealthCheckRequest(), &response);
  }

  testing::TestDatabase database_;
  ManualClock clock_{absl::FromUnixSeconds(1800000000)};
  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<RateLimiter> limiter_;
  std::unique_ptr<CallGate> calls_;
  std::unique_ptr<GatedService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<Health::Stub> stub_;
};

TEST_F(RateLimitGrpcTest, ABurstBeyondTheLimitIsRefusedWithRetryInfoAndOthersAreServed) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(Call("oa-system").ok()) << i;
  const grpc::Status refused = Call("oa-system");
  ASSERT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << refused.error_message();
  EXPECT_NE(refused.error_message().find("oa-system"), std::string::npos);
  EXPECT_EQ(testing::DetailsOf(refused).reason, "RATE_LIMITED");
  EXPECT_EQ(testing::DetailsOf(refused).domain, "test.huiwu");

  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(refused.error_details()));
  bool has_retry_info = false;
  for (const auto& detail : rich.details()) {
    google::rpc::RetryInfo retry;
    if (!detail.UnpackTo(&retry)) continue;
    has_retry_info = true;
    EXPECT_EQ(retry.retry_delay().seconds(), 1);
    EXPECT_EQ(retry.retry_delay().nanos(), 0);
  }
  EXPECT_TRUE(has_retry_info);

  // Another caller has its own bucket.
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(Call("portal").ok()) << i;
  // After the delay RetryInfo gave, the first caller is served again.
  clock_.Advance(absl::Seconds(1));
  EXPECT_TRUE(Call("oa-system").ok());
}

}  // namespace
}  // namespace huiwu::server
