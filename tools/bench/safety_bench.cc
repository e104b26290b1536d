#include "tools/bench/safety_bench.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/memory/memory.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/api/timestamp.h"
#include "common/db/pool.h"
#include "services/safety/safety_spec.h"
#include "tools/bench/in_process.h"

namespace huiwu::bench {
namespace {

namespace v1 = safety::v1;

// The rows of one sequence table (seq_<from>_to_<to>) for the three tables.
std::vector<std::string> ChunkStatements(const std::string& seq) {
  const int rooms = SafetyBench::kRoomsPerBuilding;
  return {
      // One in twenty still open, the rest verified; severities even.
      absl::StrCat(
          "INSERT INTO hazards (hazard_id, kind, severity, building_id, room_id, description, "
          "reporter, state, is_open, assignee, deadline, escalation_level, escalation_count, "
          "resolution, resolver, verifier, version, create_time, update_time) "
          "SELECT CONCAT('h', seq), 1 + seq % 5, 1 + (seq DIV 2) % 4, IF(seq % 2 = 0, 'city-hall', "
          "'citizen-center'), CONCAT('r', seq % ",
          rooms,
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
          rooms,
          "), UTC_TIMESTAMP() - INTERVAL seq MINUTE, seq % 50 = 0, 'staff/f-002', 1, NULL, '', "
          "UTC_TIMESTAMP() FROM ",
          seq),
      // Mostly done; some open, half of those past due and half of those mandatory.
      absl::StrCat(
          "INSERT INTO inspection_tasks (task_id, schedule_id, template_id, building_id, "
          "room_id, start_time, due_time, mandatory, is_open, inspection_id) "
          "SELECT CONCAT('t', seq), CONCAT('s', seq % 100), 'daily-fire-patrol', "
          "IF(seq % 2 = 0, 'city-hall', 'citizen-center'), CONCAT('r', seq % ",
          rooms,
          "), UTC_TIMESTAMP() - INTERVAL seq MINUTE, UTC_TIMESTAMP() + INTERVAL "
          "(CAST(seq AS SIGNED) % 200 - 100) MINUTE, (seq DIV 20) % 2, seq % 20 = 0, '' FROM ",
          seq),
  };
}

// The bulk load: MariaDB's sequence engine makes the rows, 200,000 per statement (10^6 in
// one statement outlasts the connection's statement timeout). The sequence bounds are
// ints of ours, so building the table names by text is safe here (test data only).
std::vector<std::string> LoadStatements(int rows) {
  std::vector<std::string> statements = {
      "DELETE FROM hazard_escalations",
      "DELETE FROM hazards",
      "DELETE FROM disinfection_tasks",
      "DELETE FROM inspection_tasks",
  };
  constexpr int kChunk = 200000;
  for (int from = 1; from <= rows; from += kChunk) {
    for (std::string& sql :
         ChunkStatements(absl::StrCat("seq_", from, "_to_", std::min(rows, from + kChunk - 1)))) {
      statements.push_back(std::move(sql));
    }
  }
  statements.push_back("ANALYZE TABLE hazards, disinfection_tasks, inspection_tasks");
  return statements;
}

}  // namespace

absl::StatusOr<std::unique_ptr<SafetyBench>> SafetyBench::Start(const config::ServerConfig& server,
                                                                const std::string& database) {
  auto bench = absl::WrapUnique(new SafetyBench());
  const absl::Status dropped = DropDatabases(server.database, {database});
  if (!dropped.ok()) return dropped;
  bench->config_ = InProcessConfig(server, database);
  auto host = server::ServiceHost::Start(safety::SafetyServiceSpec(bench->clock_), bench->config_,
                                         absl::Seconds(30));
  if (!host.ok()) return host.status();
  bench->host_ = std::move(*host);
  bench->stub_ = v1::SafetyService::NewStub(LoopbackChannel(bench->host_->grpc_port()));
  return bench;
}

SafetyBench::~SafetyBench() { Shutdown(); }

void SafetyBench::Shutdown() {
  if (host_ != nullptr) host_->Shutdown(absl::Seconds(2));
}

absl::Status SafetyBench::LoadRecords(int rows) {
  db::ConnectionPool pool(config_.database, nullptr);
  auto connection = pool.OpenConnection();
  if (!connection.ok()) return connection.status();
  (*connection)->SetAutocommit(true);
  for (const std::string& sql : LoadStatements(rows)) {
    const absl::Status loaded = ExecuteSql(**connection, sql);
    if (!loaded.ok()) return loaded;
  }
  return absl::OkStatus();
}

safety::Place SafetyBench::RoomOf(int caller, int64_t n) {
  const int64_t i = n + 37 * caller;
  return safety::Place{i % 2 == 0 ? "city-hall" : "citizen-center",
                       absl::StrCat("r", (i / 2) % kRoomsPerBuilding)};
}

CallFn SafetyBench::CheckRoomClearance() {
  return [this](int caller, int64_t n, std::string* label) {
    const safety::Place room = RoomOf(caller, n);
    v1::CheckRoomClearanceRequest request;
    request.set_room(absl::StrCat("buildings/", room.building_id, "/rooms/", room.room_id));
    const absl::Time now = absl::Now();
    *request.mutable_start_time() = api::ToTimestamp(now + absl::Hours(1));
    *request.mutable_end_time() = api::ToTimestamp(now + absl::Hours(3));
    v1::CheckRoomClearanceResponse response;
    const grpc::Status status = stub_->CheckRoomClearance(CallContext().get(), request, &response);
    if (status.ok()) {
      answered_.fetch_add(1, std::memory_order_relaxed);
      if (!response.clear()) blocked_.fetch_add(1, std::memory_order_relaxed);
    }
    return Labelled(status, label);
  };
}

}  // namespace huiwu::bench
