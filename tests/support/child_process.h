// A real service binary run as a child process (for what only a process shows:
// signals, two replicas migrating at once, /metrics, surviving a database restart).
#ifndef HUIWU_TESTS_SUPPORT_CHILD_PROCESS_H_
#define HUIWU_TESTS_SUPPORT_CHILD_PROCESS_H_

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/config/config.h"

namespace huiwu::testing {

class ChildProcess final {
 public:
  // Starts `argv[0]` with `argv` and the current environment plus `env`; stderr and
  // stdout go to a temporary log file.
  ChildProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env);
  ~ChildProcess();  // SIGKILLs the child if it still runs

  pid_t pid() const { return pid_; }
  std::string Log() const;
  // The value of `"key":"…"` in the first log line containing `event`, waiting for it
  // up to `timeout`; nullopt if it never appears (or the process exits).
  std::optional<std::string> WaitForLogField(const std::string& event, const std::string& key,
                                             absl::Duration timeout);
  void Signal(int signal);
  bool Running();
  // The exit status once the process ends within `timeout`; nullopt if it does not.
  std::optional<int> WaitForExit(absl::Duration timeout);

 private:
  pid_t pid_ = -1;
  std::string log_path_;
  std::optional<int> exit_status_;
};

// A service binary's common flags for the test MariaDB and free ports.
std::vector<std::string> ServiceArgs(const std::string& binary, const std::string& database);
// The same flags for the server and database of `db` (e.g. one node of a cluster).
std::vector<std::string> ServiceArgs(const std::string& binary, const config::DatabaseConfig& db);

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_CHILD_PROCESS_H_
