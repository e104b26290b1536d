// The four real service binaries, each on its own fresh database in the test MariaDB,
// wired to each other as an admin wires them (--*_target), on ports reserved before any
// starts (booking asks safety; safety, staffing and inventory follow booking). A service
// can be killed and started again on the same port and database.
#ifndef HUIWU_TESTS_E2E_SUITE_H_
#define HUIWU_TESTS_E2E_SUITE_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "tests/support/child_process.h"
#include "tests/support/reserved_port.h"
#include "tests/support/test_database.h"

namespace huiwu::testing {

class Suite final {
 public:
  static const std::vector<std::string>& Services();  // booking, staffing, inventory, safety

  Suite();
  ~Suite();  // SIGKILLs what still runs

  // Starts `service` (again) and waits until it serves; false with its log on failure.
  bool Start(const std::string& service, const std::vector<std::string>& extra_flags = {});
  bool StartAll(const std::vector<std::string>& extra_flags = {});
  // SIGKILL and wait: a crash, nothing flushed.
  void Kill(const std::string& service);
  // Loads the center's demo data (rooms, staff, supplies, checklists) with huiwuctl, as
  // scripts/run.sh does.
  bool Seed(std::string* log);

  std::string address(const std::string& service) const;
  // The /metrics port `service` logged when it started (started with --metrics_port=0;
  // the suite's default is -1, no exporter); nullopt when it has none.
  std::optional<int> metrics_port(const std::string& service);
  std::shared_ptr<grpc::Channel> channel(const std::string& service) const;
  TestDatabase& database(const std::string& service) { return *databases_.at(service); }
  std::string Log(const std::string& service) const;

 private:
  std::map<std::string, std::unique_ptr<ReservedPort>> ports_;
  std::map<std::string, std::unique_ptr<TestDatabase>> databases_;
  std::map<std::string, std::unique_ptr<ChildProcess>> processes_;
  std::map<std::string, std::string> past_logs_;  // of killed processes
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_E2E_SUITE_H_
