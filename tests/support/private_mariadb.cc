#include "tests/support/private_mariadb.h"

#include <signal.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "tests/support/poll.h"
#include "tests/support/test_env.h"

namespace huiwu::testing {
namespace {

// Runs a command and returns its stdout; nullopt-like empty string with ok=false on failure.
bool RunCommand(const std::string& command, std::string* out) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return false;
  char buffer[256];
  while (fgets(buffer, sizeof buffer, pipe) != nullptr) out->append(buffer);
  return pclose(pipe) == 0;
}

// The server is not our child (the script started it, and init reaps it): gone once
// kill(0) finds no such process, or only its zombie.
bool ProcessGone(pid_t pid) {
  if (::kill(pid, 0) != 0) return errno == ESRCH;
  std::ifstream stat(absl::StrCat("/proc/", pid, "/stat"));
  std::string line;
  std::getline(stat, line);
  const size_t paren = line.rfind(") ");
  return paren == std::string::npos || line.substr(paren + 2, 1) == "Z";
}

std::string Script() { return absl::StrCat(SourceDir(), "/scripts/mariadb.sh"); }

}  // namespace

PrivateMariaDb::PrivateMariaDb() {
  char dir[] = "/tmp/huiwu-mariadb-XXXXXX";
  dir_ = mkdtemp(dir);
  std::string out;
  if (!RunCommand(absl::StrCat("bash ", Script(), " start ", dir_), &out) ||
      !absl::SimpleAtoi(absl::StripAsciiWhitespace(out), &port_)) {
    std::fprintf(stderr, "cannot start a private MariaDB in %s: %s\n", dir_.c_str(), out.c_str());
    std::abort();
  }
  running_ = true;
}

PrivateMariaDb::~PrivateMariaDb() {
  if (running_) {
    Resume();  // a paused server would never act on the stop
    Stop();
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

bool PrivateMariaDb::Stop() {
  std::string out;
  const bool ok = RunCommand(absl::StrCat("bash ", Script(), " stop ", dir_), &out);
  running_ = !ok;
  return ok;
}

pid_t PrivateMariaDb::ServerPid() const {
  std::ifstream file(absl::StrCat(dir_, "/mysqld.pid"));
  pid_t pid = -1;
  return file >> pid && pid > 0 ? pid : -1;
}

bool PrivateMariaDb::Kill() {
  const pid_t pid = ServerPid();
  if (pid <= 0 || ::kill(pid, SIGKILL) != 0) return false;
  running_ = false;
  return PollUntil([pid] { return ProcessGone(pid); }, absl::Seconds(10));
}

bool PrivateMariaDb::Pause() {
  const pid_t pid = ServerPid();
  return pid > 0 && ::kill(pid, SIGSTOP) == 0;
}

bool PrivateMariaDb::Resume() {
  const pid_t pid = ServerPid();
  return pid > 0 && ::kill(pid, SIGCONT) == 0;
}

bool PrivateMariaDb::Start() {
  std::string out;
  const bool ok = RunCommand(absl::StrCat("bash ", Script(), " start ", dir_, " ", port_), &out);
  running_ = ok;
  return ok;
}

}  // namespace huiwu::testing
