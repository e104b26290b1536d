// The safety service as the suite measures it (issue 13; DESIGN §10: ≤ 2 ms at p99 with a
// million records): CheckRoomClearance, the question booking asks before every confirm,
// over real gRPC, with a long-running center's safety records bulk-loaded by SQL —
// hazards, inspection tasks and disinfection tasks over 2 buildings × 50 rooms. The
// safety_clearance scenario is this with sequential calls and the store alone beside it.
#ifndef HUIWU_TOOLS_BENCH_SAFETY_BENCH_H_
#define HUIWU_TOOLS_BENCH_SAFETY_BENCH_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/config/config.h"
#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "huiwu/safety/v1/safety_service.grpc.pb.h"
#include "services/safety/domain/place.h"
#include "tools/bench/load.h"

namespace huiwu::bench {

class SafetyBench final {
 public:
  static constexpr int kRoomsPerBuilding = 50;

  // Starts safety with `server`'s settings on database `database` (dropped first: a run
  // starts empty).
  static absl::StatusOr<std::unique_ptr<SafetyBench>> Start(const config::ServerConfig& server,
                                                            const std::string& database);
  ~SafetyBench();
  // Stops serving and every background job (idempotent; the destructor does it too).
  void Shutdown();

  // `rows` hazards, inspection tasks and disinfection tasks each, by SQL (MariaDB's
  // sequence engine, one statement per table): one hazard in twenty still open, one
  // disinfection in fifty pending, some inspections open and half of those past due.
  absl::Status LoadRecords(int rows);

  // The room and window of question `n` of `caller`: a room of either building, for two
  // hours from an hour ahead.
  static safety::Place RoomOf(int caller, int64_t n);
  // One CheckRoomClearance per call.
  CallFn CheckRoomClearance();
  // Answers so far that said the room is not clear, of all answers.
  int64_t blocked() const { return blocked_.load(); }
  int64_t answered() const { return answered_.load(); }

  const config::DatabaseConfig& database() const { return config_.database; }

 private:
  SafetyBench() = default;

  SystemClock clock_;
  config::ServerConfig config_;
  std::unique_ptr<server::ServiceHost> host_;
  std::unique_ptr<safety::v1::SafetyService::Stub> stub_;
  std::atomic<int64_t> blocked_{0};
  std::atomic<int64_t> answered_{0};
};

}  // namespace huiwu::bench

#endif  // HUIWU_TOOLS_BENCH_SAFETY_BENCH_H_
