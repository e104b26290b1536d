#include "common/server/caller.h"

#include <memory>

#include "grpcpp/security/auth_context.h"

namespace huiwu::server {

std::string CallerOf(const grpc::ServerContext& context) {
  const std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth != nullptr && auth->IsPeerAuthenticated()) {
    // gRPC names a TLS peer by its certificate's subject alternative names (else the
    // subject's CN); huiwu's certificates carry one URI SAN, spiffe://huiwu/<role>/<name>.
    const std::vector<grpc::string_ref> identity = auth->GetPeerIdentity();
    if (!identity.empty()) return std::string(identity.front().data(), identity.front().size());
  }
  return context.peer();
}

}  // namespace huiwu::server
