#include "services/safety/safety_gauges.h"

#include <utility>

namespace huiwu::safety {
namespace {

constexpr Severity kAllSeverities[] = {Severity::kLow, Severity::kMedium, Severity::kHigh,
                                       Severity::kCritical};

std::vector<std::string> SeverityLabels() {
  std::vector<std::string> labels;
  for (Severity severity : kAllSeverities) labels.push_back(SeverityLabel(severity));
  return labels;
}

// Open or overdue hazards by severity label, from one count.
absl::StatusOr<metrics::GaugeValues> HazardValues(SafetyStore& store, absl::Time now,
                                                  int64_t OpenHazardCount::*field) {
  auto counts = store.CountOpenHazards(now);
  if (!counts.ok()) return counts.status();
  metrics::GaugeValues values;
  for (const auto& [severity, count] : *counts) {
    values[SeverityLabel(severity)] = static_cast<double>(count.*field);
  }
  return values;
}

}  // namespace

std::string SeverityLabel(Severity severity) {
  switch (severity) {
    case Severity::kLow:
      return "low";
    case Severity::kMedium:
      return "medium";
    case Severity::kHigh:
      return "high";
    case Severity::kCritical:
      return "critical";
  }
  return "unspecified";
}

std::vector<metrics::DomainGauge> SafetyGauges(std::shared_ptr<SafetyStore> store,
                                               const Clock& clock) {
  std::vector<metrics::DomainGauge> gauges;
  gauges.push_back(metrics::DomainGauge{
      "huiwu_safety_hazards_open", "Hazards reported and not yet resolved, by severity", "severity",
      SeverityLabels(), [store, &clock]() -> absl::StatusOr<metrics::GaugeValues> {
        return HazardValues(*store, clock.Now(), &OpenHazardCount::open);
      }});
  gauges.push_back(metrics::DomainGauge{
      "huiwu_safety_hazards_overdue", "Open hazards past their rectification deadline, by severity",
      "severity", SeverityLabels(), [store, &clock]() -> absl::StatusOr<metrics::GaugeValues> {
        return HazardValues(*store, clock.Now(), &OpenHazardCount::overdue);
      }});
  gauges.push_back(
      metrics::DomainGauge{"huiwu_safety_disinfections_overdue",
                           "Tea-set disinfections still pending an hour after their meeting ended",
                           "",
                           {},
                           [store, &clock]() -> absl::StatusOr<metrics::GaugeValues> {
                             absl::StatusOr<int64_t> count =
                                 store->CountPendingDisinfections(clock.Now() - kDisinfectionDue);
                             if (!count.ok()) return count.status();
                             return metrics::GaugeValues{{"", static_cast<double>(*count)}};
                           }});
  return gauges;
}

}  // namespace huiwu::safety
