// Versioned schema migrations per service (services/<svc>/migrations/NNNN_name.sql),
// embedded in the binary at build time, recorded in `schema_migrations`.
#ifndef HUIWU_COMMON_DB_MIGRATIONS_H_
#define HUIWU_COMMON_DB_MIGRATIONS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/db/pool.h"

namespace huiwu::db {

struct Migration {
  int version;       // NNNN of the file name
  std::string name;  // the rest of the file name
  std::string sql;   // statements, each ending with ';' at the end of a line
};

// Creates the service's database when it does not exist yet.
absl::Status EnsureDatabase(ConnectionPool& pool);

// Splits a migration into statements: each ends with ';' at the end of a line; lines
// that start with "--" are comments.
std::vector<std::string> SplitStatements(const std::string& sql);

// Applies, in version order, the migrations not yet recorded. Several replicas starting
// at once are serialized by a named lock (GET_LOCK) held while migrating: the first
// applies, the others then find everything recorded.
absl::Status ApplyMigrations(ConnectionPool& pool, const std::vector<Migration>& migrations);

}  // namespace huiwu::db

#endif  // HUIWU_COMMON_DB_MIGRATIONS_H_
