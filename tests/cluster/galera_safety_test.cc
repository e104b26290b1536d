// Each escalation happens once across Galera nodes: a real 3-node cluster on loopback,
// two real huiwu-safety processes on two different nodes, both escalating every 20 ms
// over the same overdue hazards. A process lock or SELECT … FOR UPDATE would be
// node-local; the guarded write of the hazard row is certified cluster-wide, so one
// node's step commits and the other's is refused (1213, retried, then finds nothing).
#include <cppconn/connection.h>
#include <cppconn/statement.h>
#include <signal.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/db/pool.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "tests/safety/safety_test_util.h"
#include "tests/support/child_process.h"
#include "tests/support/galera_cluster.h"
#include "tests/support/poll.h"

namespace huiwu::testing {
namespace {

constexpr int kHazards = 20;
constexpr absl::Duration kStartTimeout = absl::Seconds(60);
constexpr char kDatabase[] = "huiwu_safety_galera";

std::vector<std::string> SafetyArgs(const GaleraCluster& cluster, int node) {
  std::vector<std::string> args = cluster.ReplicaArgs(HUIWU_SAFETY_BINARY, node, kDatabase);
  args.push_back("--escalation_check_interval=20ms");
  args.push_back("--schedule_check_interval=inf");
  return args;
}

TEST(GaleraSafetyTest, TwoReplicasOnTwoNodesEscalateEachHazardOnce) {
  GaleraCluster cluster;
  {
    // The schema through node 0 only (the migration lock is local to a node).
    std::vector<std::string> args = SafetyArgs(cluster, 0);
    args.push_back("--migrate_only");
    ChildProcess migrate(args, {});
    ASSERT_EQ(migrate.WaitForExit(kStartTimeout), 0) << migrate.Log();
  }
  ChildProcess first(SafetyArgs(cluster, 0), {});
  auto first_port = first.WaitForLogField("serving", "grpc_port", kStartTimeout);
  ASSERT_TRUE(first_port.has_value()) << first.Log();
  auto stub = sv1::SafetyService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", *first_port), grpc::InsecureChannelCredentials()));
  for (int i = 0; i < kHazards; ++i) {
    Report(*stub, SampleHazard(kRoom301, sv1::HAZARD_SEVERITY_CRITICAL));
  }
  ChildProcess second(SafetyArgs(cluster, 1), {});
  ASSERT_TRUE(second.WaitForLogField("serving", "grpc_port", kStartTimeout).has_value())
      << second.Log();

  // Deadlines 60 h ago (critical: 24 h): three escalations each are due, on both nodes.
  {
    db::ConnectionPool pool(cluster.NodeConfig(2, kDatabase), nullptr);
    auto connection = pool.OpenConnection();
    ASSERT_TRUE(connection.ok()) << connection.status();
    (*connection)->raw().setAutoCommit(true);
    std::unique_ptr<sql::Statement> statement((*connection)->raw().createStatement());
    statement->executeUpdate("UPDATE hazards SET deadline = UTC_TIMESTAMP(6) - INTERVAL 60 HOUR");
  }
  ASSERT_TRUE(PollUntil(
      [&] {
        return cluster.QueryInt(2, kDatabase, "SELECT COUNT(*) FROM hazard_escalations") >=
               3 * kHazards;
      },
      absl::Seconds(60)))
      << first.Log() << second.Log();

  // On every node: three escalations per hazard, levels 2, 3, 3, no step twice.
  for (int node = 0; node < GaleraCluster::kNodes; ++node) {
    SCOPED_TRACE(absl::StrCat("node ", node));
    EXPECT_EQ(cluster.QueryInt(node, kDatabase, "SELECT COUNT(*) FROM hazard_escalations"),
              3 * kHazards);
    EXPECT_EQ(cluster.QueryInt(node, kDatabase,
                               "SELECT COUNT(*) FROM hazards WHERE escalation_count = 3 AND "
                               "escalation_level = 3"),
              kHazards);
    EXPECT_EQ(cluster.QueryInt(node, kDatabase,
                               "SELECT COUNT(*) FROM hazard_escalations WHERE "
                               "(seq = 1 AND level <> 2) OR (seq > 1 AND level <> 3)"),
              0);
  }
  first.Signal(SIGTERM);
  second.Signal(SIGTERM);
  EXPECT_EQ(first.WaitForExit(absl::Seconds(20)), 0) << first.Log();
  EXPECT_EQ(second.WaitForExit(absl::Seconds(20)), 0) << second.Log();
}

}  // namespace
}  // namespace huiwu::testing
