// Reading a metric back from a prometheus-cpp registry, for the domain gauge tests.
#ifndef HUIWU_TESTS_SUPPORT_GAUGE_VALUE_H_
#define HUIWU_TESTS_SUPPORT_GAUGE_VALUE_H_

#include <map>
#include <optional>
#include <string>

#include "prometheus/registry.h"

namespace huiwu::testing {

// The series of `name` with exactly `labels`; nullopt when there is none.
inline std::optional<prometheus::ClientMetric> FindSeries(
    prometheus::Registry& registry, const std::string& name,
    const std::map<std::string, std::string>& labels = {}) {
  for (const prometheus::MetricFamily& family : registry.Collect()) {
    if (family.name != name) continue;
    for (const prometheus::ClientMetric& metric : family.metric) {
      std::map<std::string, std::string> got;
      for (const prometheus::ClientMetric::Label& label : metric.label) {
        got[label.name] = label.value;
      }
      if (got == labels) return metric;
    }
  }
  return std::nullopt;
}

inline std::optional<double> GaugeValue(prometheus::Registry& registry, const std::string& name,
                                        const std::map<std::string, std::string>& labels = {}) {
  auto series = FindSeries(registry, name, labels);
  if (!series.has_value()) return std::nullopt;
  return series->gauge.value;
}

inline std::optional<double> CounterValue(prometheus::Registry& registry, const std::string& name,
                                          const std::map<std::string, std::string>& labels = {}) {
  auto series = FindSeries(registry, name, labels);
  if (!series.has_value()) return std::nullopt;
  return series->counter.value;
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_GAUGE_VALUE_H_
