// Where the tests find their MariaDB: scripts/test.sh starts a throwaway server and
// exports HUIWU_TEST_MYSQL_{HOST,PORT,USER,PASSWORD}.
#ifndef HUIWU_TESTS_SUPPORT_TEST_ENV_H_
#define HUIWU_TESTS_SUPPORT_TEST_ENV_H_

#include <string>

#include "common/config/config.h"

namespace huiwu::testing {

// The server's coordinates with `database` selected. Aborts the test binary with a
// message when the environment is missing (run the tests through scripts/test.sh).
config::DatabaseConfig TestDatabaseConfig(const std::string& database);

// Absolute path of the project's source tree (for scripts/).
std::string SourceDir();

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_TEST_ENV_H_
