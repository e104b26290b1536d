// Keeps grpc.health.v1 honest: a service is SERVING only while its database answers.
// A dedicated connection (not one of the pool's, so a saturated pool cannot make a
// healthy database look down) is pinged every interval; the status follows without a
// process restart in either direction. On Galera the node must also be ready
// (wsrep_ready): a node cut off from the majority answers pings but refuses work.
//
// The ping runs on a thread of its own and must answer within one interval: a hung
// database (a frozen node, a stalled disk) keeps a ping waiting for the socket's read
// timeout (statement + lock wait timeouts, ~16 s), and a balancer must hear
// NOT_SERVING within two intervals, not then.
#ifndef HUIWU_COMMON_SERVER_HEALTH_MONITOR_H_
#define HUIWU_COMMON_SERVER_HEALTH_MONITOR_H_

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "common/db/pool.h"

namespace grpc {
class HealthCheckServiceInterface;
}

namespace prometheus {
class Registry;
class Gauge;
}  // namespace prometheus

namespace huiwu::server {

// A part of a service that health reports under a name of its own, beside the database
// (e.g. booking's holiday calendar, "huiwu.booking.v1.WorkingCalendar"): SERVING while
// `check` answers OK, NOT_SERVING otherwise, its message logged once per change. It
// does not change the overall "" status nor the service's own: a balancer keeps sending
// calls, an operator's probe (huiwu-health-probe --service=NAME) sees the problem.
// `check` runs on every interval and must be cheap (no I/O).
struct HealthDetail {
  std::string name;
  std::function<absl::Status()> check;
};

class HealthMonitor final {
 public:
  // `service_names` are reported along with the overall "" status; `details` each under
  // its own name.
  HealthMonitor(db::ConnectionPool& pool, grpc::HealthCheckServiceInterface* health,
                std::vector<std::string> service_names, absl::Duration interval,
                prometheus::Registry& registry, std::vector<HealthDetail> details = {});
  ~HealthMonitor();  // stops the thread

  // Checks once now and starts the periodic thread.
  void Start();
  // Reports NOT_SERVING from now on (shutting down) and stops checking. Waits for a
  // ping in flight, which a hung database can hold up to the socket's read timeout.
  void StopServing();

 private:
  bool DatabaseAnswers();     // on the ping thread
  bool PingWithinDeadline();  // false when the ping did not answer within the interval
  void Report(bool serving);
  void ReportDetails();
  void Run();
  void PingLoop();
  void StopThreads();

  db::ConnectionPool& pool_;
  grpc::HealthCheckServiceInterface* health_;
  const std::vector<std::string> service_names_;
  const absl::Duration interval_;
  prometheus::Gauge* up_gauge_;
  std::unique_ptr<db::Connection> connection_;  // used by the ping thread only
  bool last_reported_ = false;
  bool reported_once_ = false;
  const std::vector<HealthDetail> details_;
  std::vector<int> details_reported_;  // per detail: -1 not yet, 0 NOT_SERVING, 1 SERVING
  absl::Notification stop_;
  std::thread thread_;

  absl::Mutex mu_;
  // Pings asked for and answered; at most one in flight: while a hung ping is still
  // waiting, no second one is stacked behind it and every check reports NOT_SERVING.
  uint64_t pings_requested_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t pings_answered_ ABSL_GUARDED_BY(mu_) = 0;
  bool last_ping_ok_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread ping_thread_;
};

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_HEALTH_MONITOR_H_
