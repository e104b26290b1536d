// Which system is calling (as opposed to ActorOf, the person acting through it): the
// identity of its client certificate once mutual TLS is on (DESIGN §6, issue 11) — the
// URI SAN such as spiffe://huiwu/dispatch/hub — else the peer's address ("ipv4:…").
// One answer for audit records, rate limits and per-caller metrics.
#ifndef HUIWU_COMMON_SERVER_CALLER_H_
#define HUIWU_COMMON_SERVER_CALLER_H_

#include <string>

#include "grpcpp/server_context.h"

namespace huiwu::server {

std::string CallerOf(const grpc::ServerContext& context);

// The certificate's identity alone (spiffe://huiwu/…); empty when the call is not
// authenticated (TLS off).
std::string AuthenticatedCallerOf(const grpc::ServerContext& context);

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_CALLER_H_
