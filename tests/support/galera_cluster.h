// A 3-node MariaDB Galera cluster of the test's own on loopback (scripts/galera.sh),
// for the tests that prove what must hold across nodes (no double booking when two
// replicas talk to different nodes).
#ifndef HUIWU_TESTS_SUPPORT_GALERA_CLUSTER_H_
#define HUIWU_TESTS_SUPPORT_GALERA_CLUSTER_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/config/config.h"

namespace huiwu::testing {

class GaleraCluster final {
 public:
  static constexpr int kNodes = 3;

  GaleraCluster();   // starts the nodes on free ports in a temporary folder (aborts on failure)
  ~GaleraCluster();  // stops them and removes the folder (kept with HUIWU_TEST_KEEP_GALERA_DIR set)
  GaleraCluster(const GaleraCluster&) = delete;
  GaleraCluster& operator=(const GaleraCluster&) = delete;

  // SQL ports of nodes 0, 1, 2.
  const std::vector<int>& ports() const { return ports_; }
  // How long the start took (every node Synced).
  absl::Duration start_time() const { return start_time_; }

  // Node `node`'s coordinates for the application account, `database` selected.
  config::DatabaseConfig NodeConfig(int node, const std::string& database) const;

  // Every row of `sql` on one node, columns joined by '|'. The read is causal
  // (wsrep_sync_wait): it sees every write the cluster committed before the call,
  // whichever node took it.
  std::vector<std::string> QueryRows(int node, const std::string& database,
                                     const std::string& sql) const;
  // The first column of the first row as an integer (0 when there is no row).
  int64_t QueryInt(int node, const std::string& database, const std::string& sql) const;

  // Transactions refused at commit on all nodes so far: by certification, or aborted by
  // a replicated write that won (brute force); both reach a service as 1213. A race
  // test reads it before and after to show that the race really crossed nodes.
  int64_t RefusedCommits(const std::string& database) const;

  // Faults (tests/faults): node `node`'s mariadbd process (for SIGSTOP/SIGCONT), a
  // crash of the node (SIGKILL, waited for), and its restart while the others run,
  // waited for until it is Synced again (nodes 1 and 2 only: node 0 bootstraps).
  pid_t NodePid(int node) const;
  bool KillNode(int node);
  bool RejoinNode(int node);

  // The command line of a service replica (`binary`) against `node`, /metrics off.
  std::vector<std::string> ReplicaArgs(const std::string& binary, int node,
                                       const std::string& database) const;

 private:
  std::string dir_;
  std::vector<int> ports_;
  absl::Duration start_time_;
  bool running_ = false;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_GALERA_CLUSTER_H_
