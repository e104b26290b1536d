// Domain gauges (huiwu_<service>_…): the state of the center that the meeting-affairs
// dashboard and the alerts read — today's meetings by state, open hazards by severity,
// keys overdue. Each service describes its gauges (names here, queries in its store/);
// the host refreshes them all at start-up and then every --gauge_interval on a thread of
// its own, so a scrape never waits for the database and never loads it.
#ifndef HUIWU_COMMON_METRICS_DOMAIN_GAUGES_H_
#define HUIWU_COMMON_METRICS_DOMAIN_GAUGES_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace prometheus {
class Counter;
class Gauge;
class Registry;
template <typename T>
class Family;
}  // namespace prometheus

namespace huiwu::metrics {

// One reading: the value of each label value ("" for a gauge without a label).
using GaugeValues = std::map<std::string, double>;

struct DomainGauge {
  std::string name;  // huiwu_<service>_<what>
  std::string help;
  std::string label;  // the one label's name ("state", "severity"); empty: none
  // Label values whose series always exist, at 0 when nothing counts: an alert on
  // {severity="critical"} and a dashboard panel then see 0, not "no data".
  std::vector<std::string> label_values;
  // The current values, read without a transaction (db::ReadOnly). A label value not in
  // the answer is 0; one not in `label_values` gets its series on first sight.
  std::function<absl::StatusOr<GaugeValues>()> read;
};

class DomainGaugeCollector final {
 public:
  // Registers every gauge and huiwu_domain_gauge_refresh_errors_total{gauge} once, at
  // start-up (never per refresh).
  DomainGaugeCollector(prometheus::Registry& registry, std::vector<DomainGauge> gauges);

  // Reads every gauge once and sets it. A failed read leaves that gauge's last values
  // (an operator sees a stale number and the error counter, not a false 0), counts the
  // error and logs it. Returns how many reads failed. Safe to call from several threads.
  int Refresh();

 private:
  struct Registered {
    DomainGauge gauge;
    prometheus::Family<prometheus::Gauge>* family = nullptr;
    std::map<std::string, prometheus::Gauge*> series;
    prometheus::Counter* errors = nullptr;
  };

  prometheus::Gauge& Series(Registered& registered, const std::string& label_value)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  absl::Mutex mu_;
  std::vector<Registered> gauges_ ABSL_GUARDED_BY(mu_);
};

}  // namespace huiwu::metrics

#endif  // HUIWU_COMMON_METRICS_DOMAIN_GAUGES_H_
