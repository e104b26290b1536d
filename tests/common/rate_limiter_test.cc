// The per-caller token bucket with a manual clock: a burst, then one call per refill, a
// wait that says when the next token comes, and callers that do not share a bucket.
#include "common/server/rate_limiter.h"

#include "gtest/gtest.h"
#include "prometheus/registry.h"
#include "tests/support/gauge_value.h"

namespace huiwu::server {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1800000000);

TEST(TokenBucketTest, AllowsTheBurstThenOnePerRefill) {
  TokenBucket bucket(/*per_second=*/2, /*burst=*/3, kStart);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(bucket.Take(kStart), std::nullopt) << i;
  EXPECT_EQ(bucket.Take(kStart), absl::Milliseconds(500));
  EXPECT_EQ(bucket.Take(kStart + absl::Milliseconds(200)), absl::Milliseconds(300));
  EXPECT_EQ(bucket.Take(kStart + absl::Milliseconds(500)), std::nullopt);
  EXPECT_FALSE(bucket.Full(kStart + absl::Milliseconds(500)));
  // Idle long enough, it is full again, never fuller.
  EXPECT_TRUE(bucket.Full(kStart + absl::Seconds(10)));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(bucket.Take(kStart + absl::Seconds(10)), std::nullopt);
  EXPECT_NE(bucket.Take(kStart + absl::Seconds(10)), std::nullopt);
}

TEST(TokenBucketTest, AClockThatStepsBackDoesNotMintTokens) {
  TokenBucket bucket(1, 1, kStart);
  EXPECT_EQ(bucket.Take(kStart), std::nullopt);
  EXPECT_NE(bucket.Take(kStart - absl::Seconds(5)), std::nullopt);
  EXPECT_NE(bucket.Take(kStart), std::nullopt);
}

TEST(RateLimiterTest, LimitsEachCallerOnItsOwnAndCountsRefusals) {
  ManualClock clock(kStart);
  prometheus::Registry registry;
  RateLimiter limiter(config::RateLimitConfig{.per_caller_rps = 1, .burst = 2}, clock, &registry);
  ASSERT_TRUE(limiter.enabled());
  EXPECT_EQ(limiter.Admit("spiffe://huiwu/oa-system"), std::nullopt);
  EXPECT_EQ(limiter.Admit("spiffe://huiwu/oa-system"), std::nullopt);
  EXPECT_EQ(limiter.Admit("spiffe://huiwu/oa-system"), absl::Seconds(1));
  // Another system still has its whole burst.
  EXPECT_EQ(limiter.Admit("spiffe://huiwu/portal"), std::nullopt);
  clock.Advance(absl::Seconds(1));
  EXPECT_EQ(limiter.Admit("spiffe://huiwu/oa-system"), std::nullopt);
  auto refused = testing::FindSeries(registry, "huiwu_rate_limited_calls_total",
                                     {{"caller", "spiffe://huiwu/oa-system"}});
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->counter.value, 1);
}

TEST(RateLimiterTest, CallerLabelsAreBounded) {
  ManualClock clock(kStart);
  prometheus::Registry registry;
  RateLimiter limiter(config::RateLimitConfig{.per_caller_rps = 1, .burst = 1}, clock, &registry);
  for (int i = 0; i < 100; ++i) {
    const std::string caller = "ipv4:10.0.0." + std::to_string(i);
    limiter.Admit(caller);
    EXPECT_NE(limiter.Admit(caller), std::nullopt);
  }
  auto other =
      testing::FindSeries(registry, "huiwu_rate_limited_calls_total", {{"caller", "other"}});
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->counter.value, 100 - 32);
  size_t series = 0;
  for (const auto& family : registry.Collect()) {
    if (family.name == "huiwu_rate_limited_calls_total") series = family.metric.size();
  }
  EXPECT_EQ(series, 33u);
}

TEST(RateLimiterTest, OffByDefault) {
  ManualClock clock(kStart);
  RateLimiter limiter(config::RateLimitConfig{}, clock, nullptr);
  EXPECT_FALSE(limiter.enabled());
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(limiter.Admit("x"), std::nullopt);
}

TEST(RateLimitKeyTest, DropsThePortOfAPeerAddress) {
  EXPECT_EQ(RateLimitKey("ipv4:127.0.0.1:54321"), "ipv4:127.0.0.1");
  EXPECT_EQ(RateLimitKey("ipv6:[::1]:54321"), "ipv6:[::1]");
  EXPECT_EQ(RateLimitKey("ipv6:[::1]"), "ipv6:[::1]");
  EXPECT_EQ(RateLimitKey("spiffe://huiwu/oa-system"), "spiffe://huiwu/oa-system");
}

}  // namespace
}  // namespace huiwu::server
