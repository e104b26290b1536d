// A certificate authority in a temporary folder, made at test time with the openssl
// command (as scripts/lib/certs.sh makes the local run's): certificates for roles and
// services, an expired one, one of another CA, and files to rotate. Short-lived keys
// (P-256), deleted with the object.
#ifndef HUIWU_TESTS_SUPPORT_TEST_PKI_H_
#define HUIWU_TESTS_SUPPORT_TEST_PKI_H_

#include <filesystem>
#include <string>

#include "common/config/tls_config.h"

namespace huiwu::testing {

struct CertFiles {
  std::string cert;  // PEM certificate
  std::string key;   // PEM private key
};

class TestPki final {
 public:
  // A CA named `ca_name` in a new temporary folder.
  explicit TestPki(const std::string& ca_name = "huiwu test CA");
  ~TestPki();
  TestPki(const TestPki&) = delete;
  TestPki& operator=(const TestPki&) = delete;

  const std::string& ca_file() const { return ca_file_; }
  const std::filesystem::path& dir() const { return dir_; }

  // A certificate of this CA with URI SAN `uri` (e.g. "spiffe://huiwu/dispatch/hub") and
  // DNS localhost and IP 127.0.0.1 SANs, so that it can serve tests too; valid from now
  // for `days` (negative: already expired). Files named after `file_stem`.
  CertFiles Issue(const std::string& file_stem, const std::string& uri, int days = 1) const;

  // The TLS settings of a process presenting `identity` and trusting this CA.
  config::TlsConfig Tls(const CertFiles& identity) const;

 private:
  std::filesystem::path dir_;
  std::string ca_file_;
  std::string ca_key_;
};

// Writes `contents` to `path` atomically (a temporary file renamed over it), as a
// rotation does: gRPC's file watcher never reads half a file.
void ReplaceFile(const std::string& path, const std::string& contents);
std::string ReadFile(const std::string& path);

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_TEST_PKI_H_
