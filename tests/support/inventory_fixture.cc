#include "tests/support/inventory_fixture.h"

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "services/inventory/inventory_spec.h"

namespace huiwu::testing {

void InventoryFixture::SetUp() {
  config::ServerConfig config;
  config.host = "127.0.0.1";
  config.grpc_port = 0;
  config.metrics_port = -1;
  config.max_threads = 128;
  config.health_check_interval = absl::Milliseconds(200);
  config.shutdown_grace = absl::Seconds(5);
  config.database = database_.config();
  config.database.pool_size = 16;
  auto host = server::ServiceHost::Start(inventory::InventoryServiceSpec(clock_), config,
                                         absl::Seconds(10));
  ASSERT_TRUE(host.ok()) << host.status();
  host_ = std::move(host).value();
  stub_ = NewStub();
}

void InventoryFixture::TearDown() {
  stub_.reset();
  if (host_ != nullptr) host_->Shutdown(absl::Seconds(1));
  host_.reset();
}

std::string InventoryFixture::address() const {
  return absl::StrCat("127.0.0.1:", host_->grpc_port());
}

std::unique_ptr<inventory::v1::InventoryService::Stub> InventoryFixture::NewStub() const {
  grpc::ChannelArguments arguments;
  // Channels with equal arguments share one connection; a local pool keeps them apart.
  arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return inventory::v1::InventoryService::NewStub(
      grpc::CreateCustomChannel(address(), grpc::InsecureChannelCredentials(), arguments));
}

}  // namespace huiwu::testing
