// Runs a service's periodic jobs (ServiceSpec::jobs, the domain gauges' refresh) one
// after another on one thread of its own, until destroyed. Each job first runs
// `interval` after start-up, then `interval` after the end of its previous run, so a
// slow run is not followed by a burst of catch-up runs.
#ifndef HUIWU_COMMON_SERVER_PERIODIC_JOB_RUNNER_H_
#define HUIWU_COMMON_SERVER_PERIODIC_JOB_RUNNER_H_

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/server/service_host.h"

namespace huiwu::server {

class PeriodicJobRunner final {
 public:
  // A job whose interval is zero, negative or infinite is switched off (not made).
  PeriodicJobRunner(const std::vector<PeriodicJob>& jobs, ServiceContext& context);
  // Waits for a job body that is running to finish; runs none after.
  ~PeriodicJobRunner();

  PeriodicJobRunner(const PeriodicJobRunner&) = delete;
  PeriodicJobRunner& operator=(const PeriodicJobRunner&) = delete;

 private:
  struct Job {
    std::string name;
    absl::Duration interval;
    std::function<void()> body;
    absl::Time next;
  };

  void Run();

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<Job> jobs_;  // only the thread touches `next` once it runs
  std::thread thread_;
};

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_PERIODIC_JOB_RUNNER_H_
