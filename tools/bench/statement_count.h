// How many SQL statements one call costs the database, counted by the server itself: the
// difference in SHOW GLOBAL STATUS 'Questions' (every statement a client sent, prepared
// executions included) over calls made one after another. Whatever else talks to the
// server meanwhile (the event sequencer, health checks: a few statements a second) is
// counted too, which is small against hundreds of calls. It tells where a write's time
// goes: a row's round trips, next to the bare transaction's 7.
#ifndef HUIWU_TOOLS_BENCH_STATEMENT_COUNT_H_
#define HUIWU_TOOLS_BENCH_STATEMENT_COUNT_H_

#include <cstdint>
#include <memory>

#include "absl/status/statusor.h"
#include "common/config/config.h"
#include "common/db/connection.h"
#include "common/db/pool.h"
#include "tools/bench/load.h"

namespace huiwu::bench {

class StatementCounter final {
 public:
  explicit StatementCounter(const config::DatabaseConfig& database);

  // Statements per call over `calls` calls of `call`, one at a time; an error when a call
  // failed or the server could not be asked.
  absl::StatusOr<double> PerCall(const CallFn& call, int calls);

 private:
  absl::StatusOr<int64_t> Questions();

  db::ConnectionPool pool_;
  std::unique_ptr<db::Connection> connection_;
};

}  // namespace huiwu::bench

#endif  // HUIWU_TOOLS_BENCH_STATEMENT_COUNT_H_
