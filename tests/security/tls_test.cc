// Mutual TLS on a real service (booking, in-process, real MariaDB): who gets in, who does
// not and what the client sees, and files rotated on disk used without a restart.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/server/credentials.h"
#include "common/server/service_host.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/tls_certificate_provider.h"
#include "grpcpp/security/tls_credentials_options.h"
#include "gtest/gtest.h"
#include "services/booking/booking_spec.h"
#include "tests/support/poll.h"
#include "tests/support/service_fixture.h"
#include "tests/support/test_env.h"
#include "tests/support/test_pki.h"

namespace huiwu::testing {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

// A channel of its own (a new TCP connection, hence a new handshake) to `port`.
std::shared_ptr<grpc::Channel> ChannelTo(int port,
                                         std::shared_ptr<grpc::ChannelCredentials> credentials) {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", port), std::move(credentials),
                                   arguments);
}

// grpc.health.v1.Health/Check, which the policy lets every certificate of the CA call.
grpc::Status Check(const std::shared_ptr<grpc::Channel>& channel,
                   grpc::ClientContext* context = nullptr) {
  grpc::ClientContext own;
  if (context == nullptr) context = &own;
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  HealthCheckResponse response;
  return Health::NewStub(channel)->Check(context, HealthCheckRequest(), &response);
}

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pki_ = std::make_unique<TestPki>();
    server_files_ = pki_->Issue("booking", "spiffe://huiwu/service/booking");
    database_ = std::make_unique<TestDatabase>();
    config::ServerConfig config = TestServerConfig(database_->config());
    config.tls = pki_->Tls(server_files_);
    config.authz.policy_file = SourceDir() + "/deploy/authz/huiwu-policy.json";
    config.authz.data_access_file = SourceDir() + "/deploy/authz/huiwu-data-access.json";
    config.authz.refresh_interval = absl::Seconds(1);
    auto host = server::ServiceHost::Start(booking::BookingServiceSpec(clock_, policy_), config,
                                           absl::Seconds(10));
    ASSERT_TRUE(host.ok()) << host.status();
    host_ = std::move(host).value();
  }

  static void TearDownTestSuite() {
    if (host_ != nullptr) host_->Shutdown(absl::Seconds(1));
    host_.reset();
    database_.reset();
    pki_.reset();
  }

  void SetUp() override { ASSERT_NE(host_, nullptr); }

  int port() const { return host_->grpc_port(); }
  std::shared_ptr<grpc::Channel> ChannelAs(const TestPki& pki, const CertFiles& files) const {
    return ChannelTo(port(), server::ChannelCredentials(pki.Tls(files)));
  }

  static inline std::unique_ptr<TestPki> pki_;
  static inline CertFiles server_files_;
  static inline std::unique_ptr<TestDatabase> database_;
  static inline ManualClock clock_{DefaultTestNow()};
  static inline booking::SchedulingPolicy policy_;
  static inline std::unique_ptr<server::ServiceHost> host_;
};

TEST_F(TlsTest, ClientWithCertificateOfTheCaIsServed) {
  const CertFiles operator_files = pki_->Issue("operator", "spiffe://huiwu/operator/wang");
  EXPECT_TRUE(Check(ChannelAs(*pki_, operator_files)).ok());
}

// The server requires a client certificate: the handshake fails, so the client never
// gets an RPC status from the server; gRPC reports UNAVAILABLE.
TEST_F(TlsTest, ClientWithoutCertificateIsRefused) {
  grpc::experimental::TlsChannelCredentialsOptions options;
  options.set_certificate_provider(
      std::make_shared<grpc::experimental::StaticDataCertificateProvider>(
          ReadFile(pki_->ca_file())));
  options.watch_root_certs();
  const grpc::Status status = Check(ChannelTo(port(), grpc::experimental::TlsCredentials(options)));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

TEST_F(TlsTest, PlaintextClientIsRefused) {
  const grpc::Status status = Check(ChannelTo(port(), grpc::InsecureChannelCredentials()));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

TEST_F(TlsTest, ClientCertificateOfAnotherCaIsRefused) {
  const TestPki other("another CA");
  const CertFiles stranger = other.Issue("stranger", "spiffe://huiwu/admin/mallory");
  // It trusts our CA (it can verify the server), but our server does not trust its CA.
  config::TlsConfig tls = other.Tls(stranger);
  tls.ca_file = pki_->ca_file();
  const grpc::Status status = Check(ChannelTo(port(), server::ChannelCredentials(tls)));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

TEST_F(TlsTest, ExpiredClientCertificateIsRefused) {
  const CertFiles expired = pki_->Issue("expired", "spiffe://huiwu/admin/old", /*days=*/-1);
  const grpc::Status status = Check(ChannelAs(*pki_, expired));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

// A new server certificate written over the old files is what new connections get, within
// the refresh interval (1 s here), without a restart.
TEST_F(TlsTest, RotatedServerCertificateIsServedWithoutRestart) {
  const CertFiles client = pki_->Issue("operator", "spiffe://huiwu/operator/wang");
  const CertFiles renewed = pki_->Issue("booking-renewed", "spiffe://huiwu/service/booking");
  const std::string renewed_pem = ReadFile(renewed.cert);
  ReplaceFile(server_files_.key, ReadFile(renewed.key));
  ReplaceFile(server_files_.cert, renewed_pem);
  std::string served;
  EXPECT_TRUE(PollUntil(
      [&] {
        grpc::ClientContext context;
        if (!Check(ChannelAs(*pki_, client), &context).ok()) return false;
        const auto pem = context.auth_context()->FindPropertyValues("x509_pem_cert");
        served = pem.empty() ? "" : std::string(pem.front().data(), pem.front().size());
        return served == renewed_pem;
      },
      absl::Seconds(15), absl::Milliseconds(200)))
      << "still served:\n"
      << served;
}

// A CA added to the CA file (a CA rotation's first step) is trusted without a restart.
TEST_F(TlsTest, CaAddedOnDiskIsTrustedWithoutRestart) {
  const TestPki next("next CA");
  const CertFiles client = next.Issue("operator-next", "spiffe://huiwu/operator/li");
  config::TlsConfig tls = next.Tls(client);
  tls.ca_file = pki_->ca_file();  // the client verifies the server with the old CA
  ASSERT_EQ(Check(ChannelTo(port(), server::ChannelCredentials(tls))).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  const std::string old_ca = ReadFile(pki_->ca_file());
  ReplaceFile(pki_->ca_file(), old_ca + ReadFile(next.ca_file()));
  EXPECT_TRUE(
      PollUntil([&] { return Check(ChannelTo(port(), server::ChannelCredentials(tls))).ok(); },
                absl::Seconds(15), absl::Milliseconds(200)));
  ReplaceFile(pki_->ca_file(), old_ca);
}

}  // namespace
}  // namespace huiwu::testing
