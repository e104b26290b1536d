#include "common/server/periodic_job_runner.h"

#include <algorithm>
#include <exception>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/audit/audit_scope.h"
#include "common/log/log.h"

namespace huiwu::server {

PeriodicJobRunner::PeriodicJobRunner(const std::vector<PeriodicJob>& jobs,
                                     ServiceContext& context) {
  const absl::Time now = absl::Now();
  for (const PeriodicJob& job : jobs) {
    if (job.interval <= absl::ZeroDuration() || job.interval == absl::InfiniteDuration()) {
      continue;  // a job switched off by configuration
    }
    jobs_.push_back(Job{job.name, job.interval, job.make(context), now + job.interval});
  }
  if (!jobs_.empty()) thread_ = std::thread([this] { Run(); });
}

PeriodicJobRunner::~PeriodicJobRunner() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void PeriodicJobRunner::Run() {
  mu_.Lock();
  while (!stopping_) {
    auto due = std::min_element(jobs_.begin(), jobs_.end(),
                                [](const Job& a, const Job& b) { return a.next < b.next; });
    if (mu_.AwaitWithDeadline(absl::Condition(&stopping_), due->next)) break;
    mu_.Unlock();
    try {
      // A job that changes state (no-show release, escalation) leaves an audit record
      // per change, as the system's.
      audit::Scope audit(audit::SystemRecord(due->name, absl::StrCat("system/", due->name)),
                         audit::Scope::Kind::kSystem);
      due->body();
    } catch (const std::exception& e) {
      log::Error("job_failed", {{"job", due->name}, {"message", e.what()}});
    }
    mu_.Lock();
    due->next = absl::Now() + due->interval;
  }
  mu_.Unlock();
}

}  // namespace huiwu::server
