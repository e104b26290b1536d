// A bounded pool of database connections. Connections open lazily up to the pool size;
// a connection that failed, or sat idle past a lost-connection event, is checked and
// replaced before it is handed out, so a MariaDB restart heals without a process restart.
#ifndef HUIWU_COMMON_DB_POOL_H_
#define HUIWU_COMMON_DB_POOL_H_

#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/config/config.h"
#include "common/db/connection.h"

namespace prometheus {
class Registry;
class Counter;
class Gauge;
class Histogram;
}  // namespace prometheus

namespace huiwu::db {

class ConnectionPool;

// The deadline of the call being served on this thread (gRPC's, set by CallGate around a
// handler): a connection is not waited for past it, and a call whose caller has already
// given up does no database work. Infinite where no call is being served.
class CallDeadline final {
 public:
  explicit CallDeadline(absl::Time deadline);
  ~CallDeadline();
  CallDeadline(const CallDeadline&) = delete;
  CallDeadline& operator=(const CallDeadline&) = delete;

  static absl::Time Current();

 private:
  absl::Time previous_;
};

// A connection on loan; goes back to the pool (or is discarded if broken) when destroyed.
class Lease final {
 public:
  Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection);
  Lease(Lease&& other) noexcept = default;
  Lease& operator=(Lease&&) = delete;
  ~Lease();

  Connection* operator->() { return connection_.get(); }
  Connection& operator*() { return *connection_; }

 private:
  ConnectionPool* pool_;
  std::unique_ptr<Connection> connection_;
};

class ConnectionPool final {
 public:
  // `registry` may be null (no metrics). Does not connect yet.
  ConnectionPool(config::DatabaseConfig config, prometheus::Registry* registry);
  ~ConnectionPool();

  // Waits up to the acquire timeout for a connection. UNAVAILABLE when the database
  // cannot be reached or every connection stays busy; DEADLINE_EXCEEDED when the call's
  // deadline (CallDeadline) comes first, or has passed already. Among the idle connections it
  // takes, when there is one, the most recently used one already in the mode `work`
  // needs: switching autocommit is a round trip, and a service that alternates reads
  // and transactions would otherwise pay it twice per call (issue 13).
  enum class Work { kTransaction, kRead };
  absl::StatusOr<Lease> Acquire(Work work = Work::kTransaction);

  // Opens a connection outside the pool (the health checker's own), with `database`
  // selected or, when `select_database` is false, none (to create the database).
  absl::StatusOr<std::unique_ptr<Connection>> OpenConnection(bool select_database = true);

  // Called after a lost-connection error: idle connections are checked before reuse.
  void NoteConnectionLost();

  const config::DatabaseConfig& config() const { return config_; }

  // InTransaction's outcomes on this pool's connections (transaction.h), in the pool's
  // registry; all null without one. Owned with the pool rather than process-wide: in a
  // process hosting several services (the tests, the bench), one service stopping must
  // not leave another counting into its freed registry.
  struct TransactionCounters {
    prometheus::Counter* committed = nullptr;
    prometheus::Counter* rolled_back = nullptr;
    prometheus::Counter* failed = nullptr;
    prometheus::Counter* retried_conflict = nullptr;
    prometheus::Counter* retried_connection = nullptr;
  };
  const TransactionCounters& transaction_counters() const { return transaction_counters_; }

 private:
  friend class Lease;
  void Return(std::unique_ptr<Connection> connection);

  struct Metrics {
    prometheus::Gauge* max = nullptr;
    prometheus::Gauge* open = nullptr;
    prometheus::Gauge* in_use = nullptr;
    prometheus::Counter* acquire_timeouts = nullptr;
    prometheus::Counter* connect_failures = nullptr;
    prometheus::Counter* replaced = nullptr;
    prometheus::Histogram* acquire_seconds = nullptr;
  };

  const config::DatabaseConfig config_;
  Metrics metrics_;
  TransactionCounters transaction_counters_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;  // idle + on loan + being opened
  absl::Time lost_at_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

// Creates the driver; call once from main before any thread starts (PLATFORM.md).
void InitDriver();

}  // namespace huiwu::db

#endif  // HUIWU_COMMON_DB_POOL_H_
