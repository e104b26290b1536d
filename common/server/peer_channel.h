// Channels to the other huiwu services (config.peers): one place that decides how a
// service calls another, so TLS (issue 11) and channel settings change once.
#ifndef HUIWU_COMMON_SERVER_PEER_CHANNEL_H_
#define HUIWU_COMMON_SERVER_PEER_CHANNEL_H_

#include <memory>
#include <string>

#include "grpcpp/channel.h"

namespace huiwu::server {

// A channel to `target` (host:port) that reconnects quickly after the peer restarts
// (backoff capped at 1 s), so a call made after the peer is back is not refused by a
// long reconnect backoff.
std::shared_ptr<grpc::Channel> MakePeerChannel(const std::string& target);

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_PEER_CHANNEL_H_
