#include "tests/support/galera_cluster.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/db/pool.h"
#include "tests/support/child_process.h"
#include "tests/support/sql_rows.h"
#include "tests/support/test_env.h"

namespace huiwu::testing {
namespace {

// Runs a command and collects its stdout; true when it exits with status 0.
bool RunCommand(const std::string& command, std::string* out) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return false;
  char buffer[256];
  while (fgets(buffer, sizeof buffer, pipe) != nullptr) out->append(buffer);
  return pclose(pipe) == 0;
}

std::string Script() { return absl::StrCat(SourceDir(), "/scripts/galera.sh"); }

std::string AppPassword() {
  const char* password = std::getenv("HUIWU_MYSQL_PASSWORD");
  return password != nullptr ? password : "huiwu-local";
}

}  // namespace

GaleraCluster::GaleraCluster() {
  db::InitDriver();  // before any thread: the driver's creation is not thread-safe
  char dir[] = "/tmp/huiwu-galera-XXXXXX";
  dir_ = mkdtemp(dir);
  const absl::Time start = absl::Now();
  std::string out;
  const bool started = RunCommand(absl::StrCat("bash ", Script(), " start ", dir_), &out);
  std::istringstream words(out);
  for (std::string word; words >> word;) {
    int port = 0;
    if (absl::SimpleAtoi(word, &port)) ports_.push_back(port);
  }
  if (!started || ports_.size() != kNodes) {
    std::fprintf(stderr, "cannot start a Galera cluster in %s: %s\n", dir_.c_str(), out.c_str());
    RunCommand(absl::StrCat("bash ", Script(), " stop ", dir_), &out);
    std::abort();
  }
  start_time_ = absl::Now() - start;
  running_ = true;
  std::fprintf(stderr, "Galera cluster of %d nodes up in %s (ports %s)\n", kNodes,
               absl::FormatDuration(start_time_).c_str(), absl::StrJoin(ports_, " ").c_str());
}

GaleraCluster::~GaleraCluster() {
  std::string out;
  if (running_ && !RunCommand(absl::StrCat("bash ", Script(), " stop ", dir_), &out)) {
    std::fprintf(stderr, "could not stop the Galera cluster in %s; not removing it\n",
                 dir_.c_str());
    return;
  }
  if (std::getenv("HUIWU_TEST_KEEP_GALERA_DIR") != nullptr) {
    std::fprintf(stderr, "HUIWU_TEST_KEEP_GALERA_DIR: keeping the nodes' folders in %s\n",
                 dir_.c_str());
    return;
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

config::DatabaseConfig GaleraCluster::NodeConfig(int node, const std::string& database) const {
  config::DatabaseConfig config;
  config.host = "127.0.0.1";
  config.port = ports_.at(node);
  config.user = "huiwu";
  config.password = AppPassword();
  config.database = database;
  config.pool_size = 2;
  config.connect_timeout = absl::Seconds(2);
  config.statement_timeout = absl::Seconds(30);
  config.lock_wait_timeout = absl::Seconds(10);
  config.acquire_timeout = absl::Seconds(10);
  return config;
}

std::vector<std::string> GaleraCluster::QueryRows(int node, const std::string& database,
                                                  const std::string& sql) const {
  return testing::QueryRows(NodeConfig(node, database), sql);
}

int64_t GaleraCluster::QueryInt(int node, const std::string& database,
                                const std::string& sql) const {
  return testing::QueryInt(NodeConfig(node, database), sql);
}

pid_t GaleraCluster::NodePid(int node) const {
  std::ifstream file(absl::StrCat(dir_, "/node", node + 1, "/mysqld.pid"));
  pid_t pid = -1;
  file >> pid;
  return pid;
}

bool GaleraCluster::KillNode(int node) {
  std::string out;
  return RunCommand(absl::StrCat("bash ", Script(), " kill-node ", dir_, " ", node + 1), &out);
}

bool GaleraCluster::RejoinNode(int node) {
  std::string out;
  return RunCommand(absl::StrCat("bash ", Script(), " rejoin-node ", dir_, " ", node + 1), &out);
}

int64_t GaleraCluster::RefusedCommits(const std::string& database) const {
  int64_t refused = 0;
  for (int node = 0; node < kNodes; ++node) {
    refused += QueryInt(node, database,
                        "SELECT SUM(VARIABLE_VALUE) FROM information_schema.GLOBAL_STATUS "
                        "WHERE VARIABLE_NAME IN ('WSREP_LOCAL_CERT_FAILURES', "
                        "'WSREP_LOCAL_BF_ABORTS')");
  }
  return refused;
}

std::vector<std::string> GaleraCluster::ReplicaArgs(const std::string& binary, int node,
                                                    const std::string& database) const {
  std::vector<std::string> args = ServiceArgs(binary, NodeConfig(node, database));
  args.push_back("--metrics_port=-1");
  return args;
}

}  // namespace huiwu::testing
