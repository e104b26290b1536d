#include "common/metrics/caller_counter.h"

#include "absl/strings/str_cat.h"
#include "prometheus/counter.h"
#include "prometheus/registry.h"

namespace huiwu::metrics {

CallerCounter::CallerCounter(prometheus::Registry* registry, const std::string& name,
                             const std::string& help) {
  if (registry == nullptr) return;
  family_ = &prometheus::BuildCounter()
                 .Name(name)
                 .Help(absl::StrCat(help, " By caller: the first ", kMaxCallerLabels,
                                    " callers by name, the rest as \"other\"."))
                 .Register(*registry);
}

void CallerCounter::Increment(absl::string_view caller) {
  if (family_ == nullptr) return;
  absl::MutexLock lock(&mu_);
  auto it = counters_.find(caller);
  if (it != counters_.end()) {
    it->second->Increment();
    return;
  }
  if (counters_.size() < kMaxCallerLabels) {
    prometheus::Counter* counter = &family_->Add({{"caller", std::string(caller)}});
    counters_.emplace(std::string(caller), counter);
    counter->Increment();
    return;
  }
  if (other_ == nullptr) other_ = &family_->Add({{"caller", "other"}});
  other_->Increment();
}

}  // namespace huiwu::metrics
