#include "common/server/peer_channel.h"

#include <string>

#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace huiwu::server {
namespace {

// gRPC's default reconnect backoff grows to 120 s: a peer restarted after a minute's
// outage would look down for up to two minutes more. One second is enough on a LAN.
constexpr int kMaxReconnectBackoffMs = 1000;
constexpr int kInitialReconnectBackoffMs = 100;

}  // namespace

std::shared_ptr<grpc::Channel> NewPeerChannel(absl::string_view target) {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, kMaxReconnectBackoffMs);
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, kInitialReconnectBackoffMs);
  arguments.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, kInitialReconnectBackoffMs);
  return grpc::CreateCustomChannel(std::string(target), grpc::InsecureChannelCredentials(),
                                   arguments);
}

}  // namespace huiwu::server
