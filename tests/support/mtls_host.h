// A service in-process (ServiceHost) behind mutual TLS, with an authorization policy and
// a data-access file, on a fresh database; and channels that present a certificate of
// the same CA for any principal. The security tests' one way to call a service as a
// given caller (spiffe://huiwu/<role>/<name>).
#ifndef HUIWU_TESTS_SUPPORT_MTLS_HOST_H_
#define HUIWU_TESTS_SUPPORT_MTLS_HOST_H_

#include <filesystem>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/server/service_host.h"
#include "grpcpp/channel.h"
#include "tests/support/test_database.h"
#include "tests/support/test_pki.h"

namespace huiwu::testing {

// The files the services ship with (deploy/authz/).
std::string ShippedPolicyFile();
std::string ShippedDataAccessFile();

class MtlsHost final {
 public:
  struct Options {
    std::string policy_file = ShippedPolicyFile();
    std::string data_access_file = ShippedDataAccessFile();
    // How often the two files are re-read (--authz_refresh_interval).
    absl::Duration refresh_interval = absl::Minutes(1);
    // Serve /metrics on a free port.
    bool metrics = false;
  };

  // A CA in a temporary folder (dir(): the place for a test's own policy files) and a
  // fresh database; nothing serves until Start.
  MtlsHost();
  ~MtlsHost();  // stops the host
  MtlsHost(const MtlsHost&) = delete;
  MtlsHost& operator=(const MtlsHost&) = delete;

  // Starts `spec` presenting a certificate for `identity` (e.g.
  // "spiffe://huiwu/service/booking").
  absl::Status Start(const server::ServiceSpec& spec, const std::string& identity,
                     const Options& options);
  absl::Status Start(const server::ServiceSpec& spec, const std::string& identity) {
    return Start(spec, identity, Options());
  }
  void Stop();

  // A channel of its own (own TCP connection) presenting a certificate for `principal`.
  std::shared_ptr<grpc::Channel> ChannelAs(const std::string& principal) const;

  const std::filesystem::path& dir() const { return pki_.dir(); }
  TestDatabase& database() { return database_; }
  server::ServiceHost& host() { return *host_; }

 private:
  TestPki pki_;
  TestDatabase database_;
  std::unique_ptr<server::ServiceHost> host_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_MTLS_HOST_H_
