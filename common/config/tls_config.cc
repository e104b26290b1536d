#include "common/config/tls_config.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

ABSL_FLAG(huiwu::config::OnOff, tls, huiwu::config::OnOff{true},
          "Mutual TLS on the gRPC port and to other huiwu services: on (default) or off. "
          "off only for a local run or a test that says so.");
ABSL_FLAG(std::string, tls_ca_file, "",
          "PEM file of the CA that signs huiwu's certificates; a peer must present a "
          "certificate chaining to it. Required with --tls=on.");
ABSL_FLAG(std::string, tls_cert_file, "",
          "PEM file of this process's certificate (URI SAN spiffe://huiwu/<role>/<name>), "
          "served to clients and presented to servers. Required with --tls=on.");
ABSL_FLAG(std::string, tls_key_file, "",
          "PEM file of the private key of --tls_cert_file. Required with --tls=on.");
ABSL_FLAG(absl::Duration, tls_refresh_interval, absl::Minutes(1),
          "How often the three --tls_*_file files are re-read, so that rotated certificates "
          "are used without a restart (1s–1h).");

namespace huiwu::config {

bool AbslParseFlag(absl::string_view text, OnOff* value, std::string* error) {
  const std::string word = absl::AsciiStrToLower(text);
  if (word == "on" || word == "true" || word == "1" || word == "yes") {
    value->on = true;
    return true;
  }
  if (word == "off" || word == "false" || word == "0" || word == "no") {
    value->on = false;
    return true;
  }
  *error = "must be on or off";
  return false;
}

std::string AbslUnparseFlag(OnOff value) { return value.on ? "on" : "off"; }

TlsConfig TlsConfigFromFlags() {
  TlsConfig tls;
  tls.enabled = absl::GetFlag(FLAGS_tls).on;
  tls.ca_file = absl::GetFlag(FLAGS_tls_ca_file);
  tls.cert_file = absl::GetFlag(FLAGS_tls_cert_file);
  tls.key_file = absl::GetFlag(FLAGS_tls_key_file);
  tls.refresh_interval = absl::GetFlag(FLAGS_tls_refresh_interval);
  return tls;
}

std::string DescribeFlag(absl::string_view flag, const std::string& value) {
  return absl::StrCat("--", flag, "=", value, " (env HUIWU_", absl::AsciiStrToUpper(flag), ")");
}

bool ReadableFile(const std::string& path, std::string& why) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = std::strerror(errno);
    return false;
  }
  return true;
}

namespace {

// gRPC reports a file it cannot use only in its own log, at the first handshake, and
// then refuses every connection; so a missing or non-PEM file is refused at start.
void CheckPemFile(absl::string_view flag, const std::string& path,
                  std::vector<std::string>& problems) {
  if (path.empty()) {
    problems.push_back(absl::StrCat("missing ", DescribeFlag(flag, ""),
                                    ": required with --tls=on (or --tls=off for a local run)"));
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problems.push_back(absl::StrCat("invalid ", DescribeFlag(flag, path), ": cannot read it (",
                                    std::strerror(errno), ")"));
    return;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!absl::StrContains(text, "-----BEGIN ")) {
    problems.push_back(
        absl::StrCat("invalid ", DescribeFlag(flag, path), ": not a PEM file (no -----BEGIN)"));
  }
}

}  // namespace

void ValidateTlsConfig(const TlsConfig& tls, std::vector<std::string>& problems) {
  if (!tls.enabled) return;
  CheckPemFile("tls_ca_file", tls.ca_file, problems);
  CheckPemFile("tls_cert_file", tls.cert_file, problems);
  CheckPemFile("tls_key_file", tls.key_file, problems);
  if (tls.refresh_interval < absl::Seconds(1) || tls.refresh_interval > absl::Hours(1)) {
    problems.push_back(absl::StrCat(
        "invalid ",
        DescribeFlag("tls_refresh_interval", absl::FormatDuration(tls.refresh_interval)),
        ": must be 1s–1h (gRPC re-reads the files in whole seconds), e.g. 1m"));
  }
}

}  // namespace huiwu::config
