// CheckRoomClearance on booking's confirm path (DESIGN §10: ≤ 2 ms at p99): 10^5 hazards,
// inspection tasks and disinfection tasks bulk-loaded by SQL over 2 buildings × 50
// rooms, then sequential calls over real gRPC to the safety service in-process.
#include <cppconn/connection.h>
#include <cppconn/statement.h>

#include <cstdio>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/api/timestamp.h"
#include "common/db/pool.h"
#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "huiwu/safety/v1/safety_service.grpc.pb.h"
#include "services/safety/safety_spec.h"
#include "services/safety/store/safety_store.h"
#include "tools/bench/latency.h"
#include "tools/bench/scenario.h"

namespace huiwu::bench {
namespace {

constexpr int kRoomsPerBuilding = 50;
constexpr int kWarmUpCalls = 200;

// The bulk load: MariaDB's sequence engine makes N rows in one statement. `rows` is an
// int of ours, so building the table name by text is safe here (test data only).
std::vector<std::string> LoadStatements(int rows) {
  const std::string seq = absl::StrCat("seq_1_to_", rows);
  return {
      "DELETE FROM hazard_escalations",
      "DELETE FROM hazards",
      "DELETE FROM disinfection_tasks",
      "DELETE FROM inspection_tasks",
      // One in twenty still open, the rest verified; severities even.
      absl::StrCat(
          "INSERT INTO hazards (hazard_id, kind, severity, building_id, room_id, description, "
          "reporter, state, is_open, assignee, deadline, escalation_level, escalation_count, "
          "resolution, resolver, verifier, version, create_time, update_time) "
          "SELECT CONCAT('h', seq), 1 + seq % 5, 1 + (seq DIV 2) % 4, IF(seq % 2 = 0, 'city-hall', "
          "'citizen-center'), CONCAT('r', seq % ",
          kRoomsPerBuilding,
          "), '插线板过载', 'staff/s-001', IF(seq % 20 = 0, 1, 5), seq % 20 = 0, '', "
          "UTC_TIMESTAMP() + INTERVAL (seq % 72) HOUR, 1, 0, '', '', '', 1, "
          "UTC_TIMESTAMP() - INTERVAL seq MINUTE, UTC_TIMESTAMP() FROM ",
          seq),
      // One in fifty pending (the rest done): the meetings of the last months.
      absl::StrCat(
          "INSERT INTO disinfection_tasks (task_id, meeting_id, building_id, room_id, "
          "meeting_end_time, is_pending, performer, method, complete_time, note, create_time) "
          "SELECT CONCAT('d', seq), CONCAT('m', seq), IF(seq % 2 = 0, 'city-hall', "
          "'citizen-center'), CONCAT('r', seq % ",
          kRoomsPerBuilding,
          "), UTC_TIMESTAMP() - INTERVAL seq MINUTE, seq % 50 = 0, 'staff/f-002', 1, NULL, '', "
          "UTC_TIMESTAMP() FROM ",
          seq),
      // Mostly done; some open, half of those past due.
      absl::StrCat("INSERT INTO inspection_tasks (task_id, schedule_id, template_id, building_id, "
                   "room_id, start_time, due_time, mandatory, is_open, inspection_id) "
                   "SELECT CONCAT('t', seq), CONCAT('s', seq % 100), 'daily-fire-patrol', "
                   "IF(seq % 2 = 0, 'city-hall', 'citizen-center'), CONCAT('r', seq % ",
                   kRoomsPerBuilding,
                   "), UTC_TIMESTAMP() - INTERVAL seq MINUTE, UTC_TIMESTAMP() + INTERVAL "
                   "(CAST(seq AS SIGNED) % 200 - 100) MINUTE, seq % 2, seq % 20 = 0, '' FROM ",
                   seq),
      "ANALYZE TABLE hazards, disinfection_tasks, inspection_tasks",
  };
}

int Run(const BenchOptions& options) {
  static const SystemClock clock;
  config::ServerConfig config;
  config.host = "127.0.0.1";
  config.grpc_port = 0;
  config.metrics_port = -1;
  config.max_threads = 16;
  config.health_check_interval = absl::Seconds(5);
  config.shutdown_grace = absl::Seconds(2);
  config.database = options.database;
  // In-process on loopback: the benchmark measures the service, not the handshake.
  config.tls.enabled = false;
  auto host =
      server::ServiceHost::Start(safety::SafetyServiceSpec(clock), config, absl::Seconds(30));
  if (!host.ok()) {
    std::fprintf(stderr, "cannot start the safety service: %s\n",
                 std::string(host.status().message()).c_str());
    return 1;
  }
  db::ConnectionPool pool(options.database, nullptr);
  auto connection = pool.OpenConnection();
  if (!connection.ok()) {
    std::fprintf(stderr, "cannot connect: %s\n",
                 std::string(connection.status().message()).c_str());
    return 1;
  }
  (*connection)->raw().setAutoCommit(true);
  const absl::Time load_start = absl::Now();
  for (const std::string& sql : LoadStatements(options.rows)) {
    std::unique_ptr<sql::Statement> statement((*connection)->raw().createStatement());
    statement->execute(sql);
    while (statement->getMoreResults()) {
    }
  }
  std::printf("loaded %d hazards, disinfection tasks and inspection tasks in %.1f s\n",
              options.rows, absl::ToDoubleSeconds(absl::Now() - load_start));

  auto stub = safety::v1::SafetyService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", (*host)->grpc_port()), grpc::InsecureChannelCredentials()));
  Latencies latencies;
  int blocked = 0;
  int failed = 0;
  for (int i = 0; i < kWarmUpCalls + options.calls; ++i) {
    safety::v1::CheckRoomClearanceRequest request;
    request.set_room(absl::StrCat("buildings/", i % 2 == 0 ? "city-hall" : "citizen-center",
                                  "/rooms/r", (i / 2) % kRoomsPerBuilding));
    const absl::Time now = absl::Now();
    *request.mutable_start_time() = api::ToTimestamp(now + absl::Hours(1));
    *request.mutable_end_time() = api::ToTimestamp(now + absl::Hours(3));
    safety::v1::CheckRoomClearanceResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    const absl::Time sent = absl::Now();
    const grpc::Status status = stub->CheckRoomClearance(&context, request, &response);
    const absl::Duration took = absl::Now() - sent;
    if (i < kWarmUpCalls) continue;
    if (!status.ok()) {
      ++failed;
      continue;
    }
    latencies.Add(took);
    if (!response.clear()) ++blocked;
  }
  std::printf("%s\n", latencies.Summary("CheckRoomClearance").c_str());
  std::printf("blocked answers %d of %zu, failed calls %d\n", blocked, latencies.count(), failed);

  // The same reads without gRPC, in the same run: the store's one statement on a pooled
  // connection. What the RPC adds above this is our server's and gRPC's share.
  safety::SafetyStore store(pool);
  Latencies store_latencies;
  for (int i = 0; i < kWarmUpCalls + options.calls; ++i) {
    const safety::Place room{i % 2 == 0 ? "city-hall" : "citizen-center",
                             absl::StrCat("r", (i / 2) % kRoomsPerBuilding)};
    const absl::Time now = absl::Now();
    const absl::Time sent = absl::Now();
    const auto blocks = store.CheckClearance(room, now + absl::Hours(1), now + absl::Hours(3), now);
    const absl::Duration took = absl::Now() - sent;
    if (i < kWarmUpCalls) continue;
    if (!blocks.ok()) {
      ++failed;
      continue;
    }
    store_latencies.Add(took);
  }
  std::printf("%s\n", store_latencies.Summary("the same reads, store only (no gRPC)").c_str());
  (*host)->Shutdown(absl::Seconds(2));
  return failed == 0 ? 0 : 1;
}

}  // namespace

Scenario SafetyClearanceScenario() {
  return {"safety_clearance",
          "CheckRoomClearance latency with --rows hazards, inspection and disinfection tasks", Run};
}

}  // namespace huiwu::bench
