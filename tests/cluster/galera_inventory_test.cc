// Never negative across Galera nodes: a real 3-node cluster on loopback, two real
// huiwu-inventory processes each talking to a different node, a hundred clients
// alternating between them, each reserving one unit of a stock of ten at the same
// instant. SELECT … FOR UPDATE would lock only the local node; what stops the eleventh
// reservation is the balance row every reservation UPDATEs, which certification refuses
// to commit twice (the loser is retried and then finds nothing available). Every node is
// then checked on its own.
#include <signal.h>

#include <cstdio>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "tests/inventory/inventory_test_util.h"
#include "tests/support/child_process.h"
#include "tests/support/galera_cluster.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/service_fixture.h"

namespace huiwu::testing {
namespace {

constexpr int kClients = 100;
constexpr int kStock = 10;
constexpr absl::Duration kStartTimeout = absl::Seconds(60);
constexpr char kDatabase[] = "huiwu_inventory_galera";

std::unique_ptr<inv::InventoryService::Stub> ClientOf(const std::string& port) {
  return inv::InventoryService::NewStub(NewTestChannel(std::stoi(port)));
}

TEST(GaleraInventoryTest, TwoReplicasOnTwoNodesHundredReservationsOfTenExactlyTenWin) {
  GaleraCluster cluster;
  {
    // The schema through node 0 only, before any replica starts.
    std::vector<std::string> args = cluster.ReplicaArgs(HUIWU_INVENTORY_BINARY, 0, kDatabase);
    args.push_back("--migrate_only");
    ChildProcess migrate(args, {});
    ASSERT_EQ(migrate.WaitForExit(kStartTimeout), 0) << migrate.Log();
  }
  ChildProcess first(cluster.ReplicaArgs(HUIWU_INVENTORY_BINARY, 0, kDatabase), {});
  ChildProcess second(cluster.ReplicaArgs(HUIWU_INVENTORY_BINARY, 1, kDatabase), {});
  auto first_port = first.WaitForLogField("serving", "grpc_port", kStartTimeout);
  auto second_port = second.WaitForLogField("serving", "grpc_port", kStartTimeout);
  ASSERT_TRUE(first_port.has_value()) << first.Log();
  ASSERT_TRUE(second_port.has_value()) << second.Log();

  std::vector<std::unique_ptr<inv::InventoryService::Stub>> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.push_back(ClientOf(i % 2 == 0 ? *first_port : *second_port));
  }
  ASSERT_TRUE(CreateItem(*clients[0], "bottled-water", "矿泉水", "瓶").ok());
  ASSERT_TRUE(Receive(*clients[0], "bottled-water", kRoom301, kStock).ok());
  // Causal read: node 1 has the stock before its replica is asked to reserve it.
  ASSERT_EQ(cluster.QueryInt(1, kDatabase, "SELECT on_hand FROM balances"), kStock);

  const int64_t conflicts_before = cluster.RefusedCommits(kDatabase);
  std::vector<grpc::Status> statuses(kClients);
  absl::Barrier* start = new absl::Barrier(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      const inv::ReserveKitRequest request =
          KitRequest(absl::StrCat("galera-", i), {Quantity("bottled-water", 1)});
      if (start->Block()) delete start;
      statuses[i] = Reserve(*clients[i], request);
    });
  }
  for (auto& t : threads) t.join();

  int won = 0;
  for (int i = 0; i < kClients; ++i) {
    const grpc::Status& status = statuses[i];
    if (status.ok()) {
      ++won;
      // An answered reservation is stored, with its lines and its event, on every node.
      const std::string id = absl::StrCat("galera-", i);
      for (int node = 0; node < GaleraCluster::kNodes; ++node) {
        EXPECT_EQ(cluster.QueryInt(node, kDatabase,
                                   "SELECT COUNT(*) FROM kits WHERE meeting_id = '" + id + "'"),
                  1)
            << id << " was answered OK; node " << node << "; its events there: "
            << cluster.QueryInt(node, kDatabase,
                                "SELECT COUNT(*) FROM event_outbox WHERE CONCAT('\\n', "
                                "subjects, '\\n') LIKE '%\\nmeetings/" +
                                    id + "\\n%'");
      }
      continue;
    }
    // A loser is told precisely: short, or (retries exhausted) to try again.
    EXPECT_TRUE(status.error_code() == grpc::StatusCode::FAILED_PRECONDITION ||
                status.error_code() == grpc::StatusCode::ABORTED)
        << status.error_message();
    if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
      EXPECT_EQ(DetailsOf(status).reason, "KIT_SHORT");
    }
  }
  EXPECT_EQ(won, kStock);
  const int64_t conflicts = cluster.RefusedCommits(kDatabase) - conflicts_before;
  RecordProperty("node_conflicts", absl::StrCat(conflicts));
  std::fprintf(stderr, "%lld commits refused by the cluster and retried\n",
               static_cast<long long>(conflicts));
  for (int node = 0; node < GaleraCluster::kNodes; ++node) {
    SCOPED_TRACE(absl::StrCat("node ", node));
    EXPECT_EQ(cluster.QueryRows(node, kDatabase, "SELECT on_hand, reserved FROM balances"),
              std::vector<std::string>{absl::StrCat(kStock, "|", kStock)});
    EXPECT_EQ(cluster.QueryInt(node, kDatabase, "SELECT COUNT(*) FROM kits"), kStock);
    EXPECT_EQ(cluster.QueryInt(node, kDatabase, "SELECT SUM(quantity) FROM kit_lines"), kStock);
    EXPECT_EQ(cluster.QueryInt(node, kDatabase, kBadBalances), 0);
    EXPECT_EQ(cluster.QueryInt(node, kDatabase, kBalancesOffLedger), 0);
  }

  first.Signal(SIGTERM);
  second.Signal(SIGTERM);
  EXPECT_EQ(first.WaitForExit(absl::Seconds(20)), 0) << first.Log();
  EXPECT_EQ(second.WaitForExit(absl::Seconds(20)), 0) << second.Log();
}

}  // namespace
}  // namespace huiwu::testing
