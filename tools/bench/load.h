// Closed-loop load: N callers, each calling as soon as its previous call returned, for a
// fixed time after a warm-up. What an integrating system with N threads sees.
#ifndef HUIWU_TOOLS_BENCH_LOAD_H_
#define HUIWU_TOOLS_BENCH_LOAD_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "absl/time/time.h"
#include "grpcpp/support/status.h"
#include "tools/bench/latency.h"

namespace huiwu::bench {

struct LoadPlan {
  int callers = 1;
  absl::Duration warm_up = absl::Milliseconds(300);  // calls made, not measured
  absl::Duration measure = absl::Seconds(2);
  // Stop early after this many calls in all, the warm-up's included (0: no limit): for
  // calls that use up prepared data (each confirm needs its own notice, and a warm-up
  // confirm takes one too).
  int64_t max_calls = 0;
};

struct LoadResult {
  int callers = 0;
  int64_t ok = 0;
  std::map<std::string, int64_t> errors;  // by gRPC code name (and reason, when given)
  absl::Duration elapsed;
  Latencies latencies;  // of every measured call, failed ones included

  double PerSecond() const;  // successful calls per second
  // Adds another run of the same load (its calls, errors, time and latencies).
  void Add(const LoadResult& other);
  int64_t failed() const;
  std::string ErrorsText() const;  // "RESOURCE_EXHAUSTED 12, ABORTED 3", or "0"
};

// `call(caller, n)` makes one call: caller in [0, callers), n counting that caller's
// calls from 0 (warm-up included). It returns the call's status; an error status whose
// text should be counted apart (e.g. a FAILED_PRECONDITION ROOM_CONFLICT) puts a reason
// in `*error_label`.
using CallFn = std::function<grpc::Status(int caller, int64_t n, std::string* error_label)>;

LoadResult RunLoad(const LoadPlan& plan, const CallFn& call);

}  // namespace huiwu::bench

#endif  // HUIWU_TOOLS_BENCH_LOAD_H_
