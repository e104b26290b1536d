// Faults of a Galera cluster under a client load, for every service at once: one
// cluster, a replica of each service on each node, the four workloads' loads together
// (tests/faults/*_workload.h); a node crashes and rejoins; then a node is cut off (its
// process stopped, as a partition would freeze it) and comes back. Afterwards every
// node on its own holds every write any service acknowledged, once, and each service's
// invariant holds there (issue 12's scenarios 2 and 3). One cluster for the four: its
// start is most of the test's time.
#include <signal.h>

#include <functional>
#include <sstream>

#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "tests/faults/booking_workload.h"
#include "tests/faults/fault_scenarios.h"
#include "tests/faults/fault_util.h"
#include "tests/faults/inventory_workload.h"
#include "tests/faults/safety_workload.h"
#include "tests/faults/staffing_workload.h"
#include "tests/support/galera_cluster.h"
#include "tests/support/poll.h"

namespace huiwu::testing {
namespace {

using grpc::health::v1::HealthCheckResponse;

// Calls acknowledged through one replica of each service while a phase lasts. One
// worker per replica and service: twelve workers, twelve replicas and three nodes
// share the two cores.
constexpr int kWorkersPerService = GaleraCluster::kNodes;
constexpr int64_t kAcknowledgedPerPhase = 20;
constexpr absl::Duration kPhaseTimeout = absl::Seconds(90);

// One service on the cluster: its replicas (slot = node), its load, and what the
// faults took it to notice and to recover.
struct ServiceOnCluster {
  explicit ServiceOnCluster(std::unique_ptr<FaultWorkload> w)
      : workload(std::move(w)), database(absl::StrCat("huiwu_", workload->service(), "_faults")) {}

  bool Serving(int slot) const {
    return HealthOf(ports[slot], workload->health_service()) == HealthCheckResponse::SERVING;
  }

  std::unique_ptr<FaultWorkload> workload;
  std::string database;
  std::vector<std::unique_ptr<ServiceReplica>> replicas;
  std::vector<int> ports;
  std::unique_ptr<FaultTargets> targets;
  std::unique_ptr<FaultLoad> load;
  absl::Duration crash_noticed, crash_recovery, cut_off_noticed, cut_off_recovery;
};

using Services = std::vector<std::unique_ptr<ServiceOnCluster>>;

// Polls until `done(service)` holds for every service; `took` (if given) gets, for each,
// how long after `since` it was first seen to hold.
bool UntilEach(const Services& services, const std::function<bool(const ServiceOnCluster&)>& done,
               absl::Duration timeout, absl::Time since = absl::Now(),
               absl::Duration ServiceOnCluster::*took = nullptr) {
  std::vector<bool> seen(services.size(), false);
  return PollUntil(
      [&] {
        bool all = true;
        for (size_t i = 0; i < services.size(); ++i) {
          if (!seen[i] && done(*services[i])) {
            seen[i] = true;
            if (took != nullptr) services[i].get()->*took = absl::Now() - since;
          }
          all = all && seen[i];
        }
        return all;
      },
      timeout);
}

// Waits until `more` further calls of every service are acknowledged through its
// replica in `slot`.
bool AcknowledgedThrough(const Services& services, int slot, int64_t more) {
  std::vector<int64_t> targets;
  for (const auto& service : services) {
    targets.push_back(service->load->acknowledged_through(slot) + more);
  }
  return PollUntil(
      [&] {
        for (size_t i = 0; i < services.size(); ++i) {
          if (services[i]->load->acknowledged_through(slot) < targets[i]) return false;
        }
        return true;
      },
      kPhaseTimeout);
}

TEST(GaleraFaultTest, NodeCrashAndNodeCutOffLoseNoAcknowledgedWriteOfAnyService) {
  GaleraCluster cluster;
  Services services;
  services.push_back(std::make_unique<ServiceOnCluster>(
      std::make_unique<BookingWorkload>(HUIWU_BOOKING_BINARY, kWorkersPerService)));
  services.push_back(std::make_unique<ServiceOnCluster>(
      std::make_unique<StaffingWorkload>(HUIWU_STAFFING_BINARY, kWorkersPerService)));
  services.push_back(std::make_unique<ServiceOnCluster>(
      std::make_unique<InventoryWorkload>(HUIWU_INVENTORY_BINARY, kWorkersPerService)));
  services.push_back(std::make_unique<ServiceOnCluster>(
      std::make_unique<SafetyWorkload>(HUIWU_SAFETY_BINARY, kWorkersPerService)));

  for (auto& service : services) {
    SCOPED_TRACE(service->workload->service());
    auto args = [&](int node) {
      std::vector<std::string> args =
          cluster.ReplicaArgs(service->workload->binary(), node, service->database);
      for (const std::string& arg : service->workload->extra_args()) args.push_back(arg);
      return args;
    };
    {
      std::vector<std::string> migrate_args = args(0);
      migrate_args.push_back("--migrate_only");
      ChildProcess migrate(migrate_args, {});
      ASSERT_EQ(migrate.WaitForExit(kStartTimeout), 0) << migrate.Log();
    }
    for (int node = 0; node < GaleraCluster::kNodes; ++node) {
      service->replicas.push_back(std::make_unique<ServiceReplica>(args(node)));
      ASSERT_GT(service->replicas.back()->port(), 0) << service->replicas.back()->process().Log();
      service->ports.push_back(service->replicas.back()->port());
    }
    service->targets = std::make_unique<FaultTargets>(service->ports);
    service->workload->Seed(service->targets->For(0), cluster.NodeConfig(0, service->database));
    // Causal read: every node has applied the seed before its replicas are asked to use it.
    for (int node = 0; node < GaleraCluster::kNodes; ++node) {
      EXPECT_EQ(cluster.QueryInt(node, service->database, "SELECT 1"), 1);
    }
    service->load =
        std::make_unique<FaultLoad>(LoadOptions{}, service->targets.get(), service->workload.get());
  }
  for (auto& service : services) service->load->Start();
  for (int slot = 0; slot < GaleraCluster::kNodes; ++slot) {
    ASSERT_TRUE(AcknowledgedThrough(services, slot, kAcknowledgedPerPhase / 2)) << "slot " << slot;
  }

  // 2. Node 1 crashes: its replicas say NOT_SERVING, the others keep serving; the node
  // rejoins (incremental state transfer) and its replicas serve again.
  const int64_t conflicts_before = cluster.RefusedCommits(services[0]->database);
  ASSERT_TRUE(cluster.KillNode(1));
  EXPECT_TRUE(UntilEach(
      services, [](const ServiceOnCluster& s) { return !s.Serving(1); }, absl::Seconds(10),
      absl::Now(), &ServiceOnCluster::crash_noticed));
  EXPECT_TRUE(AcknowledgedThrough(services, 0, kAcknowledgedPerPhase));
  EXPECT_TRUE(AcknowledgedThrough(services, 2, kAcknowledgedPerPhase));
  ASSERT_TRUE(cluster.RejoinNode(1));
  EXPECT_TRUE(UntilEach(
      services, [](const ServiceOnCluster& s) { return s.Serving(1); }, absl::Seconds(30),
      absl::Now(), &ServiceOnCluster::crash_recovery));
  EXPECT_TRUE(AcknowledgedThrough(services, 1, kAcknowledgedPerPhase / 2));

  // 3. Node 2 cut off (SIGSTOP): its replicas' health pings cannot come back, so they
  // say NOT_SERVING; the two others, a majority, evict it and keep serving. Resumed,
  // the node rejoins by itself and its replicas serve again.
  const pid_t frozen = cluster.NodePid(2);
  ASSERT_GT(frozen, 0);
  ASSERT_EQ(::kill(frozen, SIGSTOP), 0);
  EXPECT_TRUE(UntilEach(
      services, [](const ServiceOnCluster& s) { return !s.Serving(2); }, absl::Seconds(10),
      absl::Now(), &ServiceOnCluster::cut_off_noticed));
  EXPECT_TRUE(AcknowledgedThrough(services, 0, kAcknowledgedPerPhase));
  EXPECT_TRUE(AcknowledgedThrough(services, 1, kAcknowledgedPerPhase));
  ASSERT_EQ(::kill(frozen, SIGCONT), 0);
  const absl::Time resumed = absl::Now();
  EXPECT_TRUE(PollUntil(
      [&] {
        return cluster.QueryInt(0, services[0]->database,
                                "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
                                "WHERE VARIABLE_NAME = 'WSREP_CLUSTER_SIZE'") == 3;
      },
      absl::Seconds(90), absl::Milliseconds(200)));
  EXPECT_TRUE(UntilEach(
      services, [](const ServiceOnCluster& s) { return s.Serving(2); }, absl::Seconds(30), resumed,
      &ServiceOnCluster::cut_off_recovery));
  EXPECT_TRUE(AcknowledgedThrough(services, 2, kAcknowledgedPerPhase / 2));
  for (auto& service : services) service->load->Stop();
  // The cluster's count, over every database: the four services' loads share it.
  const int64_t refused = cluster.RefusedCommits(services[0]->database) - conflicts_before;

  for (auto& service : services) {
    const FaultWorkload& workload = *service->workload;
    for (int node = 0; node < GaleraCluster::kNodes; ++node) {
      SCOPED_TRACE(absl::StrCat(workload.service(), ", node ", node));
      const FaultAudit audit =
          service->workload->Audit(cluster.NodeConfig(node, service->database));
      ExpectAuditClean(*service->load, audit);
      if (node != 0) continue;
      const std::string summary =
          FaultSummary(workload.service(), "Galera node crash and cut-off", service->load->calls(),
                       audit, service->crash_recovery + service->cut_off_recovery);
      std::fprintf(
          stderr,
          "%s; crash noticed in %s, rejoined node serving %s after its start; "
          "cut-off noticed in %s, serving %s after SIGCONT; %lld commits refused by "
          "the cluster; failures: %s\n",
          summary.c_str(), absl::FormatDuration(service->crash_noticed).c_str(),
          absl::FormatDuration(service->crash_recovery).c_str(),
          absl::FormatDuration(service->cut_off_noticed).c_str(),
          absl::FormatDuration(service->cut_off_recovery).c_str(), static_cast<long long>(refused),
          absl::StrJoin(service->load->failures_by_code(), ", ", absl::PairFormatter(" ")).c_str());
      RecordProperty(absl::StrCat("summary_", workload.service()), summary);
    }
  }
  // On failure, what the replicas logged that an operator would look at (the SQL errors
  // behind an INTERNAL answer, say): the test's output is all CI keeps.
  if (HasFailure()) {
    for (const auto& service : services) {
      for (size_t slot = 0; slot < service->replicas.size(); ++slot) {
        std::istringstream log(service->replicas[slot]->process().Log());
        int shown = 0;
        for (std::string line; std::getline(log, line) && shown < 30;) {
          if (line.find("\"level\":\"info\"") != std::string::npos ||
              line.find("\"event\":\"call_failed\"") != std::string::npos ||
              line.find("\"event\":\"db_connect_failed\"") != std::string::npos) {
            continue;
          }
          std::fprintf(stderr, "%s replica %zu: %s\n", service->workload->service().c_str(), slot,
                       line.substr(0, 400).c_str());
          ++shown;
        }
      }
    }
  }
  // All twelve asked to stop at once: one after another, their drains add up.
  for (auto& service : services) {
    for (auto& replica : service->replicas) replica->process().Signal(SIGTERM);
  }
  for (auto& service : services) {
    for (auto& replica : service->replicas) {
      EXPECT_EQ(replica->process().WaitForExit(absl::Seconds(20)), 0) << replica->process().Log();
    }
  }
}

}  // namespace
}  // namespace huiwu::testing
