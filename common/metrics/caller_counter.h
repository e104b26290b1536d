// A Prometheus counter by calling system (label "caller"), with a bounded number of
// labels: the first 32 callers get their own, later ones are counted as "other". Under
// mTLS the callers are the center's few systems; without it they are peer addresses,
// which an attacker could vary without end and so grow the scrape without bound.
#ifndef HUIWU_COMMON_METRICS_CALLER_COUNTER_H_
#define HUIWU_COMMON_METRICS_CALLER_COUNTER_H_

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace prometheus {
class Counter;
class Registry;
template <typename T>
class Family;
}  // namespace prometheus

namespace huiwu::metrics {

inline constexpr size_t kMaxCallerLabels = 32;

class CallerCounter final {
 public:
  // `registry` may be null: Increment then counts nothing.
  CallerCounter(prometheus::Registry* registry, const std::string& name, const std::string& help);

  void Increment(absl::string_view caller);

 private:
  prometheus::Family<prometheus::Counter>* family_ = nullptr;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, prometheus::Counter*> counters_ ABSL_GUARDED_BY(mu_);
  prometheus::Counter* other_ ABSL_GUARDED_BY(mu_) = nullptr;
};

}  // namespace huiwu::metrics

#endif  // HUIWU_COMMON_METRICS_CALLER_COUNTER_H_
