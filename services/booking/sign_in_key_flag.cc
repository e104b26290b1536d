#include "services/booking/sign_in_key_flag.h"

#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/config/tls_config.h"

ABSL_FLAG(std::string, sign_in_key_file, "",
          "File of the keys that sign the door screen's sign-in codes (扫码签到), newest first, "
          "one a line: <key id> <not before, RFC 3339> <secret, 64+ hex digits>. Empty: no "
          "codes (GetSignInCode refused; only the attendant's desk signs people in). Re-read "
          "every --sign_in_key_refresh_interval: keys rotate without a restart.");
ABSL_FLAG(absl::Duration, sign_in_key_refresh_interval, absl::Minutes(1),
          "How often --sign_in_key_file is re-read. A new key's not-before time must be "
          "further ahead than this, so that every replica holds it before it signs.");

namespace huiwu::booking {

absl::StatusOr<std::unique_ptr<SignInKeyWatcher>> WatchSignInKeyFile(const std::string& path,
                                                                     absl::Duration refresh) {
  auto keys = SignInKeyWatcher::Start(path, refresh);
  if (!keys.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid ", config::DescribeFlag("sign_in_key_file", path), ": ", keys.status().message()));
  }
  return keys;
}

absl::StatusOr<std::unique_ptr<SignInKeyWatcher>> SignInKeysFromFlags() {
  const std::string path = absl::GetFlag(FLAGS_sign_in_key_file);
  if (path.empty()) return std::unique_ptr<SignInKeyWatcher>();
  const absl::Duration refresh = absl::GetFlag(FLAGS_sign_in_key_refresh_interval);
  if (refresh <= absl::ZeroDuration() || refresh == absl::InfiniteDuration()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid ",
        config::DescribeFlag("sign_in_key_refresh_interval", absl::FormatDuration(refresh)),
        ": must be positive and finite, e.g. 1m"));
  }
  return WatchSignInKeyFile(path, refresh);
}

absl::Status CheckSignInKeyFile(const SignInKeyWatcher& keys) {
  const absl::Status error = keys.last_error();
  if (error.ok()) return error;
  return absl::FailedPreconditionError(
      absl::StrCat(error.message(), "; the sign-in keys read before (", keys.current()->name(),
                   ") still sign and check the codes: fix the file"));
}

}  // namespace huiwu::booking
