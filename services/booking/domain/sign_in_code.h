// Sign-in codes (扫码签到) that cannot be faked: the door screen of a meeting shows a QR
// code that changes every 30 seconds; an attendee scans it, and the sign-in carries it.
// A code is an HMAC-SHA256 over (key id, meeting id, 30-second period number) with a
// secret key from the service's configuration, so nobody without the key can make one,
// a code read off one door does not open another, and a photo of the screen sent to a
// colleague in the office is useless a minute later.
//
// A code reads "<key id>.<meeting id>.<period>.<mac>", e.g.
// "k2.3f9c2a7d5e1b4c08.59472913.Xq3…" (about 50 characters of [A-Za-z0-9._-]: a small QR
// code, safe in a URL). The MAC is the first 16 bytes of the HMAC in URL-safe base64.
//
// Keys rotate without a gap: each key has a time from which it signs ("not before");
// the code of a period is signed by the newest key in effect at the period's start.
// A code is accepted in its own period and the next one (at most 60 s after its period
// began), so the previous key's codes stay good for one period after a rotation, and a
// key is never accepted for a period it did not sign: a leaked old key cannot make codes
// for today. Every replica holds the same file, so a new key is added ahead of its
// not-before time and every replica knows it before it signs: the service re-reads the
// file while it runs (sign_in_key_flag.h), so an admin rotates keys without a restart.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_SIGN_IN_CODE_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_SIGN_IN_CODE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace huiwu::booking {

// One signing key.
struct SignInKey {
  std::string id;         // 1–16 of a-z, 0-9 and '-', e.g. "k2" or "2026-12"
  absl::Time not_before;  // signs the periods that start at or after this time
  std::string secret;     // raw bytes, at least 32 (256 bits)
};

// Error reasons (google.rpc.ErrorInfo) of a refused code.
// INVALID_ARGUMENT: not a code this service made — malformed, a MAC that does not match
// (forged or altered), a key it does not hold (unknown, or retired and removed from the
// file), a key that did not sign that period (retired), or a period in the future.
inline constexpr char kSignInCodeInvalid[] = "SIGN_IN_CODE_INVALID";
// INVALID_ARGUMENT: a genuine code of another meeting (the wrong door).
inline constexpr char kSignInCodeWrongMeeting[] = "SIGN_IN_CODE_WRONG_MEETING";
// FAILED_PRECONDITION: a genuine code, more than 60 s old: scan the screen again.
inline constexpr char kSignInCodeExpired[] = "SIGN_IN_CODE_EXPIRED";

// The keys of the key file: one key a line, newest first,
//   <key id> <not before, RFC 3339, e.g. 2026-12-01T00:00:00Z> <secret, 64+ hex digits>
// Blank lines and lines starting with '#' are ignored. INVALID_ARGUMENT naming the line
// when a line does not parse, an id repeats, the not-before times do not decrease down
// the file, or there is no key at all. The secrets never appear in a message.
absl::StatusOr<std::vector<SignInKey>> ParseSignInKeys(absl::string_view text);

// A code issued for the door screen.
struct IssuedSignInCode {
  std::string code;
  std::string key_id;
  absl::Time period_start;
  absl::Time refresh_time;  // the period's end: show the next code from then
  absl::Time expire_time;   // SignIn refuses the code from then (period start + 60 s)
};

class SignInCodes final {
 public:
  // The code changes every period.
  static constexpr absl::Duration kPeriod = absl::Seconds(30);
  // A code is accepted until this long after its period began (its period and the next).
  static constexpr absl::Duration kMaxAge = absl::Seconds(60);
  // A code of a period that begins up to this much after "now" is accepted: the replica
  // that made it may run a little ahead.
  static constexpr absl::Duration kClockSkew = absl::Seconds(5);

  // `keys` newest first, as ParseSignInKeys returns them; INVALID_ARGUMENT as there.
  static absl::StatusOr<SignInCodes> Create(std::vector<SignInKey> keys);
  // The codes of a key file's text: ParseSignInKeys, then Create (the errors name the
  // line). With name(), what the service's re-reading of the file needs
  // (common/server/reloading_file.h).
  static absl::StatusOr<SignInCodes> Parse(absl::string_view text);

  // The key ids, newest first ("keys k2 k1"), for the log of a reload; never a secret.
  const std::string& name() const { return name_; }

  // The code of `meeting_id` for the period holding `now`. FAILED_PRECONDITION, reason
  // SIGN_IN_KEY_NOT_IN_EFFECT, when no key's not-before time has come yet.
  absl::StatusOr<IssuedSignInCode> Issue(absl::string_view meeting_id, absl::Time now) const;

  // OK when `code` was issued by these keys for `meeting_id` at most kMaxAge before
  // `now`; else the reasons above, with a message that says what to do.
  absl::Status Verify(absl::string_view code, absl::string_view meeting_id, absl::Time now) const;

  // The number of the 30-second period holding `t` (periods count from the Unix epoch).
  static int64_t PeriodOf(absl::Time t);
  static absl::Time PeriodStart(int64_t period);

 private:
  explicit SignInCodes(std::vector<SignInKey> keys);

  // The key that signs `period`: the newest whose not-before is at or before its start;
  // nullptr when none is.
  const SignInKey* SigningKey(int64_t period) const;
  const SignInKey* FindKey(absl::string_view id) const;

  std::vector<SignInKey> keys_;  // newest first
  std::string name_;
};

// The MAC part of a code: HMAC-SHA256 of "huiwu-sign-in/v1\n<key id>\n<meeting id>\n<period>"
// under `secret`, its first 16 bytes in unpadded URL-safe base64 (22 characters).
std::string SignInCodeMac(absl::string_view secret, absl::string_view key_id,
                          absl::string_view meeting_id, int64_t period);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_SIGN_IN_CODE_H_
