// CallerOf and ActorOf over real mutual TLS: what gRPC 1.51 puts in the AuthContext for
// huiwu's certificates (a URI SAN beside DNS and IP SANs), and the history's actor.
#include "common/server/caller.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/server/actor.h"
#include "common/server/credentials.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "tests/support/test_pki.h"

namespace huiwu::testing {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

// Answers with what the server made of its caller, in trailing metadata.
class WhoCallsService final : public Health::Service {
  grpc::Status Check(grpc::ServerContext* context, const HealthCheckRequest*,
                     HealthCheckResponse*) override {
    context->AddTrailingMetadata("x-caller", server::CallerOf(*context));
    context->AddTrailingMetadata("x-actor-bin", server::ActorOf(*context));
    return grpc::Status::OK;
  }
};

class CallerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const CertFiles server_files = pki_.Issue("booking", "spiffe://huiwu/service/booking");
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", server::ServerCredentials(pki_.Tls(server_files)),
                             &port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
  }

  // {caller, actor} as the server saw them for a call with `identity` and `actor`
  // metadata (none when empty).
  std::pair<std::string, std::string> Call(const CertFiles& identity, const std::string& actor) {
    auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", port_),
                                       server::ChannelCredentials(pki_.Tls(identity)));
    grpc::ClientContext context;
    if (!actor.empty()) context.AddMetadata("x-huiwu-actor-bin", actor);
    HealthCheckResponse response;
    const grpc::Status status =
        Health::NewStub(channel)->Check(&context, HealthCheckRequest(), &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    auto value = [&](const char* key) {
      auto it = context.GetServerTrailingMetadata().find(key);
      return it == context.GetServerTrailingMetadata().end()
                 ? std::string()
                 : std::string(it->second.data(), it->second.size());
    };
    return {value("x-caller"), value("x-actor-bin")};
  }

  TestPki pki_;
  WhoCallsService service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

// The certificate also names localhost and 127.0.0.1 (DNS and IP SANs), which gRPC lists
// among the peer identity too: the caller is the URI.
TEST_F(CallerTest, CallerIsTheCertificatesUriSan) {
  const CertFiles hub = pki_.Issue("hub", "spiffe://huiwu/dispatch/hub");
  EXPECT_EQ(Call(hub, "").first, "spiffe://huiwu/dispatch/hub");
}

TEST_F(CallerTest, ActorIsThePersonViaTheCaller) {
  const CertFiles hub = pki_.Issue("hub", "spiffe://huiwu/dispatch/hub");
  EXPECT_EQ(Call(hub, "dispatch/zhangsan").second,
            "dispatch/zhangsan via spiffe://huiwu/dispatch/hub");
  EXPECT_EQ(Call(hub, "dispatch/张三").second, "dispatch/张三 via spiffe://huiwu/dispatch/hub");
}

TEST_F(CallerTest, ActorWithoutPersonIsTheCaller) {
  const CertFiles booking = pki_.Issue("svc", "spiffe://huiwu/service/booking");
  EXPECT_EQ(Call(booking, "").second, "spiffe://huiwu/service/booking");
}

// The history column holds 200 characters: a long person is cut, the caller is kept.
TEST_F(CallerTest, LongActorKeepsTheCaller) {
  const CertFiles hub = pki_.Issue("hub", "spiffe://huiwu/dispatch/hub");
  const std::string actor = Call(hub, std::string(300, 'x')).second;
  EXPECT_EQ(actor.size(), 200u);
  EXPECT_TRUE(actor.ends_with(" via spiffe://huiwu/dispatch/hub")) << actor;
}

}  // namespace
}  // namespace huiwu::testing
