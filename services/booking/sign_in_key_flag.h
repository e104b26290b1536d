// --sign_in_key_file: the keys that sign the door screen's sign-in codes (扫码签到,
// domain/sign_in_code.h). Read once at start; a bad file stops the service, naming the
// flag and the line.
#ifndef HUIWU_SERVICES_BOOKING_SIGN_IN_KEY_FLAG_H_
#define HUIWU_SERVICES_BOOKING_SIGN_IN_KEY_FLAG_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "services/booking/domain/sign_in_code.h"

namespace huiwu::booking {

// The codes signed with the keys of `path`; INVALID_ARGUMENT naming the flag when the
// file cannot be read or does not parse.
absl::StatusOr<std::shared_ptr<const SignInCodes>> SignInCodesFromFile(const std::string& path);

// From the flag: nullptr when it is empty (codes off: GetSignInCode and a SignIn with a
// code are refused, SIGN_IN_CODES_OFF).
absl::StatusOr<std::shared_ptr<const SignInCodes>> SignInCodesFromFlags();

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_SIGN_IN_KEY_FLAG_H_
