// CheckRoomClearance alone (the suite measures it too, under load, as its safety rows):
// SafetyBench's records bulk-loaded at --rows, then --calls sequential calls over real gRPC
// and the same questions to the store without gRPC, so that what the RPC adds shows apart.
// bench_safety_clearance_smoke runs it at a tiny size.
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/pool.h"
#include "services/safety/store/safety_store.h"
#include "tools/bench/latency.h"
#include "tools/bench/safety_bench.h"
#include "tools/bench/scenario.h"

namespace huiwu::bench {
namespace {

constexpr int kWarmUpCalls = 200;

int Run(const BenchOptions& options) {
  auto bench = SafetyBench::Start(options.server, options.database.database);
  if (!bench.ok()) {
    std::fprintf(stderr, "cannot start the safety service: %s\n",
                 std::string(bench.status().message()).c_str());
    return 1;
  }
  const absl::Time load_start = absl::Now();
  if (absl::Status loaded = (*bench)->LoadRecords(options.rows); !loaded.ok()) {
    std::fprintf(stderr, "loading: %s\n", std::string(loaded.message()).c_str());
    return 1;
  }
  std::printf("loaded %d hazards, disinfection tasks and inspection tasks in %.1f s\n",
              options.rows, absl::ToDoubleSeconds(absl::Now() - load_start));

  const CallFn call = (*bench)->CheckRoomClearance();
  Latencies latencies;
  int failed = 0;
  for (int i = 0; i < kWarmUpCalls + options.calls; ++i) {
    std::string label;
    const absl::Time sent = absl::Now();
    const grpc::Status status = call(0, i, &label);
    const absl::Duration took = absl::Now() - sent;
    if (i < kWarmUpCalls) continue;
    if (!status.ok()) {
      ++failed;
      continue;
    }
    latencies.Add(took);
  }
  std::printf("%s\n", latencies.Summary("CheckRoomClearance").c_str());
  std::printf("blocked answers %lld of %lld (warm-up included), failed calls %d\n",
              static_cast<long long>((*bench)->blocked()),
              static_cast<long long>((*bench)->answered()), failed);

  // The same reads without gRPC, in the same run: the store's one statement on a pooled
  // connection. What the RPC adds above this is our server's and gRPC's share.
  db::ConnectionPool pool((*bench)->database(), nullptr);
  safety::SafetyStore store(pool);
  Latencies store_latencies;
  for (int i = 0; i < kWarmUpCalls + options.calls; ++i) {
    const safety::Place room = SafetyBench::RoomOf(0, i);
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
  return failed == 0 ? 0 : 1;
}

}  // namespace

Scenario SafetyClearanceScenario() {
  return {"safety_clearance",
          "CheckRoomClearance latency with --rows hazards, inspection and disinfection tasks", Run};
}

}  // namespace huiwu::bench
