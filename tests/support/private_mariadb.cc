#include "tests/support/private_mariadb.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
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
  if (running_) Stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

bool PrivateMariaDb::Stop() {
  std::string out;
  const bool ok = RunCommand(absl::StrCat("bash ", Script(), " stop ", dir_), &out);
  running_ = !ok;
  return ok;
}

bool PrivateMariaDb::Start() {
  std::string out;
  const bool ok = RunCommand(absl::StrCat("bash ", Script(), " start ", dir_, " ", port_), &out);
  running_ = ok;
  return ok;
}

}  // namespace huiwu::testing
