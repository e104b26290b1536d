// gRPC credentials from the --tls* settings (common/config/tls_config.h): the one place
// that decides how a huiwu process listens and dials, for the services, their channels to
// each other, huiwuctl and huiwu-health-probe.
#ifndef HUIWU_COMMON_SERVER_CREDENTIALS_H_
#define HUIWU_COMMON_SERVER_CREDENTIALS_H_

#include <memory>

#include "common/config/tls_config.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"

namespace huiwu::server {

// TLS on: the server presents cert_file, and REQUIRES a client certificate that chains
// to ca_file (mutual TLS); a client without one, or with one of another CA or expired,
// fails the handshake. gRPC re-reads the files every refresh_interval. TLS off: plaintext.
std::shared_ptr<grpc::ServerCredentials> ServerCredentials(const config::TlsConfig& tls);

// TLS on: the client presents cert_file and accepts a server whose certificate chains to
// ca_file and names the host it dials (a DNS or IP SAN). TLS off: plaintext.
std::shared_ptr<grpc::ChannelCredentials> ChannelCredentials(const config::TlsConfig& tls);

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_CREDENTIALS_H_
