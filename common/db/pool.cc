#include "common/db/pool.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <mysql_driver.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/sql_error.h"
#include "common/log/log.h"
#include "common/status/errors.h"
#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace huiwu::db {
namespace {

thread_local absl::Time t_call_deadline = absl::InfiniteFuture();

absl::Status CallDeadlinePassed() {
  return ErrorWithReason(absl::StatusCode::kDeadlineExceeded, "DEADLINE_PASSED_WAITING",
                         "the call's deadline passed before a database connection was free; "
                         "nothing was done (retry with a longer deadline, or later)");
}

sql::mysql::MySQL_Driver* Driver() {
  static sql::mysql::MySQL_Driver* driver = sql::mysql::get_mysql_driver_instance();
  return driver;
}

// Connector/C++ needs threadInit()/threadEnd() in every thread that uses it (PLATFORM.md);
// gRPC owns its threads, so each thread registers itself on first use.
void EnsureThreadInitialized() {
  struct ThreadGuard {
    ThreadGuard() { Driver()->threadInit(); }
    ~ThreadGuard() { Driver()->threadEnd(); }
  };
  static thread_local ThreadGuard guard;
}

int Seconds(absl::Duration d) {
  return static_cast<int>(
      std::max<int64_t>(1, absl::ToInt64Seconds(absl::Ceil(d, absl::Seconds(1)))));
}

// Every connection runs in UTC with strict SQL and READ COMMITTED: a locking overlap
// check then always sees the latest committed bookings (PLATFORM.md, isolation pitfall).
std::string SessionSetup(const config::DatabaseConfig& config) {
  return absl::StrCat(
      "SET SESSION time_zone = '+00:00', "
      "sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
      "NO_ENGINE_SUBSTITUTION', tx_isolation = 'READ-COMMITTED', "
      "innodb_lock_wait_timeout = ",
      Seconds(config.lock_wait_timeout),
      ", max_statement_time = ", absl::ToDoubleSeconds(config.statement_timeout));
}

constexpr double kAcquireBuckets[] = {0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5};

}  // namespace

CallDeadline::CallDeadline(absl::Time deadline) : previous_(t_call_deadline) {
  t_call_deadline = std::min(deadline, previous_);
}

CallDeadline::~CallDeadline() { t_call_deadline = previous_; }

absl::Time CallDeadline::Current() { return t_call_deadline; }

void InitDriver() { Driver(); }

Lease::Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
    : pool_(pool), connection_(std::move(connection)) {}

Lease::~Lease() {
  if (connection_ != nullptr) pool_->Return(std::move(connection_));
}

ConnectionPool::ConnectionPool(config::DatabaseConfig config, prometheus::Registry* registry)
    : config_(std::move(config)) {
  if (registry == nullptr) return;
  const prometheus::Labels labels{{"database", config_.database}};
  auto& gauges = prometheus::BuildGauge()
                     .Name("huiwu_db_pool_connections")
                     .Help("Database connections of the pool, by state.")
                     .Register(*registry);
  metrics_.max = &gauges.Add({{"database", config_.database}, {"state", "max"}});
  metrics_.open = &gauges.Add({{"database", config_.database}, {"state", "open"}});
  metrics_.in_use = &gauges.Add({{"database", config_.database}, {"state", "in_use"}});
  metrics_.max->Set(config_.pool_size);
  metrics_.acquire_timeouts = &prometheus::BuildCounter()
                                   .Name("huiwu_db_pool_acquire_timeouts_total")
                                   .Help("Calls that found no free connection in time.")
                                   .Register(*registry)
                                   .Add(labels);
  metrics_.connect_failures = &prometheus::BuildCounter()
                                   .Name("huiwu_db_connect_failures_total")
                                   .Help("Failed attempts to open a database connection.")
                                   .Register(*registry)
                                   .Add(labels);
  metrics_.replaced = &prometheus::BuildCounter()
                           .Name("huiwu_db_pool_replaced_connections_total")
                           .Help("Broken connections discarded and replaced.")
                           .Register(*registry)
                           .Add(labels);
  metrics_.acquire_seconds =
      &prometheus::BuildHistogram()
           .Name("huiwu_db_pool_acquire_seconds")
           .Help("Time waited for a pooled connection.")
           .Register(*registry)
           .Add(labels, prometheus::Histogram::BucketBoundaries(std::begin(kAcquireBuckets),
                                                                std::end(kAcquireBuckets)));
  auto& outcomes = prometheus::BuildCounter()
                       .Name("huiwu_db_transactions_total")
                       .Help("Database transactions by outcome.")
                       .Register(*registry);
  auto& retries = prometheus::BuildCounter()
                      .Name("huiwu_db_transaction_retries_total")
                      .Help("Whole-transaction retries, by cause.")
                      .Register(*registry);
  transaction_counters_ = {
      &outcomes.Add({{"outcome", "committed"}}), &outcomes.Add({{"outcome", "rolled_back"}}),
      &outcomes.Add({{"outcome", "failed"}}), &retries.Add({{"cause", "conflict"}}),
      &retries.Add({{"cause", "connection_lost"}})};
}

ConnectionPool::~ConnectionPool() {
  absl::MutexLock lock(&mu_);
  idle_.clear();
}

absl::StatusOr<std::unique_ptr<Connection>> ConnectionPool::OpenConnection(bool select_database) {
  EnsureThreadInitialized();
  sql::ConnectOptionsMap options;
  options["hostName"] = absl::StrCat("tcp://", config_.host, ":", config_.port);
  options["userName"] = config_.user;
  options["password"] = config_.password;
  if (select_database) options["schema"] = config_.database;
  options["OPT_CONNECT_TIMEOUT"] = Seconds(config_.connect_timeout);
  // Socket reads wait a little longer than the server's own statement limit, so the
  // server's precise error arrives first; a dead server is still noticed.
  options["OPT_READ_TIMEOUT"] = Seconds(config_.statement_timeout + config_.lock_wait_timeout) + 1;
  options["OPT_WRITE_TIMEOUT"] = Seconds(config_.statement_timeout);
  options["OPT_CHARSET_NAME"] = "utf8mb4";
  try {
    auto connection =
        std::make_unique<Connection>(std::unique_ptr<sql::Connection>(Driver()->connect(options)));
    connection->raw().setAutoCommit(false);
    connection->Execute(SessionSetup(config_));
    {
      std::unique_ptr<sql::ResultSet> wsrep(
          connection->Prepare("SELECT @@wsrep_on").executeQuery());
      connection->set_on_galera(wsrep->next() && wsrep->getInt(1) == 1);
    }
    connection->Commit();
    return connection;
  } catch (const sql::SQLException& e) {
    if (metrics_.connect_failures != nullptr) metrics_.connect_failures->Increment();
    log::Warning("db_connect_failed", {{"host", config_.host},
                                       {"port", absl::StrCat(config_.port)},
                                       {"database", config_.database},
                                       {"error_code", absl::StrCat(e.getErrorCode())},
                                       {"message", e.what()}});
    return ErrorWithReason(
        absl::StatusCode::kUnavailable, "DATABASE_UNAVAILABLE",
        absl::StrCat("cannot reach the database at ", config_.host, ":", config_.port,
                     "; retry later (health reports NOT_SERVING until it is back)"));
  }
}

absl::StatusOr<Lease> ConnectionPool::Acquire(Work work) {
  EnsureThreadInitialized();
  const absl::Time start = absl::Now();
  const absl::Time call_deadline = CallDeadline::Current();
  if (call_deadline <= start) return CallDeadlinePassed();
  const absl::Time deadline = std::min(start + config_.acquire_timeout, call_deadline);
  std::unique_ptr<Connection> connection;
  bool open_new = false;
  bool check_first = false;
  {
    absl::MutexLock lock(&mu_);
    auto available = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return !idle_.empty() || open_ < config_.pool_size;
    };
    if (!mu_.AwaitWithDeadline(absl::Condition(&available), deadline)) {
      if (metrics_.acquire_timeouts != nullptr) metrics_.acquire_timeouts->Increment();
      if (deadline == call_deadline) return CallDeadlinePassed();
      return ErrorWithReason(absl::StatusCode::kUnavailable, "DATABASE_POOL_EXHAUSTED",
                             "every database connection stayed busy; retry later");
    }
    if (!idle_.empty()) {
      const bool autocommit = work == Work::kRead;
      auto pick = std::find_if(idle_.rbegin(), idle_.rend(), [autocommit](const auto& idle) {
        return idle->autocommit() == autocommit;
      });
      if (pick == idle_.rend()) pick = idle_.rbegin();
      connection = std::move(*pick);
      idle_.erase(std::next(pick).base());
      check_first = connection->last_used() <= lost_at_;
    } else {
      ++open_;
      open_new = true;
    }
    if (metrics_.in_use != nullptr) metrics_.in_use->Increment();
  }
  if (check_first && !connection->IsAlive()) {
    if (metrics_.replaced != nullptr) metrics_.replaced->Increment();
    connection.reset();
    open_new = true;
  }
  if (open_new) {
    auto opened = OpenConnection();
    if (!opened.ok()) {
      absl::MutexLock lock(&mu_);
      --open_;
      if (metrics_.in_use != nullptr) metrics_.in_use->Decrement();
      if (metrics_.open != nullptr) metrics_.open->Set(open_);
      return opened.status();
    }
    connection = std::move(opened).value();
    absl::MutexLock lock(&mu_);
    if (metrics_.open != nullptr) metrics_.open->Set(open_);
  }
  if (metrics_.acquire_seconds != nullptr) {
    metrics_.acquire_seconds->Observe(absl::ToDoubleSeconds(absl::Now() - start));
  }
  return Lease(this, std::move(connection));
}

void ConnectionPool::Return(std::unique_ptr<Connection> connection) {
  const bool broken = connection->broken();
  if (broken) {
    if (metrics_.replaced != nullptr) metrics_.replaced->Increment();
    connection.reset();  // closes outside the lock
  } else {
    connection->Touch(absl::Now());
  }
  absl::MutexLock lock(&mu_);
  if (broken) {
    --open_;
    if (metrics_.open != nullptr) metrics_.open->Set(open_);
  } else {
    idle_.push_back(std::move(connection));
  }
  if (metrics_.in_use != nullptr) metrics_.in_use->Decrement();
}

void ConnectionPool::NoteConnectionLost() {
  absl::MutexLock lock(&mu_);
  lost_at_ = absl::Now();
}

}  // namespace huiwu::db
