#include "common/server/caller.h"

#include <memory>

#include "grpc/grpc_security_constants.h"
#include "grpcpp/security/auth_context.h"

namespace huiwu::server {

std::string AuthenticatedCallerOf(const grpc::ServerContext& context) {
  const std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth == nullptr || !auth->IsPeerAuthenticated()) return "";
  // gRPC 1.51 names a TLS peer (GetPeerIdentity) by ALL its certificate's subject
  // alternative names, DNS and IP ones included, in the certificate's order: a service's
  // certificate lists "booking", "localhost" and 127.0.0.1 beside its URI. The URI is who
  // calls: gRPC gives it as peer_spiffe_id when the certificate has exactly one valid
  // SPIFFE ID, and every URI SAN as peer_uri.
  for (const char* property : {GRPC_PEER_SPIFFE_ID_PROPERTY_NAME, GRPC_PEER_URI_PROPERTY_NAME}) {
    const std::vector<grpc::string_ref> values = auth->FindPropertyValues(property);
    if (!values.empty()) return std::string(values.front().data(), values.front().size());
  }
  // A certificate of our CA without a URI SAN: its SAN, else its subject's CN.
  const std::vector<grpc::string_ref> identity = auth->GetPeerIdentity();
  if (!identity.empty()) return std::string(identity.front().data(), identity.front().size());
  return "";
}

std::string CallerOf(const grpc::ServerContext& context) {
  std::string caller = AuthenticatedCallerOf(context);
  return caller.empty() ? context.peer() : caller;
}

}  // namespace huiwu::server
