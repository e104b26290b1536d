#include "common/metrics/domain_gauges.h"

#include <utility>

#include "common/log/log.h"
#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"

namespace huiwu::metrics {

DomainGaugeCollector::DomainGaugeCollector(prometheus::Registry& registry,
                                           std::vector<DomainGauge> gauges) {
  auto& errors = prometheus::BuildCounter()
                     .Name("huiwu_domain_gauge_refresh_errors_total")
                     .Help("Failed refreshes of a domain gauge (it keeps its last values)")
                     .Register(registry);
  absl::MutexLock lock(&mu_);
  for (DomainGauge& gauge : gauges) {
    Registered registered;
    registered.family =
        &prometheus::BuildGauge().Name(gauge.name).Help(gauge.help).Register(registry);
    registered.errors = &errors.Add({{"gauge", gauge.name}});
    registered.gauge = std::move(gauge);
    for (const std::string& value : registered.gauge.label_values) Series(registered, value);
    if (registered.gauge.label.empty()) Series(registered, "");
    gauges_.push_back(std::move(registered));
  }
}

prometheus::Gauge& DomainGaugeCollector::Series(Registered& registered,
                                                const std::string& label_value) {
  auto [it, inserted] = registered.series.try_emplace(label_value, nullptr);
  if (inserted) {
    it->second = registered.gauge.label.empty()
                     ? &registered.family->Add({})
                     : &registered.family->Add({{registered.gauge.label, label_value}});
  }
  return *it->second;
}

int DomainGaugeCollector::Refresh() {
  absl::MutexLock lock(&mu_);
  int failed = 0;
  for (Registered& registered : gauges_) {
    absl::StatusOr<GaugeValues> values = registered.gauge.read();
    if (!values.ok()) {
      ++failed;
      registered.errors->Increment();
      log::Warning("domain_gauge_refresh_failed",
                   {{"gauge", registered.gauge.name}, {"message", values.status().message()}});
      continue;
    }
    for (auto& [label_value, series] : registered.series) {
      if (values->find(label_value) == values->end()) series->Set(0);
    }
    for (const auto& [label_value, value] : *values) {
      Series(registered, registered.gauge.label.empty() ? "" : label_value).Set(value);
    }
  }
  return failed;
}

}  // namespace huiwu::metrics
