#include "services/booking/sign_in_key_flag.h"

#include <fstream>
#include <iterator>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/config/tls_config.h"

ABSL_FLAG(std::string, sign_in_key_file, "",
          "File of the keys that sign the door screen's sign-in codes (扫码签到), newest first, "
          "one a line: <key id> <not before, RFC 3339> <secret, 64+ hex digits>. Empty: no "
          "codes (GetSignInCode refused; only the attendant's desk signs people in).");

namespace huiwu::booking {

absl::StatusOr<std::shared_ptr<const SignInCodes>> SignInCodesFromFile(const std::string& path) {
  const std::string flag = config::DescribeFlag("sign_in_key_file", path);
  std::string why;
  if (!config::ReadableFile(path, why)) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid ", flag, ": cannot read it (", why, ")"));
  }
  std::ifstream in(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto keys = ParseSignInKeys(text);
  if (!keys.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid ", flag, ": ", keys.status().message()));
  }
  auto codes = SignInCodes::Create(*std::move(keys));
  if (!codes.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid ", flag, ": ", codes.status().message()));
  }
  return std::make_shared<const SignInCodes>(*std::move(codes));
}

absl::StatusOr<std::shared_ptr<const SignInCodes>> SignInCodesFromFlags() {
  const std::string path = absl::GetFlag(FLAGS_sign_in_key_file);
  if (path.empty()) return std::shared_ptr<const SignInCodes>();
  return SignInCodesFromFile(path);
}

}  // namespace huiwu::booking
