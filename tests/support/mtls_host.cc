#include "tests/support/mtls_host.h"

#include <functional>

#include "absl/strings/str_cat.h"
#include "common/server/credentials.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/support/channel_arguments.h"
#include "tests/support/service_fixture.h"
#include "tests/support/test_env.h"

namespace huiwu::testing {

std::string ShippedPolicyFile() { return SourceDir() + "/deploy/authz/huiwu-policy.json"; }
std::string ShippedDataAccessFile() { return SourceDir() + "/deploy/authz/huiwu-data-access.json"; }

MtlsHost::MtlsHost() = default;

MtlsHost::~MtlsHost() { Stop(); }

absl::Status MtlsHost::Start(const server::ServiceSpec& spec, const std::string& identity,
                             const Options& options) {
  config::ServerConfig config = TestServerConfig(database_.config());
  config.tls = pki_.Tls(pki_.Issue("server", identity));
  config.authz.policy_file = options.policy_file;
  config.authz.data_access_file = options.data_access_file;
  config.authz.refresh_interval = options.refresh_interval;
  if (options.metrics) config.metrics_port = 0;
  auto host = server::ServiceHost::Start(spec, config, absl::Seconds(10));
  if (!host.ok()) return host.status();
  host_ = *std::move(host);
  return absl::OkStatus();
}

void MtlsHost::Stop() {
  if (host_ != nullptr) host_->Shutdown(absl::Seconds(1));
  host_.reset();
}

std::shared_ptr<grpc::Channel> MtlsHost::ChannelAs(const std::string& principal) const {
  const std::string stem = absl::StrCat("caller-", std::hash<std::string>()(principal));
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(
      absl::StrCat("127.0.0.1:", host_->grpc_port()),
      server::ChannelCredentials(pki_.Tls(pki_.Issue(stem, principal))), arguments);
}

}  // namespace huiwu::testing
