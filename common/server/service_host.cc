#include "common/server/service_host.h"

#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/audit/audit_table.h"
#include "common/db/transaction.h"
#include "common/events/consumer.h"
#include "common/events/event_stream_service.h"
#include "common/events/outbox.h"
#include "common/events/sequencer.h"
#include "common/log/log.h"
#include "common/server/authz_policy_watcher.h"
#include "common/server/call_gate.h"
#include "common/server/credentials.h"
#include "common/server/grpc_metrics.h"
#include "common/server/health_monitor.h"
#include "common/server/periodic_job_runner.h"
#include "common/server/rate_limiter.h"
#include "common/status/grpc_status.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/resource_quota.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "prometheus/exposer.h"
#include "prometheus/registry.h"

ABSL_FLAG(absl::Duration, database_wait, absl::Seconds(60),
          "At start-up, how long to wait for the database to become reachable.");

namespace huiwu::server {
namespace {

const Clock& SystemClockInstance() {
  static const SystemClock* const clock = new SystemClock;
  return *clock;
}

}  // namespace

std::vector<db::Migration> AllMigrations(const ServiceSpec& spec) {
  std::vector<db::Migration> migrations = spec.migrations;
  migrations.push_back(events::EventsMigration());
  for (db::Migration& migration : audit::AuditMigrations()) migrations.push_back(migration);
  return migrations;
}

absl::Status PrepareDatabase(db::ConnectionPool& pool, const std::vector<db::Migration>& migrations,
                             absl::Duration wait) {
  const absl::Time deadline = absl::Now() + wait;
  for (;;) {
    absl::Status status = db::EnsureDatabase(pool);
    if (status.ok()) status = db::ApplyMigrations(pool, migrations);
    if (status.ok() || status.code() != absl::StatusCode::kUnavailable || absl::Now() >= deadline) {
      return status;
    }
    log::Warning("database_wait",
                 {{"database", pool.config().database}, {"message", status.message()}});
    absl::SleepFor(absl::Seconds(1));
  }
}

absl::StatusOr<std::unique_ptr<ServiceHost>> ServiceHost::Start(const ServiceSpec& spec,
                                                                const config::ServerConfig& config,
                                                                absl::Duration database_wait) {
  // A config built in code (tests, the bench) is held to the flags' rules: TLS on
  // without files, or without a policy, does not start.
  std::vector<std::string> problems;
  config::ValidateTlsConfig(config.tls, problems);
  config::ValidateAuthzConfig(config.authz, config.tls, problems);
  if (!problems.empty()) return absl::InvalidArgumentError(absl::StrJoin(problems, "\n"));
  // Who may call what (deploy/authz/huiwu-policy.json), and what each caller sees of the
  // records (deploy/authz/huiwu-data-access.json): judged at every handler's entry
  // (CallGate) and re-read while serving.
  std::unique_ptr<AuthzPolicyWatcher> authz;
  std::unique_ptr<DataAccessWatcher> data_access;
  if (!config.authz.policy_file.empty()) {
    auto policy =
        AuthzPolicyWatcher::Start(config.authz.policy_file, config.authz.refresh_interval);
    if (!policy.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "invalid ", config::DescribeFlag("authz_policy_file", config.authz.policy_file), ": ",
          policy.status().message()));
    }
    authz = *std::move(policy);
    auto access =
        DataAccessWatcher::Start(config.authz.data_access_file, config.authz.refresh_interval);
    if (!access.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "invalid ", config::DescribeFlag("data_access_file", config.authz.data_access_file), ": ",
          access.status().message()));
    }
    data_access = *std::move(access);
  }

  std::unique_ptr<ServiceHost> host(new ServiceHost);
  host->config_ = std::make_unique<config::ServerConfig>(config);
  host->registry_ = std::make_shared<prometheus::Registry>();
  host->pool_ = std::make_unique<db::ConnectionPool>(config.database, host->registry_.get());

  absl::Status prepared = PrepareDatabase(*host->pool_, AllMigrations(spec), database_wait);
  if (!prepared.ok()) return prepared;

  host->rate_limiter_ = std::make_unique<RateLimiter>(config.rate_limit, SystemClockInstance(),
                                                      host->registry_.get());
  host->calls_ = std::make_unique<CallGate>(
      spec.grpc_service_name,
      spec.error_domain.empty() ? absl::StrCat(spec.name, ".huiwu") : spec.error_domain,
      *host->pool_, *host->rate_limiter_);
  host->authz_ = std::move(authz);
  host->data_access_ = std::move(data_access);
  if (host->authz_ != nullptr) {
    host->calls_->EnforcePolicy(host->authz_.get(), host->data_access_.get(),
                                host->registry_.get());
  }
  host->context_ = std::make_unique<ServiceContext>(
      ServiceContext{*host->config_, *host->pool_, *host->registry_, *host->calls_});
  host->service_ = spec.make_service(*host->context_);
  host->event_stream_ = std::make_unique<events::EventStreamService>(
      spec.name, *host->pool_, config.events,
      [gate = host->calls_.get()](const grpc::ServerContext& context) {
        events::EventStreamService::Admission admission;
        admission.status = gate->Authorize(context, "/huiwu.events.v1.EventService/StreamEvents");
        if (!admission.status.ok()) return admission;
        absl::StatusOr<CallerAccess> access = gate->AccessOf(context);
        if (!access.ok()) {
          admission.status = ToGrpcStatus(access.status(), gate->error_domain());
        } else if (access->unit_bound()) {
          admission.required_subject = events::OrganizerUnitSubject(access->organizer_unit);
        }
        return admission;
      });
  host->grpc_metrics_ = std::make_unique<GrpcServerMetrics>(
      *host->registry_,
      std::vector<std::string>{spec.grpc_service_name, "huiwu.events.v1.EventService",
                               "grpc.health.v1.Health"});

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(absl::StrCat(config.host, ":", config.grpc_port),
                           ServerCredentials(config.tls), &host->grpc_port_);
  // gRPC checks every call against the policy before our code (and our interceptors)
  // sees it; a denied call is answered PERMISSION_DENIED by gRPC itself.
  builder.RegisterService(host->service_.get());
  builder.RegisterService(host->event_stream_.get());
  grpc::ResourceQuota quota(absl::StrCat("huiwu-", spec.name));
  quota.SetMaxThreads(config.max_threads);
  builder.SetResourceQuota(quota);
  builder.SetMaxReceiveMessageSize(kMaxRequestBytes);
  if (config.observe_calls) {
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
        interceptors;
    interceptors.push_back(host->grpc_metrics_->InterceptorFactory());
    builder.experimental().SetInterceptorCreators(std::move(interceptors));
  }
  host->server_ = builder.BuildAndStart();
  if (host->server_ == nullptr || host->grpc_port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", config.host, ":",
                                               config.grpc_port,
                                               "; is the port in use? choose another --grpc_port"));
  }

  host->health_ = std::make_unique<HealthMonitor>(
      *host->pool_, host->server_->GetHealthCheckService(),
      std::vector<std::string>{spec.grpc_service_name}, config.health_check_interval,
      *host->registry_, spec.health_details);
  host->health_->Start();
  if (!spec.jobs.empty()) {
    host->jobs_ = std::make_unique<PeriodicJobRunner>(spec.jobs, *host->context_);
  }
  if (spec.make_gauges) {
    host->gauges_ = std::make_unique<metrics::DomainGaugeCollector>(
        *host->registry_, spec.make_gauges(*host->context_));
    // Once now, so that the first scrape already has the center's state.
    host->gauges_->Refresh();
    metrics::DomainGaugeCollector* gauges = host->gauges_.get();
    host->gauge_refresh_ = std::make_unique<PeriodicJobRunner>(
        std::vector<PeriodicJob>{PeriodicJob{"domain_gauges", config.gauge_interval,
                                             [gauges](ServiceContext&) -> std::function<void()> {
                                               return [gauges] { gauges->Refresh(); };
                                             }}},
        *host->context_);
  }
  host->sequencer_ =
      std::make_unique<events::Sequencer>(*host->pool_, config.events, host->registry_.get());
  host->sequencer_->Start();
  for (const events::Subscription& subscription : spec.subscriptions) {
    const std::string& target = config.peers.For(subscription.source);
    if (target.empty()) {
      log::Warning("events_not_followed",
                   {{"service", spec.name},
                    {"source", subscription.source},
                    {"message", absl::StrCat("--", subscription.source,
                                             "_target is empty: this service does not act on ",
                                             subscription.source, "'s events")}});
      continue;
    }
    auto consumer = std::make_unique<events::Consumer>(
        subscription.source, target, config.tls, subscription.types,
        subscription.make_handler(*host->context_), *host->pool_, host->registry_.get());
    consumer->Start();
    host->consumers_.push_back(std::move(consumer));
  }

  if (config.metrics_port >= 0) {
    try {
      host->exposer_ = std::make_unique<prometheus::Exposer>(
          absl::StrCat(config.host, ":", config.metrics_port));
    } catch (const std::exception& e) {
      host->Shutdown(absl::ZeroDuration());
      return absl::UnavailableError(
          absl::StrCat("cannot serve /metrics on ", config.host, ":", config.metrics_port, " (",
                       e.what(), "); is the port in use? choose another --metrics_port"));
    }
    host->exposer_->RegisterCollectable(host->registry_);
    host->metrics_port_ = host->exposer_->GetListeningPorts().front();
  }
  log::Info("serving", {{"service", spec.name},
                        {"grpc_port", absl::StrCat(host->grpc_port_)},
                        {"metrics_port", absl::StrCat(host->metrics_port_)},
                        {"database", config.database.database},
                        {"tls", config.tls.enabled ? "on" : "off"},
                        {"authz_policy", config.authz.policy_file},
                        {"data_access", config.authz.data_access_file}});
  return host;
}

ServiceHost::~ServiceHost() { Shutdown(absl::ZeroDuration()); }

void ServiceHost::Shutdown(absl::Duration grace) {
  if (stopped_) return;
  stopped_ = true;
  // Background work stops first: none starts against a server that is going away.
  consumers_.clear();
  jobs_.reset();
  gauge_refresh_.reset();
  if (health_ != nullptr) health_->StopServing();
  if (event_stream_ != nullptr) event_stream_->EndStreams();
  if (server_ != nullptr) {
    server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
    server_->Wait();
  }
  sequencer_.reset();
  health_.reset();
}

void DisableMutexDeadlockDetection() {
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
}

int RunServiceMain(int argc, char** argv, absl::string_view usage,
                   const std::function<absl::StatusOr<ServiceSpec>()>& make_spec) {
  // Signals are taken synchronously by the main thread below; every thread started from
  // here on inherits the blocked mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  config::ParseFlagsAndEnvironment(argc, argv, usage);
  DisableMutexDeadlockDetection();
  absl::StatusOr<ServiceSpec> made = make_spec();
  if (!made.ok()) {
    std::fprintf(stderr, "%s\n", std::string(made.status().message()).c_str());
    return 2;
  }
  const ServiceSpec& spec = *made;
  auto config = config::LoadServerConfig(spec.default_database);
  if (!config.ok()) {
    std::fprintf(stderr, "%s\n", std::string(config.status().message()).c_str());
    return 2;
  }
  db::InitDriver();

  if (config->migrate_only) {
    db::ConnectionPool pool(config->database, nullptr);
    absl::Status status =
        PrepareDatabase(pool, AllMigrations(spec), absl::GetFlag(FLAGS_database_wait));
    if (!status.ok()) {
      log::Error("migration_failed", {{"message", status.message()}});
      return 1;
    }
    log::Info("migrated", {{"database", config->database.database}});
    return 0;
  }

  auto host = ServiceHost::Start(spec, *config, absl::GetFlag(FLAGS_database_wait));
  if (!host.ok()) {
    log::Error("start_failed", {{"service", spec.name}, {"message", host.status().message()}});
    return 1;
  }
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  log::Info("shutting_down", {{"service", spec.name},
                              {"signal", signal_number == SIGTERM ? "SIGTERM" : "SIGINT"},
                              {"grace", absl::FormatDuration(config->shutdown_grace)}});
  (*host)->Shutdown(config->shutdown_grace);
  host->reset();
  log::Info("stopped", {{"service", spec.name}});
  return 0;
}

}  // namespace huiwu::server
