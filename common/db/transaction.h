// Runs a unit of work in one transaction and retries the WHOLE transaction when the
// database says it lost a race (deadlock or Galera certification failure, 1213) or the
// connection (2006/2013 …): bounded, jittered attempts. A retried transaction re-reads
// everything, so a retry never acts on stale reads. A lock wait timeout (1205) is not
// retried: the row was held for the whole wait, so another wait would most likely end
// the same way, and six of them would keep the caller past any deadline; the caller
// gets ABORTED (LOCK_WAIT_TIMEOUT) after one wait and decides.
#ifndef HUIWU_COMMON_DB_TRANSACTION_H_
#define HUIWU_COMMON_DB_TRANSACTION_H_

#include <functional>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/pool.h"

namespace huiwu::db {

struct RetryPolicy {
  int max_attempts = 6;
  absl::Duration initial_backoff = absl::Milliseconds(2);
  absl::Duration max_backoff = absl::Milliseconds(100);
};

// Runs `work` on a pooled connection and commits when it returns OK; rolls back when it
// returns an error (which is returned as is) or throws. `name` labels logs and metrics.
// Driver errors thrown by `work` are retried or mapped by FromSqlError.
absl::Status InTransaction(ConnectionPool& pool, absl::string_view name,
                           absl::FunctionRef<absl::Status(Connection&)> work,
                           const RetryPolicy& policy = {});

// Runs read-only `work` on a pooled connection in autocommit mode: every statement sees
// the latest committed data and no transaction is opened, committed or left behind — a
// primary-key read is one round trip. (Sessions run READ COMMITTED, so a transaction
// would not give several statements one snapshot either.) Work that writes or locks
// rows belongs in InTransaction. Lost connections and deadlocks are retried.
absl::Status ReadOnly(ConnectionPool& pool, absl::string_view name,
                      absl::FunctionRef<absl::Status(Connection&)> work,
                      const RetryPolicy& policy = {});

// Work that joins the next transaction this thread commits through InTransaction: it
// runs inside it, right before COMMIT, once. An error from it rolls the transaction
// back and is returned. The event consumer writes its cursor this way, so that an
// event's effect, made by the service's ordinary store code, and the consumer's
// position commit together (common/events/subscription.h). Not nestable.
class ScopedCommitHook final {
 public:
  explicit ScopedCommitHook(std::function<absl::Status(Connection&)> work);
  ~ScopedCommitHook();
  ScopedCommitHook(const ScopedCommitHook&) = delete;
  ScopedCommitHook& operator=(const ScopedCommitHook&) = delete;

  // True once a transaction that ran the work has committed.
  bool committed() const { return committed_; }

 private:
  friend absl::Status InTransaction(ConnectionPool&, absl::string_view,
                                    absl::FunctionRef<absl::Status(Connection&)>,
                                    const RetryPolicy&);
  std::function<absl::Status(Connection&)> work_;
  bool committed_ = false;
};

}  // namespace huiwu::db

#endif  // HUIWU_COMMON_DB_TRANSACTION_H_
