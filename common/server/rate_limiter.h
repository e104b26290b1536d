// Per-caller rate limit (issue 11): a token bucket per calling system (CallerOf), so one
// misbehaving integrator cannot take the service from the others. Checked at every
// handler's entry (CallGate), before any work; health checks never reach it.
#ifndef HUIWU_COMMON_SERVER_RATE_LIMITER_H_
#define HUIWU_COMMON_SERVER_RATE_LIMITER_H_

#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/config/config.h"
#include "common/metrics/caller_counter.h"
#include "common/time/clock.h"

namespace prometheus {
class Registry;
}  // namespace prometheus

namespace huiwu::server {

// Holds up to `burst` tokens, refilled at `per_second`; each call takes one.
class TokenBucket final {
 public:
  TokenBucket(double per_second, double burst, absl::Time now);

  // Takes a token and returns nullopt, or returns how long until one is available.
  std::optional<absl::Duration> Take(absl::Time now);
  // Whether the bucket is full at `now`: it then behaves as a new one would.
  bool Full(absl::Time now) const;

 private:
  double Tokens(absl::Time now) const;

  double per_second_;
  double burst_;
  double tokens_;
  absl::Time updated_;
};

// The key a caller is limited by: CallerOf, without the port of a peer address (a client
// must not get a fresh bucket per connection). "ipv4:10.0.0.5:41234" → "ipv4:10.0.0.5".
std::string RateLimitKey(absl::string_view caller);

class RateLimiter final {
 public:
  // `registry` may be null (no metrics).
  RateLimiter(const config::RateLimitConfig& config, const Clock& clock,
              prometheus::Registry* registry);

  bool enabled() const { return config_.per_caller_rps > 0; }

  // nullopt when `key`'s call may proceed; else how long the caller should wait.
  std::optional<absl::Duration> Admit(absl::string_view key);

 private:
  const config::RateLimitConfig config_;
  const Clock& clock_;
  metrics::CallerCounter refused_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, TokenBucket> buckets_ ABSL_GUARDED_BY(mu_);
};

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_RATE_LIMITER_H_
