// Migrations against the real test MariaDB, including several replicas migrating one
// empty database at the same moment.
#include "common/db/migrations.h"

#include <thread>

#include "absl/synchronization/barrier.h"
#include "gtest/gtest.h"
#include "tests/support/test_database.h"

namespace huiwu::db {
namespace {

const std::vector<Migration>& TestMigrations() {
  static const auto* migrations = new std::vector<Migration>{
      {1, "first", "CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY);\n"},
      {2, "second",
       "CREATE TABLE IF NOT EXISTS b (id INT PRIMARY KEY);\n"
       "INSERT INTO a VALUES (1);\n"},
  };
  return *migrations;
}

TEST(MigrationsTest, AppliesEachMigrationOnceInOrder) {
  testing::TestDatabase database;
  ConnectionPool pool(database.config(), nullptr);
  ASSERT_TRUE(ApplyMigrations(pool, TestMigrations()).ok());
  ASSERT_TRUE(ApplyMigrations(pool, TestMigrations()).ok());  // a restart: nothing to do
  EXPECT_EQ(database.QueryRows("SELECT version, name FROM schema_migrations ORDER BY version"),
            (std::vector<std::string>{"1|first", "2|second"}));
  // Migration 2's INSERT ran exactly once (a second run would have failed on the key).
  EXPECT_EQ(database.QueryInt("SELECT COUNT(*) FROM a"), 1);
}

TEST(MigrationsTest, ConcurrentReplicasEndWithOneCorrectSchema) {
  testing::TestDatabase database;
  constexpr int kReplicas = 6;
  absl::Barrier* start = new absl::Barrier(kReplicas);
  std::vector<absl::Status> results(kReplicas);
  std::vector<std::thread> replicas;
  for (int i = 0; i < kReplicas; ++i) {
    replicas.emplace_back([&, i] {
      ConnectionPool pool(database.config(), nullptr);  // each replica its own pool
      if (start->Block()) delete start;
      results[i] = ApplyMigrations(pool, TestMigrations());
    });
  }
  for (auto& t : replicas) t.join();
  for (const auto& status : results) EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(database.QueryInt("SELECT COUNT(*) FROM schema_migrations"), 2);
  EXPECT_EQ(database.QueryInt("SELECT COUNT(*) FROM a"), 1);
}

TEST(MigrationsTest, AFailingMigrationIsReportedAndNotRecorded) {
  testing::TestDatabase database;
  ConnectionPool pool(database.config(), nullptr);
  std::vector<Migration> broken = {{1, "broken", "CREATE TABLE oops (;\n"}};
  EXPECT_FALSE(ApplyMigrations(pool, broken).ok());
  EXPECT_EQ(database.QueryInt("SELECT COUNT(*) FROM schema_migrations"), 0);
}

}  // namespace
}  // namespace huiwu::db
