// Faults of a Galera cluster under a client load (tests/faults/booking_workload.h): three
// booking replicas, one per node; a node crashes and rejoins; then a node is cut off
// (its process stopped, as a partition would freeze it) and comes back. Afterwards
// every node on its own holds every acknowledged booking, once, and no room twice
// (issue 12's scenarios 2 and 3).
#include <signal.h>

#include <sstream>

#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "tests/faults/booking_workload.h"
#include "tests/faults/fault_scenarios.h"
#include "tests/faults/fault_util.h"
#include "tests/support/galera_cluster.h"
#include "tests/support/poll.h"

namespace huiwu::testing {
namespace {

using grpc::health::v1::HealthCheckResponse;

constexpr char kDatabase[] = "huiwu_booking_faults";
constexpr int64_t kAcknowledgedPerPhase = 60;
constexpr absl::Duration kPhaseTimeout = absl::Seconds(90);

// Waits until `more` further calls are acknowledged through replica `slot`.
bool AcknowledgedThrough(const FaultLoad& load, int slot, int64_t more) {
  const int64_t target = load.acknowledged_through(slot) + more;
  return PollUntil([&] { return load.acknowledged_through(slot) >= target; }, kPhaseTimeout);
}

bool Serving(int port) { return HealthOf(port, kBookingService) == HealthCheckResponse::SERVING; }

TEST(BookingGaleraFaultTest, NodeCrashAndNodeCutOffLoseNoAcknowledgedBooking) {
  GaleraCluster cluster;
  {
    std::vector<std::string> args = cluster.ReplicaArgs(HUIWU_BOOKING_BINARY, 0, kDatabase);
    args.push_back("--migrate_only");
    ChildProcess migrate(args, {});
    ASSERT_EQ(migrate.WaitForExit(kStartTimeout), 0) << migrate.Log();
  }
  std::vector<std::unique_ptr<ServiceReplica>> replicas;
  std::vector<int> ports;
  for (int node = 0; node < GaleraCluster::kNodes; ++node) {
    replicas.push_back(std::make_unique<ServiceReplica>(
        cluster.ReplicaArgs(HUIWU_BOOKING_BINARY, node, kDatabase)));
    ASSERT_GT(replicas.back()->port(), 0) << replicas.back()->process().Log();
    ports.push_back(replicas.back()->port());
  }
  FaultTargets targets(ports);
  BookingWorkload workload(HUIWU_BOOKING_BINARY, /*workers=*/9);  // three per replica
  workload.Seed(targets.For(0), cluster.NodeConfig(0, kDatabase));
  // Causal read: every node has the rooms before its replica is asked to book them.
  for (int node = 0; node < GaleraCluster::kNodes; ++node) {
    ASSERT_EQ(cluster.QueryInt(node, kDatabase, "SELECT COUNT(*) FROM rooms"), 4);
  }
  FaultLoad load({}, &targets, &workload);
  load.Start();
  for (int slot = 0; slot < GaleraCluster::kNodes; ++slot) {
    ASSERT_TRUE(AcknowledgedThrough(load, slot, kAcknowledgedPerPhase / 3)) << "replica " << slot;
  }

  // 2. Node 1 crashes: its replica says NOT_SERVING, the others keep booking; the
  // node rejoins (incremental state transfer) and its replica serves again.
  const int64_t conflicts_before = cluster.RefusedCommits(kDatabase);
  ASSERT_TRUE(cluster.KillNode(1));
  const absl::Time crashed = absl::Now();
  EXPECT_TRUE(PollUntil([&] { return !Serving(ports[1]); }, absl::Seconds(10)));
  const absl::Duration crash_noticed = absl::Now() - crashed;
  EXPECT_TRUE(AcknowledgedThrough(load, 0, kAcknowledgedPerPhase));
  EXPECT_TRUE(AcknowledgedThrough(load, 2, kAcknowledgedPerPhase));
  ASSERT_TRUE(cluster.RejoinNode(1));
  const absl::Time rejoined = absl::Now();
  EXPECT_TRUE(PollUntil([&] { return Serving(ports[1]); }, absl::Seconds(30)));
  const absl::Duration crash_recovery = absl::Now() - rejoined;
  EXPECT_TRUE(AcknowledgedThrough(load, 1, kAcknowledgedPerPhase / 3));

  // 3. Node 2 cut off (SIGSTOP): its replica's health ping cannot come back, so it
  // says NOT_SERVING; the two others, a majority, evict it and keep booking. Resumed,
  // the node rejoins by itself and its replica serves again.
  const pid_t frozen = cluster.NodePid(2);
  ASSERT_GT(frozen, 0);
  ASSERT_EQ(::kill(frozen, SIGSTOP), 0);
  const absl::Time cut_off = absl::Now();
  EXPECT_TRUE(PollUntil([&] { return !Serving(ports[2]); }, absl::Seconds(10)));
  const absl::Duration cut_off_noticed = absl::Now() - cut_off;
  EXPECT_TRUE(AcknowledgedThrough(load, 0, kAcknowledgedPerPhase));
  EXPECT_TRUE(AcknowledgedThrough(load, 1, kAcknowledgedPerPhase));
  ASSERT_EQ(::kill(frozen, SIGCONT), 0);
  const absl::Time resumed = absl::Now();
  EXPECT_TRUE(PollUntil(
      [&] {
        return cluster.QueryInt(0, kDatabase,
                                "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
                                "WHERE VARIABLE_NAME = 'WSREP_CLUSTER_SIZE'") == 3 &&
               Serving(ports[2]);
      },
      absl::Seconds(90), absl::Milliseconds(200)));
  const absl::Duration cut_off_recovery = absl::Now() - resumed;
  EXPECT_TRUE(AcknowledgedThrough(load, 2, kAcknowledgedPerPhase / 3));
  load.Stop();

  for (int node = 0; node < GaleraCluster::kNodes; ++node) {
    SCOPED_TRACE(absl::StrCat("node ", node));
    const FaultAudit audit = workload.Audit(cluster.NodeConfig(node, kDatabase));
    ExpectAuditClean(load, audit);
    if (node == 0) {
      const std::string summary =
          FaultSummary(workload.service(), "Galera node crash and cut-off", load.calls(), audit,
                       crash_recovery + cut_off_recovery);
      std::fprintf(stderr,
                   "%s; crash noticed in %s, rejoined node serving %s after its start; "
                   "cut-off noticed in %s, serving %s after SIGCONT; %lld commits refused by "
                   "the cluster; failures: %s\n",
                   summary.c_str(), absl::FormatDuration(crash_noticed).c_str(),
                   absl::FormatDuration(crash_recovery).c_str(),
                   absl::FormatDuration(cut_off_noticed).c_str(),
                   absl::FormatDuration(cut_off_recovery).c_str(),
                   static_cast<long long>(cluster.RefusedCommits(kDatabase) - conflicts_before),
                   absl::StrJoin(load.failures_by_code(), ", ", absl::PairFormatter(" ")).c_str());
      RecordProperty("summary", summary);
    }
  }
  // On failure, what the replicas logged that an operator would look at (the SQL errors
  // behind an INTERNAL answer, say): the test's output is all CI keeps.
  if (HasFailure()) {
    for (size_t slot = 0; slot < replicas.size(); ++slot) {
      std::istringstream log(replicas[slot]->process().Log());
      int shown = 0;
      for (std::string line; std::getline(log, line) && shown < 30;) {
        if (line.find("\"level\":\"info\"") != std::string::npos ||
            line.find("\"event\":\"call_failed\"") != std::string::npos ||
            line.find("\"event\":\"db_connect_failed\"") != std::string::npos) {
          continue;
        }
        std::fprintf(stderr, "replica %zu: %s\n", slot, line.substr(0, 400).c_str());
        ++shown;
      }
    }
  }
  for (auto& replica : replicas) {
    replica->process().Signal(SIGTERM);
    EXPECT_EQ(replica->process().WaitForExit(absl::Seconds(20)), 0) << replica->process().Log();
  }
}

}  // namespace
}  // namespace huiwu::testing
