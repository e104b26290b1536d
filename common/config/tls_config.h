// Mutual TLS settings (DESIGN §6, issue 11), shared by the services, huiwuctl and
// huiwu-health-probe: the same flags mean the same files everywhere. Kept apart from
// config.h so that the tools get these flags without the services' (mysql_*, …).
#ifndef HUIWU_COMMON_CONFIG_TLS_CONFIG_H_
#define HUIWU_COMMON_CONFIG_TLS_CONFIG_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace huiwu::config {

// --tls=on|off: a switch that reads as the README writes it (true/false work too).
struct OnOff {
  bool on = true;
};
bool AbslParseFlag(absl::string_view text, OnOff* value, std::string* error);
std::string AbslUnparseFlag(OnOff value);

struct TlsConfig {
  // Secure unless a caller says otherwise: a config built in code without files fails
  // at start-up (ValidateTlsConfig) instead of listening in plaintext.
  bool enabled = true;
  std::string ca_file;    // PEM bundle of the CA(s) a peer's certificate must chain to
  std::string cert_file;  // PEM chain of this process's own certificate
  std::string key_file;   // PEM private key of cert_file
  // How often gRPC re-reads the three files: a rotated certificate is used without a
  // restart. gRPC counts in whole seconds.
  absl::Duration refresh_interval = absl::Minutes(1);
};

// Reads the --tls* flags (each also HUIWU_TLS*, see config.h) without validating them.
TlsConfig TlsConfigFromFlags();

// Appends one line per bad setting to `problems`, naming the flag: missing or unreadable
// files, a refresh interval outside 1s–1h. Nothing is checked when TLS is off.
void ValidateTlsConfig(const TlsConfig& tls, std::vector<std::string>& problems);

// "--flag=value (env HUIWU_FLAG)", as every configuration error names a setting.
std::string DescribeFlag(absl::string_view flag, const std::string& value);

// A readable file, for start-up checks; false with the reason in `why`.
bool ReadableFile(const std::string& path, std::string& why);

}  // namespace huiwu::config

#endif  // HUIWU_COMMON_CONFIG_TLS_CONFIG_H_
