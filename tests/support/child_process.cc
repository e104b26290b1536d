#include "tests/support/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "tests/support/poll.h"
#include "tests/support/test_env.h"

extern char** environ;

namespace huiwu::testing {

ChildProcess::ChildProcess(const std::vector<std::string>& argv,
                           const std::map<std::string, std::string>& env) {
  char path[] = "/tmp/huiwu-child-XXXXXX";
  const int fd = mkstemp(path);
  log_path_ = path;
  std::vector<std::string> environment;
  for (char** e = environ; *e != nullptr; ++e) environment.emplace_back(*e);
  for (const auto& [key, value] : env) environment.push_back(absl::StrCat(key, "=", value));
  pid_ = fork();
  if (pid_ == 0) {
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    // The test runner may block signals; the service must see them as in production.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::vector<char*> envp;
    for (auto& e : environment) envp.push_back(e.data());
    envp.push_back(nullptr);
    execve(args[0], args.data(), envp.data());
    _exit(127);
  }
  close(fd);
}

ChildProcess::~ChildProcess() {
  if (Running()) {
    kill(pid_, SIGKILL);
    WaitForExit(absl::Seconds(10));
  }
  unlink(log_path_.c_str());
}

std::string ChildProcess::Log() const {
  std::ifstream in(log_path_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<std::string> ChildProcess::WaitForLogField(const std::string& event,
                                                         const std::string& key,
                                                         absl::Duration timeout) {
  std::optional<std::string> value;
  const std::string event_text = absl::StrCat("\"event\":\"", event, "\"");
  const std::string key_text = absl::StrCat("\"", key, "\":\"");
  PollUntil(
      [&] {
        std::istringstream lines(Log());
        for (std::string line; std::getline(lines, line);) {
          if (line.find(event_text) == std::string::npos) continue;
          const size_t at = line.find(key_text);
          if (at == std::string::npos) continue;
          const size_t start = at + key_text.size();
          value = line.substr(start, line.find('"', start) - start);
          return true;
        }
        return !Running();
      },
      timeout);
  return value;
}

void ChildProcess::Signal(int signal) { kill(pid_, signal); }

bool ChildProcess::Running() {
  if (exit_status_.has_value()) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return false;
  }
  return true;
}

std::optional<int> ChildProcess::WaitForExit(absl::Duration timeout) {
  PollUntil([&] { return !Running(); }, timeout);
  return exit_status_;
}

std::vector<std::string> ServiceArgs(const std::string& binary, const std::string& database) {
  return ServiceArgs(binary, TestDatabaseConfig(database));
}

std::vector<std::string> ServiceArgs(const std::string& binary, const config::DatabaseConfig& db) {
  return {binary, "--host=127.0.0.1", "--grpc_port=0", "--metrics_port=0",
          absl::StrCat("--mysql_host=", db.host), absl::StrCat("--mysql_port=", db.port),
          absl::StrCat("--mysql_user=", db.user), absl::StrCat("--mysql_password=", db.password),
          absl::StrCat("--mysql_database=", db.database), "--health_check_interval=100ms",
          // Child processes are tested for what only a process shows; tests/security
          // tests TLS and the policy.
          "--tls=off"};
}

}  // namespace huiwu::testing
