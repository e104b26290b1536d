#include "tools/bench/latency.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_format.h"

namespace huiwu::bench {

absl::Duration Latencies::Quantile(double q) const {
  if (samples_.empty()) return absl::ZeroDuration();
  std::vector<absl::Duration> sorted = samples_;
  std::sort(sorted.begin(), sorted.end());
  const size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

std::string Latencies::Summary(absl::string_view name) const {
  const auto ms = [](absl::Duration d) { return absl::ToDoubleMilliseconds(d); };
  return absl::StrFormat("%s: %d calls, p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms", name,
                         count(), ms(Quantile(0.50)), ms(Quantile(0.95)), ms(Quantile(0.99)),
                         ms(Quantile(1.0)));
}

}  // namespace huiwu::bench
