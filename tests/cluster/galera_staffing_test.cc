// No double assignment across Galera nodes: a real 3-node cluster on loopback, two real
// huiwu-staffing processes each talking to a different node, forty clients alternating
// between them, all assigning one person to forty meetings at the same instant (four
// sets of mutually overlapping duty windows). SELECT … FOR UPDATE locks only the local
// node; what stops a second assignment is the staff row every assignment writes
// (assignment_seq), which certification refuses to commit twice. Every node is then
// checked on its own.
#include <signal.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/barrier.h"
#include "absl/time/clock.h"
#include "common/api/timestamp.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "huiwu/staffing/v1/staffing_service.grpc.pb.h"
#include "tests/support/booking_fixture.h"
#include "tests/support/child_process.h"
#include "tests/support/galera_cluster.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/service_fixture.h"

namespace huiwu::testing {
namespace {

namespace v1 = staffing::v1;

constexpr int kClients = 40;
constexpr int kSets = 4;
constexpr absl::Duration kStartTimeout = absl::Seconds(60);
constexpr char kDatabase[] = "huiwu_staffing_galera";
constexpr char kOverlaps[] =
    "SELECT COUNT(*) FROM assignments a JOIN assignments b ON a.staff_id = b.staff_id "
    "AND a.meeting_id < b.meeting_id AND a.start_time < b.end_time AND b.start_time < a.end_time";

std::unique_ptr<v1::StaffingService::Stub> ClientOf(const std::string& port) {
  return v1::StaffingService::NewStub(NewTestChannel(std::stoi(port)));
}

TEST(GaleraStaffingTest, TwoReplicasOnTwoNodesFortyClientsOnePersonOnePerOverlappingSet) {
  GaleraCluster cluster;
  {  // The schema through node 0 only, before any replica starts.
    std::vector<std::string> args = cluster.ReplicaArgs(HUIWU_STAFFING_BINARY, 0, kDatabase);
    args.push_back("--migrate_only");
    ChildProcess migrate(args, {});
    ASSERT_EQ(migrate.WaitForExit(kStartTimeout), 0) << migrate.Log();
  }
  ChildProcess first(cluster.ReplicaArgs(HUIWU_STAFFING_BINARY, 0, kDatabase), {});
  ChildProcess second(cluster.ReplicaArgs(HUIWU_STAFFING_BINARY, 1, kDatabase), {});
  auto first_port = first.WaitForLogField("serving", "grpc_port", kStartTimeout);
  auto second_port = second.WaitForLogField("serving", "grpc_port", kStartTimeout);
  ASSERT_TRUE(first_port.has_value()) << first.Log();
  ASSERT_TRUE(second_port.has_value()) << second.Log();

  std::vector<std::unique_ptr<v1::StaffingService::Stub>> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.push_back(ClientOf(i % 2 == 0 ? *first_port : *second_port));
  }
  {
    v1::CreateStaffRequest request;
    request.set_staff_id("wang-li");
    request.mutable_staff()->set_staff_number("F-001");
    request.mutable_staff()->set_display_name("王丽");
    request.mutable_staff()->set_phone("13900000000");
    request.mutable_staff()->set_section("会务服务科");
    request.mutable_staff()->set_role(v1::ROLE_ATTENDANT);
    v1::Qualification* q = request.mutable_staff()->add_qualifications();
    q->set_kind(v1::QUALIFICATION_KIND_FIRE_SAFETY);
    q->mutable_valid_until()->set_year(2199);
    q->mutable_valid_until()->set_month(12);
    q->mutable_valid_until()->set_day(31);
    v1::CreateStaffResponse created;
    grpc::Status status = clients[0]->CreateStaff(CallContext().get(), request, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
    v1::SetShiftPatternRequest shifts;  // around the clock, every day
    shifts.set_staff("staff/wang-li");
    for (int d = 1; d <= 7; ++d) {
      v1::Shift* s = shifts.add_shifts();
      s->set_weekday(d);
      s->set_start_minute(0);
      s->set_end_minute(24 * 60);
    }
    v1::SetShiftPatternResponse set;
    ASSERT_TRUE(clients[0]->SetShiftPattern(CallContext().get(), shifts, &set).ok());
  }
  // The processes run on the real clock; the meetings are three days ahead.
  const absl::Time base =
      absl::FromUnixSeconds((absl::ToUnixSeconds(absl::Now() + absl::Hours(72)) / 3600) * 3600);
  std::vector<std::string> meetings;
  for (int i = 0; i < kClients; ++i) {
    const absl::Time start = base + absl::Hours(3 * (i % kSets)) + absl::Minutes(i / kSets);
    v1::SetStaffingRequirementRequest request;
    v1::StaffingRequirement* r = request.mutable_requirement();
    r->set_meeting(absl::StrCat("meetings/galera-", i));
    *r->mutable_start_time() = api::ToTimestamp(start);
    *r->mutable_end_time() = api::ToTimestamp(start + absl::Hours(1));
    r->set_room("buildings/city-hall/rooms/301");
    r->set_participants(10);
    r->set_kind(v1::MEETING_KIND_INTERNAL);
    v1::SetStaffingRequirementResponse response;
    grpc::Status status =
        clients[i]->SetStaffingRequirement(CallContext().get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    meetings.push_back(r->meeting());
  }
  // Causal reads: node 1 has everything before its replica is asked.
  ASSERT_EQ(cluster.QueryInt(1, kDatabase, "SELECT COUNT(*) FROM requirements"), kClients);
  ASSERT_EQ(cluster.QueryInt(1, kDatabase, "SELECT COUNT(*) FROM shifts"), 7);

  const int64_t conflicts_before = cluster.RefusedCommits(kDatabase);
  std::vector<grpc::Status> statuses(kClients);
  absl::Barrier* start = new absl::Barrier(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      v1::AssignStaffRequest request;
      request.set_meeting(meetings[i]);
      request.set_staff("staff/wang-li");
      v1::AssignStaffResponse response;
      if (start->Block()) delete start;
      statuses[i] = clients[i]->AssignStaff(CallContext().get(), request, &response);
    });
  }
  for (std::thread& t : threads) t.join();

  std::vector<int> winners(kSets, 0);
  for (int i = 0; i < kClients; ++i) {
    if (statuses[i].ok()) {
      ++winners[i % kSets];
    } else {
      EXPECT_TRUE(statuses[i].error_code() == grpc::StatusCode::FAILED_PRECONDITION ||
                  statuses[i].error_code() == grpc::StatusCode::ABORTED)
          << meetings[i] << ": " << statuses[i].error_message();
    }
  }
  for (int set = 0; set < kSets; ++set) EXPECT_EQ(winners[set], 1) << "set " << set;
  for (int node = 0; node < GaleraCluster::kNodes; ++node) {
    SCOPED_TRACE(absl::StrCat("node ", node));
    EXPECT_EQ(cluster.QueryInt(node, kDatabase, kOverlaps), 0);
    EXPECT_EQ(cluster.QueryInt(node, kDatabase, "SELECT COUNT(*) FROM assignments"), kSets)
        << absl::StrJoin(cluster.QueryRows(node, kDatabase, "SELECT * FROM assignments"), "\n");
  }
  const int64_t conflicts = cluster.RefusedCommits(kDatabase) - conflicts_before;
  RecordProperty("node_conflicts", absl::StrCat(conflicts));
  std::fprintf(stderr,
               "race: %lld commits refused by the cluster (certification or brute-force "
               "abort), retried by the service\n",
               static_cast<long long>(conflicts));

  first.Signal(SIGTERM);
  second.Signal(SIGTERM);
  EXPECT_EQ(first.WaitForExit(absl::Seconds(20)), 0) << first.Log();
  EXPECT_EQ(second.WaitForExit(absl::Seconds(20)), 0) << second.Log();
}

}  // namespace
}  // namespace huiwu::testing
