#include "common/db/connection.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/statement.h>

#include <functional>
#include <utility>
#include <vector>

namespace huiwu::db {

Connection::Connection(std::unique_ptr<sql::Connection> connection)
    : connection_(std::move(connection)) {}

Connection::~Connection() {
  // Statements must go before their connection.
  statements_.clear();
  try {
    if (connection_ != nullptr) connection_->close();
  } catch (const sql::SQLException&) {
    // Closing an already broken connection fails; nothing to do about it.
  }
}

sql::PreparedStatement& Connection::Prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    std::unique_ptr<sql::PreparedStatement> statement(connection_->prepareStatement(sql));
    it = statements_.emplace(sql, std::move(statement)).first;
  } else {
    it->second->clearParameters();
  }
  return *it->second;
}

void Connection::Execute(const std::string& sql) {
  std::unique_ptr<sql::Statement> statement(connection_->createStatement());
  statement->execute(sql);
}

// COMMIT and ROLLBACK go as statements, not through sql::Connection::commit(): in
// Connector/C++ 1.1 that call ignores the server's answer, so a commit that Galera
// refuses at certification (1213), or that loses its connection, would look like a
// success and the caller would report a booking that was never stored.
void Connection::Commit() {
  Execute("COMMIT");
  std::vector<std::function<void()>> after_commit;
  after_commit.swap(after_commit_);
  for (auto& callback : after_commit) callback();
}

void Connection::Rollback() {
  after_commit_.clear();
  Execute("ROLLBACK");
}

void Connection::AfterCommit(std::function<void()> callback) {
  after_commit_.push_back(std::move(callback));
}

void Connection::SetAutocommit(bool on) {
  if (autocommit_ == on) return;
  connection_->setAutoCommit(on);
  autocommit_ = on;
}

bool Connection::IsAlive() {
  try {
    return connection_->isValid();
  } catch (const sql::SQLException&) {
    return false;
  }
}

}  // namespace huiwu::db
