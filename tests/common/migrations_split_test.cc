#include "common/db/migrations.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace huiwu::db {
namespace {

using ::testing::ElementsAre;

TEST(SplitStatementsTest, SplitsAtLineEndingSemicolonsAndDropsComments) {
  const std::string sql =
      "-- a comment; with a semicolon\n"
      "CREATE TABLE a (\n  x INT -- trailing; comment stays inside\n);\n"
      "\n"
      "INSERT INTO a VALUES (1);\n"
      "UPDATE a SET x = 2";
  EXPECT_THAT(SplitStatements(sql),
              ElementsAre("CREATE TABLE a (\n  x INT -- trailing; comment stays inside\n)",
                          "INSERT INTO a VALUES (1)", "UPDATE a SET x = 2"));
}

TEST(SplitStatementsTest, KeepsSemicolonsInsideALine) {
  EXPECT_THAT(SplitStatements("INSERT INTO t VALUES ('a;b');\n"),
              ElementsAre("INSERT INTO t VALUES ('a;b')"));
}

}  // namespace
}  // namespace huiwu::db
