// db::ConnectionPool against the real test MariaDB: reads and transactions each get an
// idle connection already in their autocommit mode, so a service that alternates them
// does not pay a SET autocommit round trip on every call (issue 13).
#include "common/db/pool.h"

#include <set>

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

}  // namespace
}  // namespace huiwu::db
