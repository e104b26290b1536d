// Assembles one huiwu service process: database (created and migrated), pool, gRPC
// server (health, reflection, metrics interceptor), /metrics exporter, and graceful
// shutdown. main.cc files only describe their service in a ServiceSpec; tests start the
// very same host in-process.
#ifndef HUIWU_COMMON_SERVER_SERVICE_HOST_H_
#define HUIWU_COMMON_SERVER_SERVICE_HOST_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/config/config.h"
#include "common/db/migrations.h"
#include "common/db/pool.h"
#include "common/events/subscription.h"
#include "common/metrics/domain_gauges.h"
#include "common/server/authz_policy_watcher.h"
#include "common/server/health_monitor.h"
#include "grpcpp/impl/codegen/service_type.h"
#include "grpcpp/server.h"

namespace prometheus {
class Exposer;
class Registry;
}  // namespace prometheus

namespace huiwu::events {
class Consumer;
class EventStreamService;
class Sequencer;
}  // namespace huiwu::events

namespace huiwu::server {

class CallGate;
class GrpcServerMetrics;
class RateLimiter;
class PeriodicJobRunner;

// The largest request any method accepts, in bytes (gRPC's default, set explicitly so that
// it is a documented limit, README "Calling the API"): a bigger one is refused
// RESOURCE_EXHAUSTED by gRPC before any of our code runs. Within it, each list and string
// has its own limit in the protos, checked with the rest of the request.
inline constexpr int kMaxRequestBytes = 4 * 1024 * 1024;

// What a service's handlers get to work with. `calls` is every handler's entry (rate
// limit, audit, errors): common/server/call_gate.h.
struct ServiceContext {
  const config::ServerConfig& config;
  db::ConnectionPool& pool;
  prometheus::Registry& registry;
  CallGate& calls;
};

// Background work a service does on a timer while it serves (e.g. booking's no-show
// release). `make` runs once at start-up, with the service's context, and returns the
// body; the host runs every job's body on one thread, the first time `interval` after
// start-up and then every `interval`, and stops that thread before it shuts down. A
// body must be safe when several replicas run it at once.
struct PeriodicJob {
  std::string name;  // for logs
  absl::Duration interval;
  std::function<std::function<void()>(ServiceContext&)> make;
};

struct ServiceSpec {
  std::string name;               // "booking"
  std::string grpc_service_name;  // "huiwu.booking.v1.BookingService"
  // The ErrorInfo domain of its answers; empty: "<name>.huiwu".
  std::string error_domain;
  std::string default_database;  // "huiwu_booking"
  std::vector<db::Migration> migrations;
  std::function<std::unique_ptr<grpc::Service>(ServiceContext&)> make_service;
  std::vector<PeriodicJob> jobs;
  // Other services' event streams this one follows (common/events/subscription.h); the
  // host starts a consumer for each whose source has a target (config.peers).
  std::vector<events::Subscription> subscriptions;
  // The service's domain gauges (common/metrics/domain_gauges.h), made once at start-up;
  // the host refreshes them then and every config.gauge_interval. Empty: none.
  std::function<std::vector<metrics::DomainGauge>(ServiceContext&)> make_gauges;
  // Parts of the service health reports under names of their own (health_monitor.h).
  std::vector<HealthDetail> health_details;
};

class ServiceHost final {
 public:
  // Waits up to `database_wait` for the database (it may start after us in compose),
  // creates and migrates it, then serves.
  static absl::StatusOr<std::unique_ptr<ServiceHost>> Start(const ServiceSpec& spec,
                                                            const config::ServerConfig& config,
                                                            absl::Duration database_wait);
  ~ServiceHost();

  int grpc_port() const { return grpc_port_; }
  int metrics_port() const { return metrics_port_; }  // -1 when disabled

  // Graceful stop: health goes NOT_SERVING, new calls are refused, calls in flight may
  // finish within `grace` (then they are cancelled). Idempotent.
  void Shutdown(absl::Duration grace);

 private:
  ServiceHost() = default;

  std::unique_ptr<config::ServerConfig> config_;
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<RateLimiter> rate_limiter_;
  std::unique_ptr<AuthzPolicyWatcher> authz_;       // before calls_, which refers to it
  std::unique_ptr<DataAccessWatcher> data_access_;  // likewise
  std::unique_ptr<CallGate> calls_;
  std::unique_ptr<ServiceContext> context_;
  std::unique_ptr<GrpcServerMetrics> grpc_metrics_;
  std::unique_ptr<grpc::Service> service_;
  std::unique_ptr<events::EventStreamService> event_stream_;
  std::unique_ptr<events::Sequencer> sequencer_;
  std::vector<std::unique_ptr<events::Consumer>> consumers_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<HealthMonitor> health_;
  std::unique_ptr<PeriodicJobRunner> jobs_;
  std::unique_ptr<metrics::DomainGaugeCollector> gauges_;
  // Its own thread: a slow job (escalation, no-show release) never delays the gauges.
  std::unique_ptr<PeriodicJobRunner> gauge_refresh_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  int grpc_port_ = 0;
  int metrics_port_ = -1;
  bool stopped_ = false;
};

// The service's own migrations and common's (the event outbox, the audit trail), in
// version order.
std::vector<db::Migration> AllMigrations(const ServiceSpec& spec);

// Creates the database if needed and applies migrations, retrying while the database
// is unreachable for up to `wait`.
absl::Status PrepareDatabase(db::ConnectionPool& pool, const std::vector<db::Migration>& migrations,
                             absl::Duration wait);

// Debian's Abseil is built without NDEBUG, so every absl::Mutex lock also updates a
// global lock-order graph (deadlock detection): measured on this machine, two nested
// locks cost 200 ns instead of 74. A serving process turns it off before its first
// thread; the tests keep it on, where it finds lock-order bugs.
void DisableMutexDeadlockDetection();

// The whole main() of a service: flags and environment, --migrate_only, serve until
// SIGTERM/SIGINT, then drain. `make_spec` runs once the flags are parsed (a service's
// own flags are read there; an error is reported as a bad configuration). Returns the
// process exit code.
int RunServiceMain(int argc, char** argv, absl::string_view usage,
                   const std::function<absl::StatusOr<ServiceSpec>()>& make_spec);

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_SERVICE_HOST_H_
