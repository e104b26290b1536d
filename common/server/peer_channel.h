// A channel to another huiwu service (config.peers), for the synchronous calls of
// DESIGN §2 (booking's room clearance, readiness). Calls on it fail fast while the peer
// is down (no wait_for_ready), so that each caller answers UNAVAILABLE within its
// deadline instead of queueing, and it reconnects within about a second once the peer
// is back.
#ifndef HUIWU_COMMON_SERVER_PEER_CHANNEL_H_
#define HUIWU_COMMON_SERVER_PEER_CHANNEL_H_

#include <memory>

#include "absl/strings/string_view.h"
#include "grpcpp/channel.h"

namespace huiwu::server {

// A channel to `target` ("host:port"). Connects lazily: creating it never fails or
// blocks, whether or not the peer is up.
std::shared_ptr<grpc::Channel> NewPeerChannel(absl::string_view target);

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_PEER_CHANNEL_H_
