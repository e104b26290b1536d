#include "services/booking/domain/sign_in_code.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// 2026-12-01 06:00:00Z is the start of a 30-second period.
const absl::Time kPeriodStart = absl::FromUnixSeconds(1796104800);
const std::string kMeeting = "3f9c2a7d5e1b4c08";
const std::string kOther = "0a1b2c3d4e5f6071";

SignInKey Key(const std::string& id, absl::Time not_before, char fill) {
  return SignInKey{id, not_before, std::string(32, fill)};
}

SignInCodes Codes(std::vector<SignInKey> keys) {
  auto codes = SignInCodes::Create(std::move(keys));
  EXPECT_TRUE(codes.ok()) << codes.status();
  return *std::move(codes);
}

SignInCodes OneKey() { return Codes({Key("k1", absl::UnixEpoch(), 'a')}); }

std::string IssueAt(const SignInCodes& codes, const std::string& meeting, absl::Time now) {
  auto issued = codes.Issue(meeting, now);
  EXPECT_TRUE(issued.ok()) << issued.status();
  return issued.ok() ? issued->code : "";
}

void ExpectRefused(const absl::Status& status, absl::StatusCode code, const std::string& reason) {
  EXPECT_EQ(status.code(), code) << status;
  EXPECT_EQ(ReasonOf(status), reason) << status;
}

TEST(SignInCodeTest, PeriodsAreThirtySecondsFromTheEpoch) {
  ASSERT_EQ(absl::ToUnixSeconds(kPeriodStart) % 30, 0);
  const int64_t period = SignInCodes::PeriodOf(kPeriodStart);
  EXPECT_EQ(SignInCodes::PeriodOf(kPeriodStart + absl::Seconds(29.999)), period);
  EXPECT_EQ(SignInCodes::PeriodOf(kPeriodStart + absl::Seconds(30)), period + 1);
  EXPECT_EQ(SignInCodes::PeriodStart(period), kPeriodStart);
}

TEST(SignInCodeTest, AnIssuedCodeIsShortUrlSafeAndNamesItsPeriod) {
  const SignInCodes codes = OneKey();
  auto issued = codes.Issue(kMeeting, kPeriodStart + absl::Seconds(12));
  ASSERT_TRUE(issued.ok()) << issued.status();
  EXPECT_EQ(issued->key_id, "k1");
  EXPECT_EQ(issued->period_start, kPeriodStart);
  EXPECT_EQ(issued->refresh_time, kPeriodStart + absl::Seconds(30));
  EXPECT_EQ(issued->expire_time, kPeriodStart + absl::Seconds(60));
  EXPECT_LE(issued->code.size(), 64u) << issued->code;
  EXPECT_THAT(issued->code, ::testing::MatchesRegex("[A-Za-z0-9._-]+"));
  const std::vector<std::string> parts = absl::StrSplit(issued->code, '.');
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0], "k1");
  EXPECT_EQ(parts[1], kMeeting);
  EXPECT_EQ(parts[2], absl::StrCat(SignInCodes::PeriodOf(kPeriodStart)));
  // The same period gives the same code; the next period another.
  EXPECT_EQ(IssueAt(codes, kMeeting, kPeriodStart + absl::Seconds(29)), issued->code);
  EXPECT_NE(IssueAt(codes, kMeeting, kPeriodStart + absl::Seconds(30)), issued->code);
}

TEST(SignInCodeTest, AValidCodeIsAcceptedInItsPeriodAndTheNext) {
  const SignInCodes codes = OneKey();
  const std::string code = IssueAt(codes, kMeeting, kPeriodStart);
  EXPECT_TRUE(codes.Verify(code, kMeeting, kPeriodStart).ok());
  EXPECT_TRUE(codes.Verify(code, kMeeting, kPeriodStart + absl::Seconds(45)).ok());
  EXPECT_TRUE(codes.Verify(code, kMeeting, kPeriodStart + absl::Seconds(59.999)).ok());
}

TEST(SignInCodeTest, ACodeOlderThanSixtySecondsHasExpired) {
  const SignInCodes codes = OneKey();
  const std::string code = IssueAt(codes, kMeeting, kPeriodStart + absl::Seconds(20));
  const absl::Status status = codes.Verify(code, kMeeting, kPeriodStart + absl::Seconds(60));
  ExpectRefused(status, absl::StatusCode::kFailedPrecondition, kSignInCodeExpired);
  EXPECT_EQ(MetadataOf(status)["expired_at"], "2026-12-01T06:01:00Z");
  ExpectRefused(codes.Verify(code, kMeeting, kPeriodStart + absl::Hours(5)),
                absl::StatusCode::kFailedPrecondition, kSignInCodeExpired);
}

TEST(SignInCodeTest, ACodeOfAPeriodNotYetBegunIsRefusedBeyondTheClockSkew) {
  const SignInCodes codes = OneKey();
  const std::string next = IssueAt(codes, kMeeting, kPeriodStart + absl::Seconds(30));
  // A replica up to 5 s ahead made it: accepted.
  EXPECT_TRUE(codes.Verify(next, kMeeting, kPeriodStart + absl::Seconds(25)).ok());
  ExpectRefused(codes.Verify(next, kMeeting, kPeriodStart + absl::Seconds(24)),
                absl::StatusCode::kInvalidArgument, kSignInCodeInvalid);
}

TEST(SignInCodeTest, TheCodeOfAnotherMeetingIsTheWrongDoor) {
  const SignInCodes codes = OneKey();
  const std::string code = IssueAt(codes, kOther, kPeriodStart);
  const absl::Status status = codes.Verify(code, kMeeting, kPeriodStart);
  ExpectRefused(status, absl::StatusCode::kInvalidArgument, kSignInCodeWrongMeeting);
  EXPECT_EQ(MetadataOf(status)["code_meeting"], "meetings/" + kOther);
}

TEST(SignInCodeTest, AForgedOrAlteredCodeIsInvalid) {
  const SignInCodes codes = OneKey();
  const std::string code = IssueAt(codes, kMeeting, kPeriodStart);
  std::vector<std::string> parts = absl::StrSplit(code, '.');
  const int64_t period = SignInCodes::PeriodOf(kPeriodStart);
  const std::vector<std::string> forged = {
      // Another meeting's id put into a genuine code: the MAC no longer matches.
      absl::StrCat(parts[0], ".", kOther, ".", parts[2], ".", parts[3]),
      // A later period put into a genuine code (to stretch its life).
      absl::StrCat(parts[0], ".", parts[1], ".", period + 1, ".", parts[3]),
      // One character of the MAC changed.
      absl::StrCat(parts[0], ".", parts[1], ".", parts[2], ".", (parts[3][0] == 'A' ? "B" : "A"),
                   parts[3].substr(1)),
      // Made with a key the service does not hold, under the service's key id.
      absl::StrCat("k1.", kMeeting, ".", period, ".",
                   SignInCodeMac(std::string(32, 'z'), "k1", kMeeting, period)),
  };
  for (const std::string& f : forged) {
    SCOPED_TRACE(f);
    const absl::Status status = codes.Verify(f, kMeeting, kPeriodStart);
    ExpectRefused(status, absl::StatusCode::kInvalidArgument, kSignInCodeInvalid);
    EXPECT_THAT(std::string(status.message()), HasSubstr("does not match"));
  }
  // The other meeting's forged code is not reported as the wrong door: it is not genuine.
  EXPECT_EQ(ReasonOf(codes.Verify(forged[0], kOther, kPeriodStart)), kSignInCodeInvalid);
}

TEST(SignInCodeTest, AMalformedCodeIsInvalidAndNotEchoed) {
  const SignInCodes codes = OneKey();
  const std::string good = IssueAt(codes, kMeeting, kPeriodStart);
  const std::vector<std::string> malformed = {
      "",
      "k1",
      "k1.3f9c2a7d5e1b4c08.59870160",
      good + ".x",
      "K1." + good.substr(3),                                      // upper-case key id
      "k1.3f9c2a7d5e1b4c08.-5.AAAAAAAAAAAAAAAAAAAAAA",             // negative period
      "k1.3f9c2a7d5e1b4c08.1e9.AAAAAAAAAAAAAAAAAAAAAA",            // not digits
      "k1.3f9c2a7d5e1b4c08.9999999999999.AAAAAAAAAAAAAAAAAAAAAA",  // 13 digits
      "k1.3f9c2a7d5e1b4c08.59870160.AAAA",                         // short MAC
      "k1.3f9c2a7d5e1b4c08.59870160.AAAAAAAAAAAAAAAAAAAAA=",       // padding
      "k1.<script>.59870160.AAAAAAAAAAAAAAAAAAAAAA",
      "k1..59870160.AAAAAAAAAAAAAAAAAAAAAA",
  };
  for (const std::string& m : malformed) {
    SCOPED_TRACE(m);
    const absl::Status status = codes.Verify(m, kMeeting, kPeriodStart);
    ExpectRefused(status, absl::StatusCode::kInvalidArgument, kSignInCodeInvalid);
    EXPECT_THAT(std::string(status.message()), Not(HasSubstr("<script>")));
  }
}

TEST(SignInCodeTest, AnUnknownKeyIsRefused) {
  const SignInCodes issuer = Codes({Key("k9", absl::UnixEpoch(), 'q')});
  const std::string code = IssueAt(issuer, kMeeting, kPeriodStart);
  const absl::Status status = OneKey().Verify(code, kMeeting, kPeriodStart);
  ExpectRefused(status, absl::StatusCode::kInvalidArgument, kSignInCodeInvalid);
  EXPECT_EQ(MetadataOf(status)["key_id"], "k9");
}

// k2 takes over from k1 at kPeriodStart (period q). The last code k1 signed (period q−1)
// is still accepted through period q, and refused from q+1 on; k1 cannot sign a code for
// q or later, and k2 cannot sign one for q−1.
TEST(SignInCodeTest, TheRotatedKeyIsAcceptedForOnePeriodThenRefused) {
  const SignInKey k1 = Key("k1", absl::UnixEpoch(), 'a');
  const SignInKey k2 = Key("k2", kPeriodStart, 'b');
  const SignInCodes before = Codes({k1});
  const SignInCodes after = Codes({k2, k1});
  const int64_t q = SignInCodes::PeriodOf(kPeriodStart);

  const std::string last_of_k1 = IssueAt(after, kMeeting, kPeriodStart - absl::Seconds(1));
  EXPECT_EQ(last_of_k1, IssueAt(before, kMeeting, kPeriodStart - absl::Seconds(1)));
  EXPECT_TRUE(absl::StartsWith(last_of_k1, "k1."));
  const std::string first_of_k2 = IssueAt(after, kMeeting, kPeriodStart);
  EXPECT_TRUE(absl::StartsWith(first_of_k2, "k2.")) << first_of_k2;

  // During period q both are good.
  EXPECT_TRUE(after.Verify(last_of_k1, kMeeting, kPeriodStart + absl::Seconds(29)).ok());
  EXPECT_TRUE(after.Verify(first_of_k2, kMeeting, kPeriodStart + absl::Seconds(29)).ok());
  // From q+1 on the old key's code is refused; the new key's is still good.
  ExpectRefused(after.Verify(last_of_k1, kMeeting, kPeriodStart + absl::Seconds(30)),
                absl::StatusCode::kFailedPrecondition, kSignInCodeExpired);
  EXPECT_TRUE(after.Verify(first_of_k2, kMeeting, kPeriodStart + absl::Seconds(30)).ok());

  // A code made with the retired key for a period after the rotation (a leaked k1): refused.
  const std::string leaked =
      absl::StrCat("k1.", kMeeting, ".", q, ".", SignInCodeMac(k1.secret, "k1", kMeeting, q));
  const absl::Status retired = after.Verify(leaked, kMeeting, kPeriodStart);
  ExpectRefused(retired, absl::StatusCode::kInvalidArgument, kSignInCodeInvalid);
  EXPECT_THAT(std::string(retired.message()), HasSubstr("retired"));
  // And the new key is not good for a period before it took over.
  const std::string early = absl::StrCat("k2.", kMeeting, ".", q - 1, ".",
                                         SignInCodeMac(k2.secret, "k2", kMeeting, q - 1));
  ExpectRefused(after.Verify(early, kMeeting, kPeriodStart), absl::StatusCode::kInvalidArgument,
                kSignInCodeInvalid);
  // Once k1 is removed from the file, its code is refused as an unknown key.
  ExpectRefused(Codes({k2}).Verify(last_of_k1, kMeeting, kPeriodStart),
                absl::StatusCode::kInvalidArgument, kSignInCodeInvalid);
}

TEST(SignInCodeTest, NoCodeBeforeTheOldestKeyTakesEffect) {
  const SignInCodes codes = Codes({Key("k1", kPeriodStart, 'a')});
  auto issued = codes.Issue(kMeeting, kPeriodStart - absl::Seconds(1));
  EXPECT_EQ(issued.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(issued.status()), "SIGN_IN_KEY_NOT_IN_EFFECT");
  EXPECT_TRUE(codes.Issue(kMeeting, kPeriodStart).ok());
}

TEST(SignInCodeTest, TheKeyFileIsParsedNewestFirst) {
  const std::string k2(64, 'b');
  const std::string k1 = "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF";
  auto keys = ParseSignInKeys(absl::StrCat("# huiwu sign-in keys\n\n  k2 2026-12-01T00:00:00Z ", k2,
                                           "\nk1 2026-01-01T08:00:00+08:00 ", k1, "\n"));
  ASSERT_TRUE(keys.ok()) << keys.status();
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0].id, "k2");
  EXPECT_EQ((*keys)[0].not_before, absl::FromUnixSeconds(1796083200));
  EXPECT_EQ((*keys)[0].secret, std::string(32, '\xbb'));
  EXPECT_EQ((*keys)[1].id, "k1");
  EXPECT_EQ((*keys)[1].not_before, absl::FromUnixSeconds(1767225600));
  EXPECT_EQ((*keys)[1].secret.size(), 32u);
  EXPECT_EQ(static_cast<unsigned char>((*keys)[1].secret[1]), 0x11);
}

TEST(SignInCodeTest, ABadKeyFileIsRefusedNamingTheLineAndNotTheSecret) {
  const std::string secret(64, 'c');
  struct Case {
    std::string text;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"", "no key"},
      {"# only a comment\n", "no key"},
      {"k1 2026-01-01T00:00:00Z\n", "line 1: expected three fields"},
      {"K1 2026-01-01T00:00:00Z " + secret, "key id"},
      {"k1 yesterday " + secret, "RFC 3339"},
      {"k1 2026-01-01T00:00:00Z " + std::string(62, 'c'), "at least 32 bytes"},
      {"k1 2026-01-01T00:00:00Z " + std::string(63, 'c'), "hex digits"},
      {"k1 2026-01-01T00:00:00Z " + std::string(64, 'g'), "hex digits"},
      {"k1 2026-01-01T00:00:00Z " + secret + "\nk1 2025-01-01T00:00:00Z " + secret,
       "line 2: key id k1 repeats"},
      {"k1 2025-01-01T00:00:00Z " + secret + "\nk2 2026-01-01T00:00:00Z " + secret,
       "line 2: key k2 is not older"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    auto keys = ParseSignInKeys(c.text);
    ASSERT_FALSE(keys.ok());
    EXPECT_EQ(keys.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(keys.status().message()), HasSubstr(c.says));
    EXPECT_THAT(std::string(keys.status().message()), Not(HasSubstr(secret)));
  }
}

TEST(SignInCodeTest, CreateRefusesShortSecretsAndKeysOutOfOrder) {
  EXPECT_FALSE(SignInCodes::Create({}).ok());
  EXPECT_FALSE(SignInCodes::Create({SignInKey{"k1", absl::UnixEpoch(), "short"}}).ok());
  EXPECT_FALSE(
      SignInCodes::Create({Key("k1", absl::UnixEpoch(), 'a'), Key("k2", kPeriodStart, 'b')}).ok());
  EXPECT_FALSE(
      SignInCodes::Create({Key("k1", kPeriodStart, 'a'), Key("k1", absl::UnixEpoch(), 'b')}).ok());
}

// What the service's re-reading of the key file takes: the text to codes, named by their
// key ids for the log (never by a secret); a bad text's error names the line.
TEST(SignInCodeTest, AKeyFilesTextBecomesCodesNamedByTheirKeyIds) {
  const std::string secret(64, 'd');
  auto codes = SignInCodes::Parse("k2 2026-12-01T00:00:00Z " + secret +
                                  "\nk1 2026-01-01T00:00:00Z " + secret + "\n");
  ASSERT_TRUE(codes.ok()) << codes.status();
  EXPECT_EQ(codes->name(), "keys k2 k1");
  EXPECT_EQ(codes->Issue("m1", absl::FromUnixSeconds(1796083200))->key_id, "k2");
  auto bad = SignInCodes::Parse("k2 2026-12-01T00:00:00Z " + secret + "\nk1 soon " + secret);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("line 2"));
  EXPECT_THAT(std::string(bad.status().message()), Not(HasSubstr(secret)));
}

}  // namespace
}  // namespace huiwu::booking
