// --sign_in_key_file: the door screens' keys read at start, or a refusal naming the flag
// and the line (never the secret); then re-read while serving: an edit is taken, a broken
// edit keeps the keys read before and says why, naming the file and the line.
#include "services/booking/sign_in_key_flag.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/poll.h"
#include "tests/support/test_pki.h"

namespace huiwu::booking {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// 2026-12-01T00:00:00Z, when k2 of the files below takes over from k1.
const absl::Time kRotation = absl::FromUnixSeconds(1796083200);

class SignInKeyFlagTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("huiwu-sign-in-keys-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& text) {
    const std::string path = (dir_ / "keys.txt").string();
    testing::ReplaceFile(path, text);
    return path;
  }

  // Waits until `keys` has checked the file twice more: once may have begun before the
  // edit, the second began after it.
  static void WaitForTwoChecks(const SignInKeyWatcher& keys) {
    const int64_t checked = keys.checks();
    ASSERT_TRUE(
        testing::PollUntil([&] { return keys.checks() >= checked + 2; }, absl::Seconds(10)));
  }

  static std::string KeyIdAt(const SignInKeyWatcher& keys, absl::Time now) {
    auto issued = keys.current()->Issue("m1", now);
    EXPECT_TRUE(issued.ok()) << issued.status();
    return issued.ok() ? issued->key_id : "";
  }

  std::filesystem::path dir_;
};

// The lines of k1 (in effect since 2000) and k2 (from kRotation).
std::string K1() { return "k1 2000-01-01T00:00:00Z " + std::string(64, 'a') + "\n"; }
std::string K2() { return "k2 2026-12-01T00:00:00Z " + std::string(64, 'b') + "\n"; }

TEST_F(SignInKeyFlagTest, ReadsTheKeysAndSignsWithTheNewest) {
  auto keys = WatchSignInKeyFile(Write("# rotated on 1 December\n" + K2() + K1()), absl::Hours(1));
  ASSERT_TRUE(keys.ok()) << keys.status();
  EXPECT_EQ((*keys)->current()->name(), "keys k2 k1");
  EXPECT_EQ(KeyIdAt(**keys, kRotation + absl::Hours(6)), "k2");
  EXPECT_EQ(KeyIdAt(**keys, kRotation - absl::Seconds(30)), "k1");
  EXPECT_TRUE(CheckSignInKeyFile(**keys).ok());
}

TEST_F(SignInKeyFlagTest, AMissingOrBadFileIsRefusedNamingTheFlag) {
  auto missing = WatchSignInKeyFile((dir_ / "none.txt").string(), absl::Hours(1));
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(std::string(missing.status().message()),
              HasSubstr("--sign_in_key_file=" + (dir_ / "none.txt").string()));
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("HUIWU_SIGN_IN_KEY_FILE"));

  const std::string secret(60, 'e');
  auto bad = WatchSignInKeyFile(Write("k1 2000-01-01T00:00:00Z " + secret + "\n"), absl::Hours(1));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("--sign_in_key_file="));
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("line 1"));
  EXPECT_THAT(std::string(bad.status().message()), Not(HasSubstr(secret)));

  EXPECT_FALSE(WatchSignInKeyFile(Write(""), absl::Hours(1)).ok());
}

// An admin adds k2 on top while the service runs: it signs from its not-before time on,
// and k1 still checks the codes of the periods it signed.
TEST_F(SignInKeyFlagTest, AnEditedFileIsTakenWithoutARestart) {
  const std::string path = Write(K1());
  auto keys = WatchSignInKeyFile(path, absl::Milliseconds(20));
  ASSERT_TRUE(keys.ok()) << keys.status();
  const SignInKeyWatcher& watcher = **keys;
  EXPECT_EQ(KeyIdAt(watcher, kRotation + absl::Hours(1)), "k1");
  const std::string last_of_k1 = watcher.current()->Issue("m1", kRotation - absl::Seconds(5))->code;

  Write(K2() + K1());
  WaitForTwoChecks(watcher);
  EXPECT_EQ(watcher.current()->name(), "keys k2 k1");
  EXPECT_EQ(KeyIdAt(watcher, kRotation + absl::Hours(1)), "k2");
  EXPECT_TRUE(watcher.current()->Verify(last_of_k1, "m1", kRotation + absl::Seconds(20)).ok());
  EXPECT_TRUE(CheckSignInKeyFile(watcher).ok());
}

// A typo in the file (a secret one digit short on line 2) must not stop the door screens:
// the keys read before stay in force, and health names the file and the line until the
// file is fixed.
TEST_F(SignInKeyFlagTest, ABrokenEditKeepsTheKeysAndSaysWhereUntilFixed) {
  const std::string path = Write(K2() + K1());
  auto keys = WatchSignInKeyFile(path, absl::Milliseconds(20));
  ASSERT_TRUE(keys.ok()) << keys.status();
  const SignInKeyWatcher& watcher = **keys;

  const std::string short_secret(63, 'c');
  Write("# k3 for the 8 December meeting\nk3 2026-12-07T00:00:00Z " + short_secret + "\n" + K2() +
        K1());
  WaitForTwoChecks(watcher);
  EXPECT_EQ(watcher.current()->name(), "keys k2 k1");
  EXPECT_EQ(KeyIdAt(watcher, kRotation + absl::Hours(24 * 8)), "k2");
  const absl::Status health = CheckSignInKeyFile(watcher);
  EXPECT_EQ(health.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(health.message()), HasSubstr(path));
  EXPECT_THAT(std::string(health.message()), HasSubstr("line 2"));
  EXPECT_THAT(std::string(health.message()), HasSubstr("keys k2 k1"));
  EXPECT_THAT(std::string(health.message()), Not(HasSubstr(short_secret)));

  // A file that cannot be read at all keeps them too.
  std::filesystem::remove(path);
  WaitForTwoChecks(watcher);
  EXPECT_EQ(watcher.current()->name(), "keys k2 k1");
  EXPECT_THAT(std::string(CheckSignInKeyFile(watcher).message()), HasSubstr("cannot read"));

  Write("k3 2026-12-07T00:00:00Z " + std::string(64, 'c') + "\n" + K2() + K1());
  WaitForTwoChecks(watcher);
  EXPECT_TRUE(CheckSignInKeyFile(watcher).ok());
  EXPECT_EQ(KeyIdAt(watcher, kRotation + absl::Hours(24 * 8)), "k3");
}

}  // namespace
}  // namespace huiwu::booking
