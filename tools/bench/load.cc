#include "tools/bench/load.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"

namespace huiwu::bench {
namespace {

// gRPC's code names ("RESOURCE_EXHAUSTED"), for the error column: absl's are the same.
std::string CodeName(grpc::StatusCode code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

struct CallerTally {
  int64_t ok = 0;
  std::map<std::string, int64_t> errors;
  std::vector<absl::Duration> latencies;
};

}  // namespace

double LoadResult::PerSecond() const {
  const double seconds = absl::ToDoubleSeconds(elapsed);
  return seconds > 0 ? static_cast<double>(ok) / seconds : 0.0;
}

void LoadResult::Add(const LoadResult& other) {
  callers = other.callers;
  ok += other.ok;
  for (const auto& [label, count] : other.errors) errors[label] += count;
  elapsed += other.elapsed;
  latencies.Add(other.latencies);
}

int64_t LoadResult::failed() const {
  int64_t n = 0;
  for (const auto& [_, count] : errors) n += count;
  return n;
}

std::string LoadResult::ErrorsText() const {
  if (errors.empty()) return "0";
  return absl::StrJoin(errors, ", ", [](std::string* out, const auto& entry) {
    absl::StrAppend(out, entry.first, " ", entry.second);
  });
}

LoadResult RunLoad(const LoadPlan& plan, const CallFn& call) {
  std::vector<CallerTally> tallies(plan.callers);
  std::atomic<int64_t> calls_made{0};
  std::atomic<bool> stop{false};
  const absl::Time start = absl::Now();
  const absl::Time measure_from = start + plan.warm_up;
  const absl::Time measure_until = measure_from + plan.measure;
  std::vector<std::thread> threads;
  threads.reserve(plan.callers);
  for (int caller = 0; caller < plan.callers; ++caller) {
    threads.emplace_back([&, caller] {
      CallerTally& tally = tallies[caller];
      for (int64_t n = 0; !stop.load(std::memory_order_relaxed); ++n) {
        const absl::Time sent = absl::Now();
        if (sent >= measure_until) break;
        const bool measured = sent >= measure_from;
        if (plan.max_calls > 0 &&
            calls_made.fetch_add(1, std::memory_order_relaxed) >= plan.max_calls) {
          stop = true;
          break;
        }
        std::string label;
        const grpc::Status status = call(caller, n, &label);
        if (!measured) continue;
        tally.latencies.push_back(absl::Now() - sent);
        if (status.ok()) {
          ++tally.ok;
        } else {
          ++tally.errors[label.empty() ? CodeName(status.error_code())
                                       : absl::StrCat(CodeName(status.error_code()), " ", label)];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  LoadResult result;
  result.callers = plan.callers;
  // The measured span ends when the last caller's last call returned (a stopped run
  // ends early; a slow call may end after measure_until).
  result.elapsed = std::max(absl::Now(), measure_from) - measure_from;
  for (CallerTally& tally : tallies) {
    result.ok += tally.ok;
    for (const auto& [label, count] : tally.errors) result.errors[label] += count;
    for (absl::Duration d : tally.latencies) result.latencies.Add(d);
  }
  return result;
}

}  // namespace huiwu::bench
