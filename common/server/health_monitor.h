// Keeps grpc.health.v1 honest: a service is SERVING only while its database answers.
// A dedicated connection (not one of the pool's, so a saturated pool cannot make a
// healthy database look down) is pinged every interval; the status follows without a
// process restart in either direction.
#ifndef HUIWU_COMMON_SERVER_HEALTH_MONITOR_H_
#define HUIWU_COMMON_SERVER_HEALTH_MONITOR_H_

#include <memory>
#include <string>
#include <thread>
#include <vector>

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

class HealthMonitor final {
 public:
  // `service_names` are reported along with the overall "" status.
  HealthMonitor(db::ConnectionPool& pool, grpc::HealthCheckServiceInterface* health,
                std::vector<std::string> service_names, absl::Duration interval,
                prometheus::Registry& registry);
  ~HealthMonitor();  // stops the thread

  // Checks once now and starts the periodic thread.
  void Start();
  // Reports NOT_SERVING from now on (shutting down) and stops checking.
  void StopServing();

 private:
  bool DatabaseAnswers();
  void Report(bool serving);
  void Run();

  db::ConnectionPool& pool_;
  grpc::HealthCheckServiceInterface* health_;
  const std::vector<std::string> service_names_;
  const absl::Duration interval_;
  prometheus::Gauge* up_gauge_;
  std::unique_ptr<db::Connection> connection_;  // used by the monitor thread only
  bool last_reported_ = false;
  bool reported_once_ = false;
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_HEALTH_MONITOR_H_
