#include "services/booking/domain/sign_in_code.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <set>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/status/errors.h"

namespace huiwu::booking {
namespace {

constexpr size_t kMaxKeyId = 16;
constexpr size_t kMinSecretBytes = 32;
constexpr size_t kMacBytes = 16;      // 128 bits of the HMAC: plenty against a guess
constexpr size_t kMacChars = 22;      // kMacBytes in unpadded base64
constexpr size_t kMaxMeetingId = 63;  // a resource id
constexpr size_t kMaxPeriodDigits = 12;

bool IsIdChar(char c) { return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-'; }

bool IsId(absl::string_view id, size_t max) {
  if (id.empty() || id.size() > max) return false;
  for (char c : id) {
    if (!IsIdChar(c)) return false;
  }
  return true;
}

bool IsBase64UrlChar(char c) { return absl::ascii_isalnum(c) || c == '-' || c == '_'; }

std::string Rfc3339(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

absl::Status Invalid(absl::string_view why, const ErrorMetadata& metadata = {}) {
  return ErrorWithReason(absl::StatusCode::kInvalidArgument, kSignInCodeInvalid,
                         absl::StrCat("sign_in_code is not valid: ", why,
                                      "; scan the code on the meeting room's door screen again"),
                         metadata);
}

}  // namespace

absl::StatusOr<std::vector<SignInKey>> ParseSignInKeys(absl::string_view text) {
  std::vector<SignInKey> keys;
  std::set<std::string> ids;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    auto bad = [&](absl::string_view why) {
      return absl::InvalidArgumentError(absl::StrCat(
          "sign-in key file, line ", line_number, ": ", why,
          " (a line is \"<key id> <not before, e.g. 2026-12-01T00:00:00Z> <secret: 64 or more "
          "hex digits>\", newest key first)"));
    };
    std::vector<absl::string_view> parts = absl::StrSplit(line, ' ', absl::SkipWhitespace());
    if (parts.size() != 3) return bad("expected three fields");
    SignInKey key;
    key.id = std::string(parts[0]);
    if (!IsId(key.id, kMaxKeyId)) return bad("the key id must be 1–16 of a-z, 0-9 and '-'");
    if (!ids.insert(key.id).second) return bad(absl::StrCat("key id ", key.id, " repeats"));
    std::string error;
    if (!absl::ParseTime(absl::RFC3339_full, parts[1], &key.not_before, &error)) {
      return bad(absl::StrCat("the not-before time is not RFC 3339: ", error));
    }
    const absl::string_view hex = parts[2];
    bool is_hex = hex.size() % 2 == 0;
    for (char c : hex) is_hex = is_hex && absl::ascii_isxdigit(c);
    if (!is_hex) return bad("the secret must be hex digits, an even number of them");
    key.secret = absl::HexStringToBytes(hex);
    if (key.secret.size() < kMinSecretBytes) {
      return bad(absl::StrCat("the secret must be at least ", kMinSecretBytes,
                              " bytes (64 hex digits), e.g. from `openssl rand -hex 32`"));
    }
    if (!keys.empty() && key.not_before >= keys.back().not_before) {
      return bad(absl::StrCat("key ", key.id, " is not older than key ", keys.back().id,
                              " above it: list the newest key first"));
    }
    keys.push_back(std::move(key));
  }
  if (keys.empty()) return absl::InvalidArgumentError("sign-in key file holds no key");
  return keys;
}

absl::StatusOr<SignInCodes> SignInCodes::Create(std::vector<SignInKey> keys) {
  if (keys.empty()) return absl::InvalidArgumentError("no sign-in key");
  std::set<std::string> ids;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (!IsId(keys[i].id, kMaxKeyId)) {
      return absl::InvalidArgumentError(
          absl::StrCat("sign-in key id \"", keys[i].id, "\" must be 1–16 of a-z, 0-9 and '-'"));
    }
    if (!ids.insert(keys[i].id).second) {
      return absl::InvalidArgumentError(absl::StrCat("sign-in key id ", keys[i].id, " repeats"));
    }
    if (keys[i].secret.size() < kMinSecretBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat("sign-in key ", keys[i].id, " is shorter than 32 bytes"));
    }
    if (i > 0 && keys[i].not_before >= keys[i - 1].not_before) {
      return absl::InvalidArgumentError(absl::StrCat(
          "sign-in keys must be newest first: ", keys[i].id, " after ", keys[i - 1].id));
    }
  }
  return SignInCodes(std::move(keys));
}

SignInCodes::SignInCodes(std::vector<SignInKey> keys) : keys_(std::move(keys)), name_("keys") {
  for (const SignInKey& key : keys_) absl::StrAppend(&name_, " ", key.id);
}

absl::StatusOr<SignInCodes> SignInCodes::Parse(absl::string_view text) {
  absl::StatusOr<std::vector<SignInKey>> keys = ParseSignInKeys(text);
  if (!keys.ok()) return keys.status();
  return Create(*std::move(keys));
}

int64_t SignInCodes::PeriodOf(absl::Time t) {
  return absl::ToInt64Seconds(absl::Floor(t - absl::UnixEpoch(), kPeriod)) /
         absl::ToInt64Seconds(kPeriod);
}

absl::Time SignInCodes::PeriodStart(int64_t period) { return absl::UnixEpoch() + period * kPeriod; }

const SignInKey* SignInCodes::SigningKey(int64_t period) const {
  const absl::Time start = PeriodStart(period);
  for (const SignInKey& key : keys_) {
    if (key.not_before <= start) return &key;
  }
  return nullptr;
}

const SignInKey* SignInCodes::FindKey(absl::string_view id) const {
  for (const SignInKey& key : keys_) {
    if (key.id == id) return &key;
  }
  return nullptr;
}

absl::StatusOr<IssuedSignInCode> SignInCodes::Issue(absl::string_view meeting_id,
                                                    absl::Time now) const {
  const int64_t period = PeriodOf(now);
  const SignInKey* key = SigningKey(period);
  if (key == nullptr) {
    const std::string from = Rfc3339(keys_.back().not_before);
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "SIGN_IN_KEY_NOT_IN_EFFECT",
        absl::StrCat("no sign-in key is in effect yet: the oldest key (", keys_.back().id,
                     ") signs from ", from, "; add a key with an earlier not-before time"),
        {{"not_before", from}});
  }
  IssuedSignInCode issued;
  issued.key_id = key->id;
  issued.period_start = PeriodStart(period);
  issued.refresh_time = issued.period_start + kPeriod;
  issued.expire_time = issued.period_start + kMaxAge;
  issued.code = absl::StrCat(key->id, ".", meeting_id, ".", period, ".",
                             SignInCodeMac(key->secret, key->id, meeting_id, period));
  return issued;
}

absl::Status SignInCodes::Verify(absl::string_view code, absl::string_view meeting_id,
                                 absl::Time now) const {
  // The shape first: nothing of a malformed code is trusted or echoed.
  std::vector<absl::string_view> parts = absl::StrSplit(code, '.');
  int64_t period = 0;
  if (parts.size() != 4 || !IsId(parts[0], kMaxKeyId) || !IsId(parts[1], kMaxMeetingId) ||
      parts[2].empty() || parts[2].size() > kMaxPeriodDigits ||
      !absl::c_all_of(parts[2], absl::ascii_isdigit) || !absl::SimpleAtoi(parts[2], &period) ||
      parts[3].size() != kMacChars || !absl::c_all_of(parts[3], IsBase64UrlChar)) {
    return Invalid("it is not of the form <key>.<meeting>.<period>.<mac>");
  }
  const absl::string_view key_id = parts[0];
  const absl::string_view code_meeting = parts[1];
  const SignInKey* key = FindKey(key_id);
  if (key == nullptr) {
    return Invalid(absl::StrCat("it is signed with key \"", key_id,
                                "\", which this service does not hold (unknown or retired)"),
                   {{"key_id", std::string(key_id)}});
  }
  const std::string expected = SignInCodeMac(key->secret, key_id, code_meeting, period);
  if (CRYPTO_memcmp(expected.data(), parts[3].data(), kMacChars) != 0) {
    return Invalid("its signature does not match (forged or altered)");
  }
  // Genuine from here on: the key made it. Was the key the one that signs that period?
  const SignInKey* signer = SigningKey(period);
  if (signer != key) {
    const bool early = key->not_before > PeriodStart(period);
    return Invalid(absl::StrCat("key ", key_id, " does not sign codes of that period (",
                                early ? "it was not in effect yet" : "it was retired", ")"),
                   {{"key_id", std::string(key_id)}});
  }
  if (code_meeting != meeting_id) {
    const std::string other = absl::StrCat("meetings/", code_meeting);
    return ErrorWithReason(
        absl::StatusCode::kInvalidArgument, kSignInCodeWrongMeeting,
        absl::StrCat("sign_in_code is the code of ", other, ", not of meetings/", meeting_id,
                     "; scan the code on the door screen of the room you are in"),
        {{"code_meeting", other}});
  }
  const absl::Time start = PeriodStart(period);
  if (start > now + kClockSkew) {
    return Invalid("its period has not begun (check the servers' clocks)");
  }
  if (now >= start + kMaxAge) {
    const std::string expired = Rfc3339(start + kMaxAge);
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, kSignInCodeExpired,
        absl::StrCat("sign_in_code expired at ", expired,
                     " (a code is good for 60 seconds); scan the door screen's current code"),
        {{"expired_at", expired}});
  }
  return absl::OkStatus();
}

std::string SignInCodeMac(absl::string_view secret, absl::string_view key_id,
                          absl::string_view meeting_id, int64_t period) {
  const std::string message =
      absl::StrCat("huiwu-sign-in/v1\n", key_id, "\n", meeting_id, "\n", period);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
  return absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(digest), kMacBytes));
}

}  // namespace huiwu::booking
