#include "common/server/rate_limiter.h"

#include <algorithm>
#include <cmath>

#include "absl/container/inlined_vector.h"
#include "prometheus/counter.h"
#include "prometheus/registry.h"

namespace huiwu::server {
namespace {

// Buckets kept before idle (full) ones are dropped: memory stays bounded whatever the
// number of distinct callers, and a dropped bucket comes back full, as it was.
constexpr size_t kMaxBuckets = 10000;
// Callers that get a label of their own in huiwu_rate_limited_calls_total; later ones
// are counted as caller="other". Under mTLS the callers are the center's few systems;
// until then they are peer addresses, which an attacker could vary without end.
constexpr size_t kMaxCallerLabels = 32;

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
    : config_(config), clock_(clock) {
  if (registry != nullptr) {
    refused_ = &prometheus::BuildCounter()
                    .Name("huiwu_rate_limited_calls_total")
                    .Help(
                        "Calls refused with RESOURCE_EXHAUSTED by the per-caller rate limit, "
                        "by caller (the first 32 callers limited; the rest as \"other\").")
                    .Register(*registry);
  }
}

prometheus::Counter* RateLimiter::RefusedCounter(const std::string& key) {
  if (refused_ == nullptr) return nullptr;
  auto it = counters_.find(key);
  if (it != counters_.end()) return it->second;
  if (counters_.size() < kMaxCallerLabels) {
    prometheus::Counter* counter = &refused_->Add({{"caller", key}});
    counters_.emplace(key, counter);
    return counter;
  }
  if (other_ == nullptr) other_ = &refused_->Add({{"caller", "other"}});
  return other_;
}

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
    if (prometheus::Counter* counter = RefusedCounter(std::string(key))) counter->Increment();
  }
  return wait;
}

}  // namespace huiwu::server
