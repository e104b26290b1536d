// Latency samples and their percentiles, printed the same way by every scenario.
#ifndef HUIWU_TOOLS_BENCH_LATENCY_H_
#define HUIWU_TOOLS_BENCH_LATENCY_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace huiwu::bench {

class Latencies final {
 public:
  void Add(absl::Duration d) { samples_.push_back(d); }
  void Add(const Latencies& other) {
    samples_.insert(samples_.end(), other.samples_.begin(), other.samples_.end());
  }
  // The q-quantile (0 < q ≤ 1) by the nearest-rank method; zero when empty.
  absl::Duration Quantile(double q) const;
  size_t count() const { return samples_.size(); }
  // "name: n calls, p50 …, p95 …, p99 …, max …" in milliseconds.
  std::string Summary(absl::string_view name) const;

 private:
  std::vector<absl::Duration> samples_;
};

}  // namespace huiwu::bench

#endif  // HUIWU_TOOLS_BENCH_LATENCY_H_
