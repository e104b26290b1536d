#include "tools/bench/statement_count.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <string>

#include "absl/strings/str_cat.h"

namespace huiwu::bench {

StatementCounter::StatementCounter(const config::DatabaseConfig& database)
    : pool_(database, nullptr) {}

absl::StatusOr<int64_t> StatementCounter::Questions() {
  if (connection_ == nullptr) {
    auto opened = pool_.OpenConnection(/*select_database=*/false);
    if (!opened.ok()) return opened.status();
    connection_ = *std::move(opened);
    connection_->SetAutocommit(true);
  }
  try {
    std::unique_ptr<sql::Statement> statement(connection_->raw().createStatement());
    std::unique_ptr<sql::ResultSet> row(
        statement->executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'"));
    if (!row->next()) return absl::InternalError("the server has no Questions counter");
    return std::stoll(std::string(row->getString(2)));
  } catch (const sql::SQLException& e) {
    return absl::InternalError(absl::StrCat("counting statements: ", e.what()));
  }
}

absl::StatusOr<double> StatementCounter::PerCall(const CallFn& call, int calls) {
  absl::StatusOr<int64_t> before = Questions();
  if (!before.ok()) return before.status();
  for (int n = 0; n < calls; ++n) {
    std::string label;
    const grpc::Status status = call(0, n, &label);
    if (!status.ok()) {
      return absl::InternalError(absl::StrCat("a counted call failed: ", status.error_message()));
    }
  }
  absl::StatusOr<int64_t> after = Questions();
  if (!after.ok()) return after.status();
  // The second SHOW is a statement too.
  return static_cast<double>(*after - *before - 1) / calls;
}

}  // namespace huiwu::bench
