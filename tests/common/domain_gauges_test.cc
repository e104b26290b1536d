// The domain gauge collector on its own: what a refresh sets, what a failed read keeps.
#include "common/metrics/domain_gauges.h"

#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"
#include "tests/support/gauge_value.h"

namespace huiwu::metrics {
namespace {

using ::huiwu::testing::CounterValue;
using ::huiwu::testing::GaugeValue;

// A gauge whose reading the test sets: the values or an error.
struct Source {
  absl::StatusOr<GaugeValues> next = GaugeValues{};
  DomainGauge Gauge(const std::string& name, const std::string& label,
                    std::vector<std::string> label_values) {
    return DomainGauge{name, "test gauge", label, std::move(label_values), [this] { return next; }};
  }
};

TEST(DomainGaugesTest, KnownLabelValuesExistAtZeroBeforeAnyRefresh) {
  prometheus::Registry registry;
  Source hazards;
  DomainGaugeCollector collector(
      registry, {hazards.Gauge("huiwu_test_hazards", "severity", {"high", "critical"})});
  EXPECT_EQ(GaugeValue(registry, "huiwu_test_hazards", {{"severity", "critical"}}), 0.0);
  EXPECT_EQ(GaugeValue(registry, "huiwu_test_hazards", {{"severity", "high"}}), 0.0);
}

TEST(DomainGaugesTest, RefreshSetsValuesAndZeroesLabelValuesNoLongerCounted) {
  prometheus::Registry registry;
  Source hazards;
  Source keys;
  DomainGaugeCollector collector(
      registry, {hazards.Gauge("huiwu_test_hazards", "severity", {"high", "critical"}),
                 keys.Gauge("huiwu_test_keys", "", {})});
  hazards.next = GaugeValues{{"critical", 2}, {"low", 5}};
  keys.next = GaugeValues{{"", 3}};
  EXPECT_EQ(collector.Refresh(), 0);
  EXPECT_EQ(GaugeValue(registry, "huiwu_test_hazards", {{"severity", "critical"}}), 2.0);
  EXPECT_EQ(GaugeValue(registry, "huiwu_test_hazards", {{"severity", "high"}}), 0.0);
  // A label value not declared gets its series when first seen.
  EXPECT_EQ(GaugeValue(registry, "huiwu_test_hazards", {{"severity", "low"}}), 5.0);
  EXPECT_EQ(GaugeValue(registry, "huiwu_test_keys"), 3.0);

  hazards.next = GaugeValues{{"high", 1}};
  EXPECT_EQ(collector.Refresh(), 0);
  EXPECT_EQ(GaugeValue(registry, "huiwu_test_hazards", {{"severity", "critical"}}), 0.0);
  EXPECT_EQ(GaugeValue(registry, "huiwu_test_hazards", {{"severity", "low"}}), 0.0);
  EXPECT_EQ(GaugeValue(registry, "huiwu_test_hazards", {{"severity", "high"}}), 1.0);
}

TEST(DomainGaugesTest, FailedReadKeepsLastValuesAndCountsTheError) {
  prometheus::Registry registry;
  Source hazards;
  Source keys;
  DomainGaugeCollector collector(registry,
                                 {hazards.Gauge("huiwu_test_hazards", "severity", {"critical"}),
                                  keys.Gauge("huiwu_test_keys", "", {})});
  hazards.next = GaugeValues{{"critical", 2}};
  keys.next = GaugeValues{{"", 3}};
  ASSERT_EQ(collector.Refresh(), 0);

  hazards.next = absl::UnavailableError("database unreachable");
  keys.next = GaugeValues{{"", 4}};
  EXPECT_EQ(collector.Refresh(), 1);
  EXPECT_EQ(GaugeValue(registry, "huiwu_test_hazards", {{"severity", "critical"}}), 2.0);
  EXPECT_EQ(GaugeValue(registry, "huiwu_test_keys"), 4.0);  // the others still refresh
  EXPECT_EQ(CounterValue(registry, "huiwu_domain_gauge_refresh_errors_total",
                         {{"gauge", "huiwu_test_hazards"}}),
            1.0);
  EXPECT_EQ(CounterValue(registry, "huiwu_domain_gauge_refresh_errors_total",
                         {{"gauge", "huiwu_test_keys"}}),
            0.0);
}

}  // namespace
}  // namespace huiwu::metrics
