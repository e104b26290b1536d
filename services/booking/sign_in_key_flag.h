// --sign_in_key_file: the keys that sign the door screen's sign-in codes (扫码签到,
// domain/sign_in_code.h), re-read every --sign_in_key_refresh_interval while the
// service runs (common/server/reloading_file.h, as the authorization policy is): an admin
// who rotates keys before a leaders' meeting edits the file and every replica takes the
// new key without a restart. A bad file at start stops the service, naming the flag and
// the line; a file that becomes bad later keeps the keys read before, is logged
// (config_file_not_reloaded, naming the file and the line) and makes health report
// kSignInKeysHealthName NOT_SERVING until it is fixed.
#ifndef HUIWU_SERVICES_BOOKING_SIGN_IN_KEY_FLAG_H_
#define HUIWU_SERVICES_BOOKING_SIGN_IN_KEY_FLAG_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/server/reloading_file.h"
#include "services/booking/domain/sign_in_code.h"

namespace huiwu::booking {

// The keys of the file as last read well (current(), never null).
using SignInKeyWatcher = server::ReloadingFile<SignInCodes>;

// The health detail of the key file (server::HealthDetail): SERVING while the file on
// disk is the one in force.
inline constexpr char kSignInKeysHealthName[] = "huiwu.booking.v1.SignInKeys";

// Reads `path` now and then every `refresh`; INVALID_ARGUMENT naming the flag when the
// file cannot be read or does not parse (the service does not start).
absl::StatusOr<std::unique_ptr<SignInKeyWatcher>> WatchSignInKeyFile(const std::string& path,
                                                                     absl::Duration refresh);

// From the flags: nullptr when --sign_in_key_file is empty (codes off: GetSignInCode and a
// SignIn with a code are refused, SIGN_IN_CODES_OFF).
absl::StatusOr<std::unique_ptr<SignInKeyWatcher>> SignInKeysFromFlags();

// The health detail's check: OK while the file on disk is the one in force; else
// FAILED_PRECONDITION naming the file and what is wrong with it (the line), and that the
// keys read before still sign and check the codes.
absl::Status CheckSignInKeyFile(const SignInKeyWatcher& keys);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_SIGN_IN_KEY_FLAG_H_
