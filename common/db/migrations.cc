#include "common/db/migrations.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/db/sql_error.h"
#include "common/log/log.h"
#include "common/status/errors.h"

namespace huiwu::db {
namespace {

constexpr char kCreateMigrationsTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "  version INT NOT NULL PRIMARY KEY,"
    "  name VARCHAR(200) NOT NULL,"
    "  applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
    ") ENGINE=InnoDB";
constexpr char kSelectApplied[] = "SELECT version FROM schema_migrations";
constexpr char kRecordApplied[] = "INSERT INTO schema_migrations (version, name) VALUES (?, ?)";
constexpr char kGetLock[] = "SELECT GET_LOCK(?, ?)";
constexpr char kReleaseLock[] = "SELECT RELEASE_LOCK(?)";
constexpr int kLockWaitSeconds = 120;

absl::Status MigrationError(const sql::SQLException& e, absl::string_view what) {
  return FromSqlError(e.getErrorCode(), e.getSQLState(), e.what(), what);
}

bool TakeLock(Connection& connection, const std::string& lock_name) {
  auto& statement = connection.Prepare(kGetLock);
  statement.setString(1, lock_name);
  statement.setInt(2, kLockWaitSeconds);
  std::unique_ptr<sql::ResultSet> result(statement.executeQuery());
  return result->next() && !result->isNull(1) && result->getInt(1) == 1;
}

void ReleaseLock(Connection& connection, const std::string& lock_name) {
  try {
    auto& statement = connection.Prepare(kReleaseLock);
    statement.setString(1, lock_name);
    std::unique_ptr<sql::ResultSet> result(statement.executeQuery());
    connection.Commit();
  } catch (const sql::SQLException&) {
    connection.MarkBroken();  // closing the connection releases the lock too
  }
}

}  // namespace

std::vector<std::string> SplitStatements(const std::string& sql) {
  std::vector<std::string> statements;
  std::string current;
  for (absl::string_view line : absl::StrSplit(sql, '\n')) {
    absl::string_view trimmed = absl::StripAsciiWhitespace(line);
    if (trimmed.empty() || absl::StartsWith(trimmed, "--")) continue;
    absl::StrAppend(&current, line, "\n");
    if (absl::EndsWith(trimmed, ";")) {
      current.erase(current.rfind(';'));
      statements.push_back(std::string(absl::StripAsciiWhitespace(current)));
      current.clear();
    }
  }
  if (!absl::StripAsciiWhitespace(current).empty()) {
    statements.push_back(std::string(absl::StripAsciiWhitespace(current)));
  }
  return statements;
}

absl::Status EnsureDatabase(ConnectionPool& pool) {
  auto connection = pool.OpenConnection(/*select_database=*/false);
  if (!connection.ok()) return connection.status();
  try {
    // The name was validated by the config (letters, digits, _), so quoting is safe.
    (*connection)
        ->Execute(absl::StrCat("CREATE DATABASE IF NOT EXISTS `", pool.config().database,
                               "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"));
    return absl::OkStatus();
  } catch (const sql::SQLException& e) {
    return MigrationError(e, "create database");
  }
}

absl::Status ApplyMigrations(ConnectionPool& pool, const std::vector<Migration>& migrations) {
  auto lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  Connection& connection = **lease;
  const std::string lock_name = absl::StrCat("huiwu_migrate:", pool.config().database);
  try {
    connection.SetAutocommit(false);
    if (!TakeLock(connection, lock_name)) {
      return ErrorWithReason(absl::StatusCode::kUnavailable, "MIGRATION_LOCK_TIMEOUT",
                             absl::StrCat("another process held the migration lock for ",
                                          kLockWaitSeconds, "s; check for a stuck migration"));
    }
  } catch (const sql::SQLException& e) {
    return MigrationError(e, "take the migration lock");
  }

  std::vector<const Migration*> ordered;
  for (const auto& m : migrations) ordered.push_back(&m);
  std::sort(ordered.begin(), ordered.end(),
            [](const Migration* a, const Migration* b) { return a->version < b->version; });

  absl::Status status;
  try {
    connection.Execute(kCreateMigrationsTable);
    std::set<int> applied;
    {
      auto& select = connection.Prepare(kSelectApplied);
      std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
      while (rows->next()) applied.insert(rows->getInt(1));
    }
    connection.Commit();
    for (const Migration* m : ordered) {
      if (applied.contains(m->version)) continue;
      log::Info("migration_applying", {{"database", pool.config().database},
                                       {"version", absl::StrCat(m->version)},
                                       {"name", m->name}});
      // DDL commits implicitly in MariaDB: a migration must be safe to re-run from its
      // first statement should the process die half-way (IF NOT EXISTS …).
      for (const std::string& statement : SplitStatements(m->sql)) connection.Execute(statement);
      auto& record = connection.Prepare(kRecordApplied);
      record.setInt(1, m->version);
      record.setString(2, m->name);
      record.executeUpdate();
      connection.Commit();
    }
  } catch (const sql::SQLException& e) {
    status = MigrationError(e, "apply migrations");
  }
  ReleaseLock(connection, lock_name);
  return status;
}

}  // namespace huiwu::db
