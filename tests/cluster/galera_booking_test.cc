// No double booking across Galera nodes: a real 3-node cluster on loopback, two real
// huiwu-booking processes each talking to a different node, fifty clients alternating
// between them, all confirming overlapping meetings of one room at the same instant.
// SELECT … FOR UPDATE locks only the local node; what must stop the second booking is
// the room row every booking writes, which certification refuses to commit twice
// (DESIGN §4). Every node is then checked on its own.
#include <signal.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "tests/booking/catalog_test_util.h"
#include "tests/booking/meeting_race_util.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/child_process.h"
#include "tests/support/galera_cluster.h"
#include "tests/support/service_fixture.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

constexpr int kClients = 50;
constexpr absl::Duration kStartTimeout = absl::Seconds(60);
constexpr char kDatabase[] = "huiwu_booking_galera";
std::unique_ptr<v1::BookingService::Stub> ClientOf(const std::string& port) {
  return v1::BookingService::NewStub(NewTestChannel(std::stoi(port)));
}

TEST(GaleraBookingTest, TwoReplicasOnTwoNodesFiftyClientsOneRoomExactlyOneWins) {
  const absl::Time begin = absl::Now();
  GaleraCluster cluster;
  RecordProperty("cluster_start_ms", absl::StrCat(absl::ToInt64Milliseconds(cluster.start_time())));

  // The schema through node 0 only, before any replica starts: the migration lock
  // (GET_LOCK) is local to a node, so replicas must not migrate on two nodes at once.
  {
    std::vector<std::string> args = cluster.ReplicaArgs(HUIWU_BOOKING_BINARY, 0, kDatabase);
    args.push_back("--migrate_only");
    ChildProcess migrate(args, {});
    const std::optional<int> status = migrate.WaitForExit(kStartTimeout);
    ASSERT_EQ(status, 0) << migrate.Log();
  }
  const int64_t migrations =
      cluster.QueryInt(0, kDatabase, "SELECT COUNT(*) FROM schema_migrations");
  ASSERT_GT(migrations, 0);
  for (int node = 1; node < GaleraCluster::kNodes; ++node) {
    ASSERT_EQ(cluster.QueryInt(node, kDatabase, "SELECT COUNT(*) FROM schema_migrations"),
              migrations)
        << "node " << node;
  }

  // Node 0 and node 1: the race is decided between two nodes, node 2 only replicates.
  ChildProcess first(cluster.ReplicaArgs(HUIWU_BOOKING_BINARY, 0, kDatabase), {});
  ChildProcess second(cluster.ReplicaArgs(HUIWU_BOOKING_BINARY, 1, kDatabase), {});
  auto first_port = first.WaitForLogField("serving", "grpc_port", kStartTimeout);
  auto second_port = second.WaitForLogField("serving", "grpc_port", kStartTimeout);
  ASSERT_TRUE(first_port.has_value()) << first.Log();
  ASSERT_TRUE(second_port.has_value()) << second.Log();

  std::vector<std::unique_ptr<v1::BookingService::Stub>> clients;
  for (int i = 0; i < kClients; ++i)
    clients.push_back(ClientOf(i % 2 == 0 ? *first_port : *second_port));
  ASSERT_TRUE(CreateBuilding(*clients[0], "city-hall", "市政府大楼").ok());
  ASSERT_TRUE(CreateRoom(*clients[0], "city-hall", "301", SampleRoom("301会议室", 30)).ok());
  // Replication is synchronous but applying is not: wait (causal read) until node 1
  // has the room before its replica is asked to book it.
  ASSERT_EQ(cluster.QueryInt(1, kDatabase, "SELECT COUNT(*) FROM rooms"), 1);

  // The processes run on the real clock: book three days ahead, on the hour.
  const absl::Time base =
      absl::FromUnixSeconds((absl::ToUnixSeconds(absl::Now() + absl::Hours(72)) / 3600) * 3600);
  std::vector<std::string> meetings;
  for (int i = 0; i < kClients; ++i) {
    const absl::Time start = base + absl::Minutes(i);
    v1::Meeting created;
    grpc::Status status = CreateMeeting(
        *clients[i], SampleMeeting("buildings/city-hall/rooms/301", start, start + absl::Hours(2)),
        &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
    meetings.push_back(created.name());
  }
  for (int node = 0; node < GaleraCluster::kNodes; ++node) {
    ASSERT_EQ(cluster.QueryInt(node, kDatabase, "SELECT COUNT(*) FROM meetings"), kClients)
        << "node " << node;
  }

  const int64_t conflicts_before = cluster.RefusedCommits(kDatabase);
  const absl::Time race_start = absl::Now();
  const std::vector<grpc::Status> statuses = ConfirmAllAtOnce(clients, meetings);
  const absl::Duration race_time = absl::Now() - race_start;
  int winners = 0;
  std::string winner;
  int conflict_losses = 0;
  int aborted_losses = 0;
  for (size_t i = 0; i < statuses.size(); ++i) {
    if (statuses[i].ok()) {
      ++winners;
      winner = meetings[i];
    } else {
      SCOPED_TRACE(meetings[i]);
      ExpectCleanLoss(statuses[i]);
      if (statuses[i].error_code() == grpc::StatusCode::FAILED_PRECONDITION) ++conflict_losses;
      if (statuses[i].error_code() == grpc::StatusCode::ABORTED) ++aborted_losses;
    }
  }
  EXPECT_EQ(winners, 1);
  if (winners != 1) {
    // What each node says happened, for the failure report.
    for (int node = 0; node < GaleraCluster::kNodes; ++node) {
      std::fprintf(
          stderr, "node %d changed meetings:\n  %s\nhistory:\n  %s\nroom: %s\n", node,
          absl::StrJoin(cluster.QueryRows(node, kDatabase,
                                          "SELECT meeting_id, state, version, update_time FROM "
                                          "meetings WHERE version > 1 ORDER BY meeting_id"),
                        "\n  ")
              .c_str(),
          absl::StrJoin(
              cluster.QueryRows(node, kDatabase, "SELECT * FROM meeting_history ORDER BY 1, 2"),
              "\n  ")
              .c_str(),
          absl::StrJoin(cluster.QueryRows(node, kDatabase, "SELECT * FROM rooms"), "\n  ").c_str());
    }
    for (size_t i = 0; i < statuses.size(); ++i) {
      if (statuses[i].ok()) std::fprintf(stderr, "OK: %s\n", meetings[i].c_str());
    }
    std::fprintf(stderr, "first:\n%s\nsecond:\n%s\n", first.Log().c_str(), second.Log().c_str());
  }

  // Each node on its own: no overlapping holds, and all hold the winner's meeting only.
  for (int node = 0; node < GaleraCluster::kNodes; ++node) {
    SCOPED_TRACE(absl::StrCat("node ", node));
    EXPECT_EQ(cluster.QueryInt(node, kDatabase, kOverlappingHolds), 0);
    const std::vector<std::string> holds =
        cluster.QueryRows(node, kDatabase, "SELECT meeting_id FROM occupancies");
    ASSERT_EQ(holds.size(), 1u) << absl::StrJoin(holds, ", ");
    EXPECT_EQ(absl::StrCat("meetings/", holds[0]), winner);
  }
  const int64_t conflicts = cluster.RefusedCommits(kDatabase) - conflicts_before;
  RecordProperty("race_ms", absl::StrCat(absl::ToInt64Milliseconds(race_time)));
  RecordProperty("node_conflicts", absl::StrCat(conflicts));
  std::fprintf(stderr,
               "race: %s, %d ROOM_CONFLICT, %d ABORTED, %lld commits refused by the cluster "
               "(certification or brute-force abort)\n",
               absl::FormatDuration(race_time).c_str(), conflict_losses, aborted_losses,
               static_cast<long long>(conflicts));

  first.Signal(SIGTERM);
  second.Signal(SIGTERM);
  EXPECT_EQ(first.WaitForExit(absl::Seconds(20)), 0) << first.Log();
  EXPECT_EQ(second.WaitForExit(absl::Seconds(20)), 0) << second.Log();
  std::fprintf(stderr, "test body (cluster start included): %s\n",
               absl::FormatDuration(absl::Now() - begin).c_str());
}

}  // namespace
}  // namespace huiwu::testing
