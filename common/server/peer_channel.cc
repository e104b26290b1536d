#include "common/server/peer_channel.h"

#include <utility>

#include "common/server/credentials.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace huiwu::server {

std::shared_ptr<grpc::Channel> MakePeerChannel(
    const std::string& target, std::shared_ptr<grpc::ChannelCredentials> credentials) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  // A stream that sits idle for hours (an event stream at night) is kept alive, and a
  // peer that vanished without closing the connection is noticed within a minute.
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
  return grpc::CreateCustomChannel(target, std::move(credentials), args);
}

std::shared_ptr<grpc::Channel> MakePeerChannel(const std::string& target,
                                               const config::TlsConfig& tls) {
  return MakePeerChannel(target, ChannelCredentials(tls));
}

}  // namespace huiwu::server
