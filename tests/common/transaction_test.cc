// db::InTransaction against the real test MariaDB: whole-transaction retry on a
// deadlock and on a killed connection, one wait only on a lock wait timeout; no retry
// for other errors; rollback when the work refuses; on Galera, no commit of work the
// server rolled back underneath.
#include "common/db/transaction.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/db/sql_error.h"
#include "common/status/errors.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"
#include "tests/support/test_database.h"

namespace huiwu::db {
namespace {

class TransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_.Execute("CREATE TABLE counters (id INT PRIMARY KEY, value INT NOT NULL)");
    database_.Execute("INSERT INTO counters VALUES (1, 0)");
    config::DatabaseConfig config = database_.config();
    config.lock_wait_timeout = absl::Seconds(1);
    pool_ = std::make_unique<ConnectionPool>(config, nullptr);
  }

  static void Increment(Connection& c) {
    c.Prepare("UPDATE counters SET value = value + 1 WHERE id = 1").executeUpdate();
  }

  // After a failed transaction (the counter still 0): the pool's next one commits.
  void ExpectTheNextTransactionCommits() {
    EXPECT_TRUE(InTransaction(*pool_, "after", [&](Connection& c) {
                  Increment(c);
                  return absl::OkStatus();
                }).ok());
    EXPECT_EQ(database_.QueryInt("SELECT value FROM counters WHERE id = 1"), 1);
  }

  testing::TestDatabase database_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(TransactionTest, AnswersALockWaitTimeoutAtOnceWithoutWaitingAgain) {
  // Another session holds the row for longer than the lock wait (1 s here): one wait,
  // then ABORTED; six waits would keep a caller past any sensible deadline.
  auto blocker = pool_->OpenConnection();
  ASSERT_TRUE(blocker.ok());
  (*blocker)->Execute("UPDATE counters SET value = value WHERE id = 1");
  int attempts = 0;
  const absl::Time start = absl::Now();
  absl::Status status = InTransaction(*pool_, "test", [&](Connection& c) {
    ++attempts;
    Increment(c);
    return absl::OkStatus();
  });
  const absl::Duration took = absl::Now() - start;
  (*blocker)->Rollback();
  EXPECT_EQ(status.code(), absl::StatusCode::kAborted) << status;
  EXPECT_EQ(ReasonOf(status), "LOCK_WAIT_TIMEOUT");
  EXPECT_EQ(attempts, 1);
  EXPECT_LT(took, absl::Seconds(2)) << "waited more than once";
  EXPECT_EQ(database_.QueryInt("SELECT value FROM counters WHERE id = 1"), 0);
  // The connection that waited is usable again.
  ExpectTheNextTransactionCommits();
}

// A deadlock (or a Galera certification failure, the same 1213) is a lost race that a
// rerun usually wins: the whole transaction runs again.
TEST_F(TransactionTest, RetriesTheWholeTransactionAfterADeadlock) {
  int attempts = 0;
  absl::Status status = InTransaction(*pool_, "test", [&](Connection& c) {
    Increment(c);
    if (++attempts == 1) throw sql::SQLException("Deadlock found", "40001", kErLockDeadlock);
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(database_.QueryInt("SELECT value FROM counters WHERE id = 1"), 1)
      << "the first attempt's increment was rolled back";
}

// A Galera node cut off from the majority refuses to commit ("Error while appending
// streaming replication fragment (Not connected to Primary Component)", 1180): nothing
// was committed, so the whole transaction runs again, like after a lost connection,
// and never ends as INTERNAL (the Galera fault test saw CreateMeeting answer INTERNAL).
TEST_F(TransactionTest, RetriesWhenTheNodeRefusedToCommitOutsideThePrimaryComponent) {
  int attempts = 0;
  absl::Status status = InTransaction(*pool_, "test", [&](Connection& c) {
    Increment(c);
    if (++attempts == 1) {
      throw sql::SQLException("Not connected to Primary Component", "HY000", kErErrorDuringCommit);
    }
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(database_.QueryInt("SELECT value FROM counters WHERE id = 1"), 1);
}

TEST_F(TransactionTest, GivesUpWithAbortedWhenTheConflictPersists) {
  int attempts = 0;
  absl::Status status = InTransaction(
      *pool_, "test",
      [&](Connection& c) -> absl::Status {
        ++attempts;
        Increment(c);
        throw sql::SQLException("Deadlock found", "40001", kErLockDeadlock);
      },
      RetryPolicy{.max_attempts = 2});
  EXPECT_EQ(status.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ReasonOf(status), "CONCURRENT_MODIFICATION");
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(database_.QueryInt("SELECT value FROM counters WHERE id = 1"), 0);
}

TEST_F(TransactionTest, ReplacesAKilledConnectionAndRetries) {
  int64_t first_connection_id = 0;
  ASSERT_TRUE(InTransaction(*pool_, "remember", [&](Connection& c) {
                std::unique_ptr<sql::ResultSet> row(
                    c.Prepare("SELECT CONNECTION_ID()").executeQuery());
                row->next();
                first_connection_id = row->getInt64(1);
                return absl::OkStatus();
              }).ok());
  // The server drops the pooled connection (as on a MariaDB restart or failover).
  database_.Execute(absl::StrCat("KILL CONNECTION ", first_connection_id));
  int attempts = 0;
  absl::Status status = InTransaction(*pool_, "test", [&](Connection& c) {
    ++attempts;
    Increment(c);
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(database_.QueryInt("SELECT value FROM counters WHERE id = 1"), 1);
}

TEST_F(TransactionTest, ACommitWhoseConnectionIsLostIsNeverReportedAsSuccessNorRunAgain) {
  // The connection dies between the work and its COMMIT (the server gone, or the answer
  // to COMMIT lost on the way): from here it cannot be told whether the server
  // committed. Running the work again could do it twice, so the answer is UNAVAILABLE,
  // outcome unknown (here the server had rolled it back: nothing was stored).
  int attempts = 0;
  absl::Status status = InTransaction(*pool_, "test", [&](Connection& c) {
    Increment(c);
    ++attempts;
    std::unique_ptr<sql::ResultSet> row(c.Prepare("SELECT CONNECTION_ID()").executeQuery());
    row->next();
    database_.Execute(absl::StrCat("KILL CONNECTION ", row->getInt64(1)));
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_EQ(ReasonOf(status), "COMMIT_OUTCOME_UNKNOWN");
  EXPECT_EQ(attempts, 1) << "the work ran again after a COMMIT of unknown outcome";
  EXPECT_EQ(database_.QueryInt("SELECT value FROM counters WHERE id = 1"), 0);
  // The pool replaced the connection: the next transaction goes through.
  ExpectTheNextTransactionCommits();
}

// On Galera the cluster can roll a transaction back between two statements (a
// brute-force abort) without any later statement saying so (tests/cluster caught one
// whose error fell on a command the server does not answer). What the work does after
// that runs in a new transaction and must not be committed as if it were the whole:
// simulated here by a ROLLBACK inside the work, on a connection marked as on Galera.
TEST_F(TransactionTest, OnGaleraWorkRolledBackUnderneathIsRetriedNotCommittedInPart) {
  database_.Execute("CREATE TABLE notes (attempt INT PRIMARY KEY)");
  {
    auto lease = pool_->Acquire();  // the pool's only connection, reused below
    ASSERT_TRUE(lease.ok());
    (*lease)->set_on_galera(true);
  }
  int attempts = 0;
  absl::Status status = InTransaction(*pool_, "test", [&](Connection& c) {
    EXPECT_TRUE(c.on_galera());
    ++attempts;
    Increment(c);
    if (attempts == 1) c.Execute("ROLLBACK");  // the cluster's, unannounced
    auto& note = c.Prepare("INSERT INTO notes VALUES (?)");
    note.setInt(1, attempts);
    note.executeUpdate();
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(database_.QueryInt("SELECT value FROM counters WHERE id = 1"), 1);
  EXPECT_EQ(database_.QueryRows("SELECT attempt FROM notes"), std::vector<std::string>{"2"})
      << "nothing of the first attempt is committed";
}

TEST_F(TransactionTest, DoesNotRetryOtherErrorsAndHidesTheirDetails) {
  int attempts = 0;
  absl::Status status = InTransaction(*pool_, "test", [&](Connection& c) {
    ++attempts;
    c.Execute("SELECT * FROM no_such_table");
    return absl::OkStatus();
  });
  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(std::string(status.message()).find("no_such_table"), std::string::npos);
}

TEST_F(TransactionTest, RollsBackWhenTheWorkRefuses) {
  absl::Status status = InTransaction(*pool_, "test", [&](Connection& c) {
    Increment(c);
    return absl::FailedPreconditionError("rule says no");
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(database_.QueryInt("SELECT value FROM counters WHERE id = 1"), 0);
}

TEST_F(TransactionTest, AnUnreachableDatabaseIsUnavailable) {
  config::DatabaseConfig config = database_.config();
  config.port = 1;  // nothing listens there
  ConnectionPool pool(config, nullptr);
  absl::Status status = InTransaction(pool, "test", [](Connection&) { return absl::OkStatus(); });
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ReasonOf(status), "DATABASE_UNAVAILABLE");
}

// Each pool counts its own transactions into its own registry (two services in one
// process, as in the tests and the bench): a pool that goes away with its registry takes
// nothing another pool still counts into.
TEST_F(TransactionTest, CountsOutcomesIntoItsOwnPoolsRegistry) {
  const auto counted = [](const prometheus::Registry& registry, const std::string& family,
                          const std::string& label) {
    for (const prometheus::MetricFamily& f : registry.Collect()) {
      if (f.name != family) continue;
      for (const prometheus::ClientMetric& m : f.metric) {
        for (const prometheus::ClientMetric::Label& l : m.label) {
          if (l.value == label) return m.counter.value;
        }
      }
    }
    return -1.0;
  };
  prometheus::Registry kept_registry;
  ConnectionPool kept(database_.config(), &kept_registry);
  {
    auto gone_registry = std::make_unique<prometheus::Registry>();
    auto gone = std::make_unique<ConnectionPool>(database_.config(), gone_registry.get());
    ASSERT_TRUE(InTransaction(*gone, "gone", [&](Connection& c) {
                  Increment(c);
                  return absl::OkStatus();
                }).ok());
    EXPECT_EQ(counted(*gone_registry, "huiwu_db_transactions_total", "committed"), 1);
    EXPECT_EQ(counted(kept_registry, "huiwu_db_transactions_total", "committed"), 0);
    gone.reset();
    gone_registry.reset();
  }
  ASSERT_TRUE(InTransaction(kept, "kept", [&](Connection& c) {
                Increment(c);
                return absl::OkStatus();
              }).ok());
  EXPECT_EQ(InTransaction(kept, "refused",
                          [&](Connection&) { return absl::FailedPreconditionError("no"); })
                .code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(counted(kept_registry, "huiwu_db_transactions_total", "committed"), 1);
  EXPECT_EQ(counted(kept_registry, "huiwu_db_transactions_total", "rolled_back"), 1);
  EXPECT_EQ(database_.QueryInt("SELECT value FROM counters WHERE id = 1"), 2);
}

}  // namespace
}  // namespace huiwu::db
