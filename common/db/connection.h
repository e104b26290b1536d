// One database connection with its prepared statements, each prepared once per
// connection and reused (a prepare costs a round trip and counts against
// max_prepared_stmt_count).
#ifndef HUIWU_COMMON_DB_CONNECTION_H_
#define HUIWU_COMMON_DB_CONNECTION_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"

namespace sql {
class Connection;
class PreparedStatement;
}  // namespace sql

namespace huiwu::db {

class Connection final {
 public:
  explicit Connection(std::unique_ptr<sql::Connection> connection);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Returns the statement for `sql`, prepared on first use, parameters cleared.
  // Throws sql::SQLException like the driver does.
  sql::PreparedStatement& Prepare(const std::string& sql);

  // Runs a statement that takes no parameters (DDL of migrations, SET, COMMIT).
  void Execute(const std::string& sql);

  // Commit runs, after the server accepted it, the callbacks registered by AfterCommit
  // during the transaction (e.g. waking the event sequencer); Rollback drops them.
  void Commit();
  void Rollback();
  void AfterCommit(std::function<void()> callback);

  // Autocommit on: each statement is its own transaction (read-only work, no COMMIT
  // round trip, no snapshot or metadata lock left behind). Off: statements join one
  // transaction until Commit/Rollback (InTransaction, migrations). Sent to the server
  // only when the mode changes.
  void SetAutocommit(bool on);
  bool autocommit() const { return autocommit_; }

  // True when the server answers a ping.
  bool IsAlive();

  sql::Connection& raw() { return *connection_; }

  // True when the server is a Galera node (@@wsrep_on), read once when the pool opens
  // the connection. There a transaction can be rolled back by the cluster between two
  // statements (InTransaction guards its commit against that).
  bool on_galera() const { return on_galera_; }
  void set_on_galera(bool on) { on_galera_ = on; }

  bool broken() const { return broken_; }
  void MarkBroken() { broken_ = true; }
  absl::Time last_used() const { return last_used_; }
  void Touch(absl::Time now) { last_used_ = now; }

 private:
  std::unique_ptr<sql::Connection> connection_;
  absl::flat_hash_map<std::string, std::unique_ptr<sql::PreparedStatement>> statements_;
  bool broken_ = false;
  bool on_galera_ = false;
  bool autocommit_ = false;  // the pool opens connections with autocommit off
  absl::Time last_used_ = absl::InfinitePast();
  std::vector<std::function<void()>> after_commit_;
};

}  // namespace huiwu::db

#endif  // HUIWU_COMMON_DB_CONNECTION_H_
