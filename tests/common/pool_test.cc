// db::ConnectionPool against the real test MariaDB: reads and transactions each get an
// idle connection already in their autocommit mode, so a service that alternates them
// does not pay a SET autocommit round trip on every call; a call waits for a connection
// only until its own deadline (issue 13: excess work queues, a call whose deadline cannot
// be met is answered DEADLINE_EXCEEDED).
#include "common/db/pool.h"

#include <set>

#include "absl/time/clock.h"
#include "common/db/transaction.h"
#include "gtest/gtest.h"
#include "tests/support/test_database.h"

namespace huiwu::db {
namespace {

TEST(ConnectionPoolTest, ReadsAndTransactionsKeepToConnectionsAlreadyInTheirMode) {
  testing::TestDatabase database;
  ConnectionPool pool(database.config(), nullptr);
  {
    // Two connections open and idle.
    auto first = pool.Acquire();
    auto second = pool.Acquire();
    ASSERT_TRUE(first.ok() && second.ok());
  }
  std::set<const Connection*> readers;
  std::set<const Connection*> writers;
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(ReadOnly(pool, "read", [&](Connection& c) {
                  readers.insert(&c);
                  return absl::OkStatus();
                }).ok());
    ASSERT_TRUE(InTransaction(pool, "write", [&](Connection& c) {
                  writers.insert(&c);
                  return absl::OkStatus();
                }).ok());
  }
  // The most recently used connection alone would have served all twenty, switching
  // modes every time.
  ASSERT_EQ(readers.size(), 1u);
  ASSERT_EQ(writers.size(), 1u);
  EXPECT_NE(*readers.begin(), *writers.begin());
}

TEST(ConnectionPoolTest, AWorkFindsNoConnectionOfItsModeAndTakesAnother) {
  testing::TestDatabase database;
  ConnectionPool pool(database.config(), nullptr);
  const Connection* only = nullptr;
  ASSERT_TRUE(InTransaction(pool, "write", [&](Connection& c) {
                only = &c;
                return absl::OkStatus();
              }).ok());
  bool autocommit_in_read = false;
  ASSERT_TRUE(ReadOnly(pool, "read", [&](Connection& c) {
                EXPECT_EQ(&c, only) << "an idle connection is reused, not a new one opened";
                autocommit_in_read = c.autocommit();
                return absl::OkStatus();
              }).ok());
  EXPECT_TRUE(autocommit_in_read);
}

TEST(ConnectionPoolTest, ACallWaitsForAConnectionOnlyUntilItsDeadline) {
  testing::TestDatabase database;
  config::DatabaseConfig config = database.config();
  config.pool_size = 1;
  config.acquire_timeout = absl::Seconds(20);
  ConnectionPool pool(config, nullptr);
  auto busy = pool.Acquire();
  ASSERT_TRUE(busy.ok());
  const absl::Time start = absl::Now();
  {
    CallDeadline deadline(start + absl::Milliseconds(300));
    auto waited = pool.Acquire();
    ASSERT_FALSE(waited.ok());
    EXPECT_EQ(waited.status().code(), absl::StatusCode::kDeadlineExceeded) << waited.status();
  }
  const absl::Duration took = absl::Now() - start;
  EXPECT_GE(took, absl::Milliseconds(300));
  EXPECT_LT(took, absl::Seconds(10)) << "it waited for the pool's timeout, not the call's";
  EXPECT_EQ(CallDeadline::Current(), absl::InfiniteFuture()) << "the scope ended";
}

TEST(ConnectionPoolTest, ACallWhoseCallerHasGivenUpDoesNoDatabaseWork) {
  testing::TestDatabase database;
  ConnectionPool pool(database.config(), nullptr);
  CallDeadline deadline(absl::Now() - absl::Milliseconds(1));
  bool ran = false;
  const absl::Status status = InTransaction(pool, "late", [&](Connection&) {
    ran = true;
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  EXPECT_FALSE(ran);
}

}  // namespace
}  // namespace huiwu::db
