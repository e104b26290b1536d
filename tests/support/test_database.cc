#include "tests/support/test_database.h"

#include <cppconn/connection.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <unistd.h>

#include <atomic>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "tests/support/sql_rows.h"
#include "tests/support/test_env.h"

namespace huiwu::testing {
namespace {

std::string UniqueName() {
  static std::atomic<int> counter{0};
  static const uint32_t salt = std::random_device{}();
  return absl::StrCat("t_", getpid(), "_", salt % 100000, "_", counter++);
}

}  // namespace

TestDatabase::TestDatabase() : name_(UniqueName()), config_(TestDatabaseConfig(name_)) {
  db::InitDriver();
  pool_ = std::make_unique<db::ConnectionPool>(config_, nullptr);
  auto admin = pool_->OpenConnection(/*select_database=*/false);
  if (!admin.ok()) {
    ADD_FAILURE() << "cannot reach the test MariaDB: " << admin.status();
    std::abort();
  }
  (*admin)->Execute(absl::StrCat("CREATE DATABASE `", name_,
                                 "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"));
  auto connection = pool_->OpenConnection();
  if (!connection.ok()) std::abort();
  connection_ = std::move(connection).value();
  connection_->raw().setAutoCommit(true);
}

TestDatabase::~TestDatabase() {
  connection_.reset();
  auto admin = pool_->OpenConnection(/*select_database=*/false);
  if (admin.ok()) (*admin)->Execute(absl::StrCat("DROP DATABASE IF EXISTS `", name_, "`"));
}

void TestDatabase::Execute(const std::string& sql) { connection_->Execute(sql); }

int64_t TestDatabase::QueryInt(const std::string& sql) {
  std::unique_ptr<sql::Statement> statement(connection_->raw().createStatement());
  std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(sql));
  if (!rows->next()) return 0;
  return rows->getInt64(1);
}

std::vector<std::string> TestDatabase::QueryRows(const std::string& sql) {
  std::unique_ptr<sql::Statement> statement(connection_->raw().createStatement());
  std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(sql));
  return RowsAsText(*rows);
}

std::string TestDatabase::Snapshot(const std::vector<std::string>& tables) {
  std::string snapshot;
  for (const std::string& table : tables) {
    // The outbox's cursor columns are written after commit by the sequencer, whenever it
    // runs: what a call wrote is the rows themselves.
    const std::string columns =
        table == "event_outbox" ? "id, type, subjects, payload, create_time" : "*";
    absl::StrAppend(
        &snapshot, table, ":",
        absl::StrJoin(
            QueryRows(absl::StrCat("SELECT ", columns, " FROM ", table, " ORDER BY 1, 2")), "\n"),
        "\n");
  }
  return snapshot;
}

}  // namespace huiwu::testing
