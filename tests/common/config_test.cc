#include "common/config/config.h"

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/test_env.h"

ABSL_DECLARE_FLAG(int, mysql_port);
ABSL_DECLARE_FLAG(int, mysql_pool_size);
ABSL_DECLARE_FLAG(std::string, mysql_database);
ABSL_DECLARE_FLAG(absl::Duration, shutdown_grace);
ABSL_DECLARE_FLAG(huiwu::config::OnOff, tls);
ABSL_DECLARE_FLAG(std::string, tls_ca_file);

namespace huiwu::config {
namespace {

using ::testing::HasSubstr;

class ConfigTest : public ::testing::Test {
 protected:
  absl::FlagSaver saver_;  // every test leaves the flags as it found them
};

TEST_F(ConfigTest, DefaultsWithTlsOffAreValidAndNameTheServiceDatabase) {
  absl::SetFlag(&FLAGS_tls, OnOff{false});
  auto config = LoadServerConfig("huiwu_booking");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->database.database, "huiwu_booking");
  EXPECT_FALSE(config->tls.enabled);
}

// TLS is on by default, and then the three files and a policy are required: a service
// never falls back to plaintext or to no policy because a setting was forgotten.
TEST_F(ConfigTest, TlsIsOnByDefaultAndNeedsItsFilesAndAPolicy) {
  absl::SetFlag(&FLAGS_tls_ca_file, "/nonexistent/ca.pem");
  auto config = LoadServerConfig("huiwu_booking");
  ASSERT_FALSE(config.ok());
  const std::string message(config.status().message());
  EXPECT_THAT(message, HasSubstr("--tls_ca_file=/nonexistent/ca.pem (env HUIWU_TLS_CA_FILE)"));
  EXPECT_THAT(message, HasSubstr("missing --tls_cert_file="));
  EXPECT_THAT(message, HasSubstr("missing --tls_key_file="));
  EXPECT_THAT(message, HasSubstr("missing --authz_policy_file="));
}

// The policy decides per method; without the data-access file an organizer unit's system
// would see every unit's meetings, so a policy without it does not start either.
TEST_F(ConfigTest, APolicyNeedsTheDataAccessFile) {
  config::AuthzConfig authz;
  authz.policy_file = huiwu::testing::SourceDir() + "/deploy/authz/huiwu-policy.json";
  config::TlsConfig tls;
  tls.enabled = true;
  std::vector<std::string> problems;
  config::ValidateAuthzConfig(authz, tls, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], HasSubstr("missing --data_access_file="));
  authz.data_access_file = "/nonexistent/data-access.json";
  problems.clear();
  config::ValidateAuthzConfig(authz, tls, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], HasSubstr("--data_access_file=/nonexistent/data-access.json"));
  authz.data_access_file = huiwu::testing::SourceDir() + "/deploy/authz/huiwu-data-access.json";
  problems.clear();
  config::ValidateAuthzConfig(authz, tls, problems);
  EXPECT_TRUE(problems.empty()) << problems[0];
}

TEST_F(ConfigTest, TlsSwitchReadsOnAndOff) {
  OnOff value;
  std::string error;
  EXPECT_TRUE(AbslParseFlag("off", &value, &error));
  EXPECT_FALSE(value.on);
  EXPECT_TRUE(AbslParseFlag("on", &value, &error));
  EXPECT_TRUE(value.on);
  EXPECT_FALSE(AbslParseFlag("maybe", &value, &error));
  EXPECT_EQ(error, "must be on or off");
}

TEST_F(ConfigTest, EveryBadValueIsNamedWithItsFlagAndEnvironmentVariable) {
  absl::SetFlag(&FLAGS_mysql_port, 70000);
  absl::SetFlag(&FLAGS_mysql_pool_size, 0);
  absl::SetFlag(&FLAGS_mysql_database, "huiwu-booking; DROP");
  absl::SetFlag(&FLAGS_shutdown_grace, absl::ZeroDuration());
  auto config = LoadServerConfig("huiwu_booking");
  ASSERT_FALSE(config.ok());
  const std::string message(config.status().message());
  EXPECT_THAT(message, HasSubstr("--mysql_port=70000 (env HUIWU_MYSQL_PORT)"));
  EXPECT_THAT(message, HasSubstr("--mysql_pool_size=0"));
  EXPECT_THAT(message, HasSubstr("--mysql_database=huiwu-booking; DROP"));
  EXPECT_THAT(message, HasSubstr("--shutdown_grace=0"));
}

TEST_F(ConfigTest, EnvironmentSetsFlagsAndTheCommandLineWins) {
  setenv("HUIWU_MYSQL_POOL_SIZE", "7", 1);
  setenv("HUIWU_MYSQL_PORT", "3307", 1);
  char arg0[] = "test";
  char arg1[] = "--mysql_port=3310";
  char* argv[] = {arg0, arg1};
  ParseFlagsAndEnvironment(2, argv, "test");
  unsetenv("HUIWU_MYSQL_POOL_SIZE");
  unsetenv("HUIWU_MYSQL_PORT");
  EXPECT_EQ(absl::GetFlag(FLAGS_mysql_pool_size), 7);
  EXPECT_EQ(absl::GetFlag(FLAGS_mysql_port), 3310);
}

TEST_F(ConfigTest, DashedFlagNamesWorkToo) {
  char arg0[] = "test";
  char arg1[] = "--mysql-pool-size=9";
  char* argv[] = {arg0, arg1};
  ParseFlagsAndEnvironment(2, argv, "test");
  EXPECT_EQ(absl::GetFlag(FLAGS_mysql_pool_size), 9);
}

}  // namespace
}  // namespace huiwu::config
