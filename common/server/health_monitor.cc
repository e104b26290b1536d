#include "common/server/health_monitor.h"

#include "common/log/log.h"
#include "grpcpp/health_check_service_interface.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"

namespace huiwu::server {

HealthMonitor::HealthMonitor(db::ConnectionPool& pool, grpc::HealthCheckServiceInterface* health,
                             std::vector<std::string> service_names, absl::Duration interval,
                             prometheus::Registry& registry)
    : pool_(pool),
      health_(health),
      service_names_(std::move(service_names)),
      interval_(interval),
      up_gauge_(&prometheus::BuildGauge()
                     .Name("huiwu_database_up")
                     .Help("1 while the service's database answers its health ping.")
                     .Register(registry)
                     .Add({{"database", pool.config().database}})) {}

HealthMonitor::~HealthMonitor() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (thread_.joinable()) thread_.join();
}

void HealthMonitor::Start() {
  Report(DatabaseAnswers());
  thread_ = std::thread([this] { Run(); });
}

void HealthMonitor::StopServing() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (thread_.joinable()) thread_.join();
  health_->SetServingStatus(false);
}

bool HealthMonitor::DatabaseAnswers() {
  if (connection_ != nullptr && !connection_->IsAlive()) connection_.reset();
  if (connection_ == nullptr) {
    auto opened = pool_.OpenConnection();
    if (!opened.ok()) return false;
    connection_ = std::move(opened).value();
  }
  return true;
}

void HealthMonitor::Report(bool serving) {
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
  while (!stop_.WaitForNotificationWithTimeout(interval_)) Report(DatabaseAnswers());
}

}  // namespace huiwu::server
