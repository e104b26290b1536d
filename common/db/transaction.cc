#include "common/db/transaction.h"

#include <cppconn/exception.h>

#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/audit/audit_scope.h"
#include "common/db/idempotency.h"
#include "common/db/sql_error.h"
#include "common/log/log.h"
#include "common/status/errors.h"
#include "prometheus/counter.h"

namespace huiwu::db {
namespace {

using Counters = ConnectionPool::TransactionCounters;

thread_local ScopedCommitHook* t_commit_hook = nullptr;

void Count(const ConnectionPool& pool, prometheus::Counter* Counters::*counter) {
  prometheus::Counter* count = pool.transaction_counters().*counter;
  if (count != nullptr) count->Increment();
}

// Full jitter: a uniformly random wait up to the exponential cap, so that the losers of
// one race do not collide again in lockstep.
absl::Duration Backoff(const RetryPolicy& policy, int attempt) {
  thread_local std::mt19937_64 random(std::random_device{}());
  absl::Duration cap = policy.initial_backoff * (1 << std::min(attempt, 16));
  if (cap > policy.max_backoff) cap = policy.max_backoff;
  std::uniform_int_distribution<int64_t> pick(0, absl::ToInt64Microseconds(cap));
  return absl::Microseconds(pick(random));
}

// On Galera a local transaction can be rolled back by the cluster at any moment after
// its first write (a brute-force abort: a write set from another node that won the
// same rows). The server reports it to the next statement — but not always: the tests
// caught a kit reservation whose kit and stock update were rolled back while its last
// statement (the event) and the COMMIT went through in a new transaction, answered OK
// (tests/cluster/galera_inventory_test). A savepoint taken at the start is gone after
// any rollback, so releasing it just before COMMIT proves that the transaction being
// committed is the one that did all the work; if it is gone, the whole transaction is
// retried like any other conflict.
constexpr char kSavepoint[] = "SAVEPOINT huiwu_transaction";
constexpr char kReleaseSavepoint[] = "RELEASE SAVEPOINT huiwu_transaction";
constexpr int kErSavepointDoesNotExist = 1305;

void BeginGuard(Connection& connection) {
  if (connection.on_galera()) connection.Execute(kSavepoint);
}

void CheckGuard(Connection& connection) {
  if (!connection.on_galera()) return;
  try {
    connection.Execute(kReleaseSavepoint);
  } catch (const sql::SQLException& e) {
    if (e.getErrorCode() != kErSavepointDoesNotExist) throw;
    log::Warning("transaction_lost", {{"message", e.what()},
                                      {"why",
                                       "rolled back by the cluster before COMMIT; "
                                       "retrying the whole transaction"}});
    throw sql::SQLException("the transaction was rolled back by the cluster before COMMIT", "40001",
                            kErLockDeadlock);
  }
}

void RollbackQuietly(Connection& connection) {
  try {
    connection.Rollback();
  } catch (const sql::SQLException&) {
    connection.MarkBroken();
  }
}

}  // namespace

absl::Status InTransaction(ConnectionPool& pool, absl::string_view name,
                           absl::FunctionRef<absl::Status(Connection&)> work,
                           const RetryPolicy& policy) {
  for (int attempt = 1;; ++attempt) {
    auto lease = pool.Acquire();
    if (!lease.ok()) {
      Count(pool, &Counters::failed);
      return lease.status();
    }
    Connection& connection = **lease;
    int error_code = 0;
    std::string sql_state;
    std::string message;
    bool committing = false;
    // The mutation being done, if any: its audit record commits with it.
    audit::Scope* audit = audit::Scope::Current();
    try {
      connection.SetAutocommit(false);
      BeginGuard(connection);
      if (audit != nullptr) audit->BeginAttempt();
      absl::Status status = work(connection);
      ScopedCommitHook* hook = t_commit_hook;
      const bool with_hook = hook != nullptr && !hook->committed_;
      if (status.ok() && with_hook) status = hook->work_(connection);
      if (!status.ok()) {
        RollbackQuietly(connection);
        Count(pool, &Counters::rolled_back);
        return status;
      }
      if (audit != nullptr) audit->BeforeCommit(connection);
      CheckGuard(connection);
      committing = true;
      connection.Commit();
      if (with_hook) hook->committed_ = true;
      if (audit != nullptr) audit->Committed();
      Count(pool, &Counters::committed);
      return absl::OkStatus();
    } catch (const sql::SQLException& e) {
      error_code = e.getErrorCode();
      sql_state = e.getSQLState();
      message = e.what();
    } catch (const RequestIdReused& e) {
      RollbackQuietly(connection);
      Count(pool, &Counters::rolled_back);
      return e.status();
    } catch (...) {
      // Not a driver error: a bug. Leave no transaction open on the pooled connection.
      RollbackQuietly(connection);
      Count(pool, &Counters::failed);
      throw;
    }
    const ErrorClass error_class = Classify(error_code);
    if (error_class == ErrorClass::kConnectionLost) {
      connection.MarkBroken();
      pool.NoteConnectionLost();
    } else {
      RollbackQuietly(connection);
    }
    // The connection went while COMMIT was on its way: the server may have committed
    // and only the answer been lost. Running the work again could do it twice (a
    // receipt posted twice, a hazard escalated twice), so the caller hears that the
    // outcome is unknown; a retry with the same request_id returns the first result.
    if (committing && CommitOutcomeUnknown(error_code)) {
      Count(pool, &Counters::failed);
      log::Warning(
          "commit_outcome_unknown",
          {{"what", name}, {"error_code", absl::StrCat(error_code)}, {"message", message}});
      return ErrorWithReason(absl::StatusCode::kUnavailable, "COMMIT_OUTCOME_UNKNOWN",
                             "the database connection was lost while committing, so the "
                             "change may or may not have been made; retry with the same "
                             "request_id (the first result is returned), or read first");
    }
    const bool retryable =
        error_class == ErrorClass::kConflict || error_class == ErrorClass::kConnectionLost;
    if (!retryable || attempt >= policy.max_attempts) {
      Count(pool, &Counters::failed);
      return FromSqlError(error_code, sql_state, message,
                          absl::StrCat(name, " (attempt ", attempt, ")"));
    }
    Count(pool, error_class == ErrorClass::kConflict ? &Counters::retried_conflict
                                                     : &Counters::retried_connection);
    absl::SleepFor(Backoff(policy, attempt));
  }
}

ScopedCommitHook::ScopedCommitHook(std::function<absl::Status(Connection&)> work)
    : work_(std::move(work)) {
  t_commit_hook = this;
}

ScopedCommitHook::~ScopedCommitHook() { t_commit_hook = nullptr; }

absl::Status ReadOnly(ConnectionPool& pool, absl::string_view name,
                      absl::FunctionRef<absl::Status(Connection&)> work,
                      const RetryPolicy& policy) {
  for (int attempt = 1;; ++attempt) {
    auto lease = pool.Acquire(ConnectionPool::Work::kRead);
    if (!lease.ok()) return lease.status();
    Connection& connection = **lease;
    int error_code = 0;
    std::string sql_state;
    std::string message;
    try {
      connection.SetAutocommit(true);
      return work(connection);
    } catch (const sql::SQLException& e) {
      error_code = e.getErrorCode();
      sql_state = e.getSQLState();
      message = e.what();
    }
    const ErrorClass error_class = Classify(error_code);
    if (error_class == ErrorClass::kConnectionLost) {
      connection.MarkBroken();
      pool.NoteConnectionLost();
    }
    // A read changes nothing, so running it again is always safe.
    const bool retryable =
        error_class == ErrorClass::kConflict || error_class == ErrorClass::kConnectionLost;
    if (!retryable || attempt >= policy.max_attempts) {
      return FromSqlError(error_code, sql_state, message,
                          absl::StrCat(name, " (attempt ", attempt, ")"));
    }
    absl::SleepFor(Backoff(policy, attempt));
  }
}

}  // namespace huiwu::db
