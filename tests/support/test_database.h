// A fresh database per test on the shared test server, dropped afterwards, plus
// direct SQL for assertions on what was (or was not) written.
#ifndef HUIWU_TESTS_SUPPORT_TEST_DATABASE_H_
#define HUIWU_TESTS_SUPPORT_TEST_DATABASE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/config/config.h"
#include "common/db/pool.h"

namespace huiwu::testing {

class TestDatabase final {
 public:
  TestDatabase();  // creates an empty database with a unique name
  ~TestDatabase();

  const std::string& name() const { return name_; }
  const config::DatabaseConfig& config() const { return config_; }

  // Runs a statement without parameters (test set-up only).
  void Execute(const std::string& sql);
  // The first column of the first row as an integer (e.g. SELECT COUNT(*) …).
  int64_t QueryInt(const std::string& sql);
  // Every row's columns joined by '|', for comparing table contents.
  std::vector<std::string> QueryRows(const std::string& sql);
  // A fingerprint of the tables' full contents: equal before and after means untouched.
  std::string Snapshot(const std::vector<std::string>& tables);

 private:
  std::string name_;
  config::DatabaseConfig config_;
  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<db::Connection> connection_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_TEST_DATABASE_H_
