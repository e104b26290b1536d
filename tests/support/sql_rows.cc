#include "tests/support/sql_rows.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "common/db/pool.h"

namespace huiwu::testing {

namespace {

// An autocommit statement on a connection of its own.
std::unique_ptr<sql::Statement> NewStatement(const config::DatabaseConfig& database,
                                             std::unique_ptr<db::Connection>& connection) {
  db::ConnectionPool pool(database, nullptr);
  auto opened = pool.OpenConnection();
  if (!opened.ok()) {
    std::fprintf(stderr, "cannot reach the database on port %d: %s\n", database.port,
                 opened.status().ToString().c_str());
    std::abort();
  }
  connection = *std::move(opened);
  connection->raw().setAutoCommit(true);
  return std::unique_ptr<sql::Statement>(connection->raw().createStatement());
}

}  // namespace

std::vector<std::string> RowsAsText(sql::ResultSet& rows) {
  const unsigned columns = rows.getMetaData()->getColumnCount();
  std::vector<std::string> result;
  while (rows.next()) {
    std::vector<std::string> values;
    for (unsigned i = 1; i <= columns; ++i) {
      values.push_back(rows.isNull(i) ? "NULL" : std::string(rows.getString(i)));
    }
    result.push_back(absl::StrJoin(values, "|"));
  }
  return result;
}

std::vector<std::string> QueryRows(const config::DatabaseConfig& database, const std::string& sql) {
  std::unique_ptr<db::Connection> connection;
  std::unique_ptr<sql::Statement> statement = NewStatement(database, connection);
  if (connection->on_galera()) statement->execute("SET SESSION wsrep_sync_wait = 1");
  std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(sql));
  return RowsAsText(*rows);
}

int64_t QueryInt(const config::DatabaseConfig& database, const std::string& sql) {
  const std::vector<std::string> rows = QueryRows(database, sql);
  int64_t value = 0;
  if (!rows.empty() && !absl::SimpleAtoi(rows.front(), &value)) {
    std::fprintf(stderr, "not an integer from port %d: %s\n", database.port, rows.front().c_str());
    std::abort();
  }
  return value;
}

int64_t ExecuteSql(const config::DatabaseConfig& database, const std::string& sql) {
  std::unique_ptr<db::Connection> connection;
  std::unique_ptr<sql::Statement> statement = NewStatement(database, connection);
  return statement->executeUpdate(sql);
}

}  // namespace huiwu::testing
