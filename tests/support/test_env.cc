#include "tests/support/test_env.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/numbers.h"

namespace huiwu::testing {
namespace {

std::string Require(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) {
    std::fprintf(stderr,
                 "%s is not set: integration tests need the MariaDB that scripts/test.sh "
                 "starts; run them with `scripts/test.sh` (extra args go to ctest)\n",
                 name);
    std::abort();
  }
  return value;
}

}  // namespace

config::DatabaseConfig TestDatabaseConfig(const std::string& database) {
  config::DatabaseConfig config;
  config.host = Require("HUIWU_TEST_MYSQL_HOST");
  if (!absl::SimpleAtoi(Require("HUIWU_TEST_MYSQL_PORT"), &config.port)) std::abort();
  config.user = Require("HUIWU_TEST_MYSQL_USER");
  config.password = Require("HUIWU_TEST_MYSQL_PASSWORD");
  config.database = database;
  config.pool_size = 8;
  config.connect_timeout = absl::Seconds(2);
  config.statement_timeout = absl::Seconds(30);
  config.lock_wait_timeout = absl::Seconds(10);
  config.acquire_timeout = absl::Seconds(10);
  return config;
}

std::string SourceDir() { return HUIWU_SOURCE_DIR; }

}  // namespace huiwu::testing
