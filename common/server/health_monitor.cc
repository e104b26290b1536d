#include "common/server/health_monitor.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <utility>

#include "common/log/log.h"
#include "grpcpp/health_check_service_interface.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"

namespace huiwu::server {

HealthMonitor::HealthMonitor(db::ConnectionPool& pool, grpc::HealthCheckServiceInterface* health,
                             std::vector<std::string> service_names, absl::Duration interval,
                             prometheus::Registry& registry, std::vector<HealthDetail> details)
    : pool_(pool),
      health_(health),
      service_names_(std::move(service_names)),
      interval_(interval),
      up_gauge_(&prometheus::BuildGauge()
                     .Name("huiwu_database_up")
                     .Help("1 while the service's database answers its health ping.")
                     .Register(registry)
                     .Add({{"database", pool.config().database}})),
      details_(std::move(details)),
      details_reported_(details_.size(), -1) {}

HealthMonitor::~HealthMonitor() { StopThreads(); }

void HealthMonitor::Start() {
  ping_thread_ = std::thread([this] { PingLoop(); });
  Report(PingWithinDeadline());
  thread_ = std::thread([this] { Run(); });
}

void HealthMonitor::StopServing() {
  StopThreads();
  health_->SetServingStatus(false);
}

void HealthMonitor::StopThreads() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (thread_.joinable()) thread_.join();
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (ping_thread_.joinable()) ping_thread_.join();
}

bool HealthMonitor::DatabaseAnswers() {
  if (connection_ != nullptr && !connection_->IsAlive()) connection_.reset();
  if (connection_ == nullptr) {
    auto opened = pool_.OpenConnection();
    if (!opened.ok()) return false;
    connection_ = std::move(opened).value();
  }
  if (!connection_->on_galera()) return true;
  try {
    std::unique_ptr<sql::Statement> statement(connection_->raw().createStatement());
    std::unique_ptr<sql::ResultSet> ready(
        statement->executeQuery("SHOW GLOBAL STATUS LIKE 'wsrep_ready'"));
    return ready->next() && ready->getString(2) == "ON";
  } catch (const sql::SQLException&) {
    connection_.reset();
    return false;
  }
}

bool HealthMonitor::PingWithinDeadline() {
  absl::MutexLock lock(&mu_);
  if (pings_requested_ == pings_answered_) ++pings_requested_;
  const uint64_t wanted = pings_requested_;
  auto answered = [this, wanted]()
                      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return pings_answered_ >= wanted; };
  if (!mu_.AwaitWithTimeout(absl::Condition(&answered), interval_)) return false;
  return last_ping_ok_;
}

void HealthMonitor::PingLoop() {
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      auto work = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return stopping_ || pings_requested_ > pings_answered_;
      };
      mu_.Await(absl::Condition(&work));
      if (stopping_) return;
    }
    const bool ok = DatabaseAnswers();
    absl::MutexLock lock(&mu_);
    last_ping_ok_ = ok;
    pings_answered_ = pings_requested_;
  }
}

void HealthMonitor::ReportDetails() {
  for (size_t i = 0; i < details_.size(); ++i) {
    const absl::Status status = details_[i].check();
    const int serving = status.ok() ? 1 : 0;
    if (details_reported_[i] == serving) continue;
    health_->SetServingStatus(details_[i].name, serving == 1);
    log::Write(serving == 1 ? log::Level::kInfo : log::Level::kWarning, "health_detail_changed",
               {{"service", details_[i].name},
                {"status", serving == 1 ? "SERVING" : "NOT_SERVING"},
                {"message", status.message()}});
    details_reported_[i] = serving;
  }
}

void HealthMonitor::Report(bool serving) {
  ReportDetails();
  up_gauge_->Set(serving ? 1 : 0);
  if (reported_once_ && serving == last_reported_) return;
  for (const std::string& name : service_names_) health_->SetServingStatus(name, serving);
  health_->SetServingStatus("", serving);
  if (!serving) pool_.NoteConnectionLost();
  log::Write(
      serving ? log::Level::kInfo : log::Level::kError, "health_changed",
      {{"status", serving ? "SERVING" : "NOT_SERVING"}, {"database", pool_.config().database}});
  last_reported_ = serving;
  reported_once_ = true;
}

void HealthMonitor::Run() {
  while (!stop_.WaitForNotificationWithTimeout(interval_)) Report(PingWithinDeadline());
}

}  // namespace huiwu::server
