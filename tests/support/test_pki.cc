#include "tests/support/test_pki.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/support/child_process.h"

namespace huiwu::testing {
namespace {

constexpr char kOpenssl[] = "/usr/bin/openssl";

// Runs openssl with `args`; a failure fails the test with openssl's own output.
void Openssl(const std::vector<std::string>& args) {
  std::vector<std::string> argv{kOpenssl};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildProcess openssl(argv, {});
  const std::optional<int> status = openssl.WaitForExit(absl::Seconds(30));
  ASSERT_EQ(status, 0) << "openssl " << args.front() << " failed:\n" << openssl.Log();
}

void WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << contents;
}

}  // namespace

TestPki::TestPki(const std::string& ca_name) {
  std::string pattern = (std::filesystem::temp_directory_path() / "huiwu-pki-XXXXXX").string();
  dir_ = mkdtemp(pattern.data());
  ca_file_ = (dir_ / "ca.pem").string();
  ca_key_ = (dir_ / "ca.key").string();
  Openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
           "-keyout", ca_key_, "-out", ca_file_, "-days", "2", "-subj", "/CN=" + ca_name});
}

TestPki::~TestPki() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

CertFiles TestPki::Issue(const std::string& file_stem, const std::string& uri, int days) const {
  const std::string stem = (dir_ / file_stem).string();
  CertFiles files{stem + ".pem", stem + ".key"};
  Openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
           files.key, "-out", stem + ".csr", "-subj", "/CN=" + file_stem});
  WriteFile(stem + ".ext", absl::StrCat("subjectAltName=URI:", uri, ",DNS:localhost,IP:127.0.0.1\n",
                                        "extendedKeyUsage=serverAuth,clientAuth\n"));
  Openssl({"x509", "-req", "-in", stem + ".csr", "-CA", ca_file_, "-CAkey", ca_key_,
           "-CAcreateserial", "-days", absl::StrCat(days), "-extfile", stem + ".ext", "-out",
           files.cert});
  return files;
}

config::TlsConfig TestPki::Tls(const CertFiles& identity) const {
  config::TlsConfig tls;
  tls.enabled = true;
  tls.ca_file = ca_file_;
  tls.cert_file = identity.cert;
  tls.key_file = identity.key;
  tls.refresh_interval = absl::Seconds(1);
  return tls;
}

void ReplaceFile(const std::string& path, const std::string& contents) {
  const std::string temporary = path + ".new";
  WriteFile(temporary, contents);
  std::filesystem::rename(temporary, path);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace huiwu::testing
