// Channels to the other huiwu services (config.peers): one place that decides how a
// service calls another, so TLS (issue 11) and channel settings change once.
#ifndef HUIWU_COMMON_SERVER_PEER_CHANNEL_H_
#define HUIWU_COMMON_SERVER_PEER_CHANNEL_H_

#include <memory>
#include <string>

#include "common/config/tls_config.h"
#include "grpcpp/channel.h"
#include "grpcpp/security/credentials.h"

namespace huiwu::server {

// A channel to `target` (host:port) that reconnects quickly after the peer restarts
// (backoff capped at 1 s), so a call made after the peer is back is not refused by a
// long reconnect backoff. `credentials` come from ChannelCredentials (credentials.h):
// with TLS on the service presents its own certificate, spiffe://huiwu/service/<name>.
std::shared_ptr<grpc::Channel> MakePeerChannel(
    const std::string& target, std::shared_ptr<grpc::ChannelCredentials> credentials);

// The same with credentials made from `tls`, for a caller that opens one channel.
std::shared_ptr<grpc::Channel> MakePeerChannel(const std::string& target,
                                               const config::TlsConfig& tls);

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_PEER_CHANNEL_H_
