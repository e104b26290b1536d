#include "common/server/rate_limiter.h"

#include <algorithm>
#include <cmath>

#include "absl/container/inlined_vector.h"

namespace huiwu::server {
namespace {

// Buckets kept before idle (full) ones are dropped: memory stays bounded whatever the
// number of distinct callers, and a dropped bucket comes back full, as it was.
constexpr size_t kMaxBuckets = 10000;

}  // namespace

TokenBucket::TokenBucket(double per_second, double burst, absl::Time now)
    : per_second_(per_second), burst_(burst), tokens_(burst), updated_(now) {}

double TokenBucket::Tokens(absl::Time now) const {
  const double elapsed = std::max(0.0, absl::ToDoubleSeconds(now - updated_));
  return std::min(burst_, tokens_ + elapsed * per_second_);
}

bool TokenBucket::Full(absl::Time now) const { return Tokens(now) >= burst_; }

std::optional<absl::Duration> TokenBucket::Take(absl::Time now) {
  tokens_ = Tokens(now);
  updated_ = std::max(updated_, now);
  if (tokens_ >= 1) {
    tokens_ -= 1;
    return std::nullopt;
  }
  // Round up to a millisecond: a client that waits that long finds a token.
  const double seconds = (1 - tokens_) / per_second_;
  return absl::Milliseconds(std::ceil(seconds * 1000));
}

std::string RateLimitKey(absl::string_view caller) {
  if (caller.substr(0, 5) == "ipv4:" || caller.substr(0, 5) == "ipv6:") {
    const size_t colon = caller.rfind(':');
    // ipv6 peers look like "ipv6:[::1]:5000": the port follows the closing bracket.
    const size_t bracket = caller.rfind(']');
    if (colon != absl::string_view::npos && colon > 4 &&
        (bracket == absl::string_view::npos || colon > bracket)) {
      return std::string(caller.substr(0, colon));
    }
  }
  return std::string(caller);
}

RateLimiter::RateLimiter(const config::RateLimitConfig& config, const Clock& clock,
                         prometheus::Registry* registry)
    : config_(config),
      clock_(clock),
      refused_(registry, "huiwu_rate_limited_calls_total",
               "Calls refused with RESOURCE_EXHAUSTED by the per-caller rate limit.") {}

std::optional<absl::Duration> RateLimiter::Admit(absl::string_view key) {
  if (!enabled()) return std::nullopt;
  const absl::Time now = clock_.Now();
  absl::MutexLock lock(&mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= kMaxBuckets) {
      absl::erase_if(buckets_, [now](const auto& entry) { return entry.second.Full(now); });
    }
    it = buckets_.emplace(key, TokenBucket(config_.per_caller_rps, config_.burst, now)).first;
  }
  std::optional<absl::Duration> wait = it->second.Take(now);
  if (wait.has_value()) {
    refused_.Increment(key);
  }
  return wait;
}

}  // namespace huiwu::server
