// --sign_in_key_file: the door screens' keys read at start, or a refusal naming the flag
// and the line (never the secret).
#include "services/booking/sign_in_key_flag.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

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
    std::ofstream(path) << text;
    return path;
  }

  std::filesystem::path dir_;
};

TEST_F(SignInKeyFlagTest, ReadsTheKeysAndSignsWithTheNewest) {
  const std::string path = Write(
      "# rotated on 1 December\n"
      "k2 2026-12-01T00:00:00Z " +
      std::string(64, 'b') + "\n" + "k1 2000-01-01T00:00:00Z " + std::string(64, 'a') + "\n");
  auto codes = SignInCodesFromFile(path);
  ASSERT_TRUE(codes.ok()) << codes.status();
  ASSERT_NE(*codes, nullptr);
  auto issued = (*codes)->Issue("m1", absl::FromUnixSeconds(1796104800));
  ASSERT_TRUE(issued.ok()) << issued.status();
  EXPECT_EQ(issued->key_id, "k2");
  issued = (*codes)->Issue("m1", absl::FromUnixSeconds(1796083200 - 30));
  ASSERT_TRUE(issued.ok()) << issued.status();
  EXPECT_EQ(issued->key_id, "k1");
}

TEST_F(SignInKeyFlagTest, AMissingOrBadFileIsRefusedNamingTheFlag) {
  auto missing = SignInCodesFromFile((dir_ / "none.txt").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(std::string(missing.status().message()),
              HasSubstr("--sign_in_key_file=" + (dir_ / "none.txt").string()));
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("HUIWU_SIGN_IN_KEY_FILE"));

  const std::string secret(60, 'e');
  auto bad = SignInCodesFromFile(Write("k1 2000-01-01T00:00:00Z " + secret + "\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("--sign_in_key_file="));
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("line 1"));
  EXPECT_THAT(std::string(bad.status().message()), Not(HasSubstr(secret)));

  EXPECT_FALSE(SignInCodesFromFile(Write("")).ok());
}

}  // namespace
}  // namespace huiwu::booking
