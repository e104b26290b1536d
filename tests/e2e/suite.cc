#include "tests/e2e/suite.h"

#include <signal.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace huiwu::testing {
namespace {

constexpr absl::Duration kStartTimeout = absl::Seconds(60);

std::string BinaryOf(const std::string& service) {
  if (service == "booking") return HUIWU_BOOKING_BINARY;
  if (service == "staffing") return HUIWU_STAFFING_BINARY;
  if (service == "inventory") return HUIWU_INVENTORY_BINARY;
  return HUIWU_SAFETY_BINARY;
}

}  // namespace

const std::vector<std::string>& Suite::Services() {
  static const std::vector<std::string> services{"booking", "staffing", "inventory", "safety"};
  return services;
}

Suite::Suite() {
  for (const std::string& service : Services()) {
    ports_[service] = std::make_unique<ReservedPort>();
    databases_[service] = std::make_unique<TestDatabase>();
  }
}

Suite::~Suite() {
  for (auto& [service, process] : processes_) process.reset();
}

bool Suite::Start(const std::string& service, const std::vector<std::string>& extra_flags) {
  if (auto running = processes_.find(service); running != processes_.end()) {
    past_logs_[service] += running->second->Log();
    running->second.reset();
  }
  std::vector<std::string> args = ServiceArgs(BinaryOf(service), database(service).name());
  args.push_back(absl::StrCat("--grpc_port=", ports_.at(service)->port()));
  args.push_back("--metrics_port=-1");
  for (const std::string& peer : Services()) {
    if (peer != service) args.push_back(absl::StrCat("--", peer, "_target=", address(peer)));
  }
  args.push_back("--event_poll_interval=50ms");
  args.insert(args.end(), extra_flags.begin(), extra_flags.end());
  auto process = std::make_unique<ChildProcess>(args, std::map<std::string, std::string>{});
  const bool serving = process->WaitForLogField("serving", "grpc_port", kStartTimeout).has_value();
  processes_[service] = std::move(process);
  return serving;
}

bool Suite::StartAll(const std::vector<std::string>& extra_flags) {
  for (const std::string& service : Services()) {
    if (!Start(service, extra_flags)) return false;
  }
  return true;
}

void Suite::Kill(const std::string& service) {
  auto running = processes_.find(service);
  if (running == processes_.end()) return;
  running->second->Signal(SIGKILL);
  running->second->WaitForExit(absl::Seconds(10));
  past_logs_[service] += running->second->Log();
  processes_.erase(running);
}

bool Suite::Seed(std::string* log) {
  const std::vector<std::pair<std::string, std::string>> steps{{"booking", "seed-catalog"},
                                                               {"staffing", "seed-staff"},
                                                               {"inventory", "seed-inventory"},
                                                               {"safety", "seed-safety"}};
  for (const auto& [service, command] : steps) {
    const std::string flag = service == "booking" ? "addr" : service + "_addr";
    // The services run with --tls=off (ServiceArgs).
    ChildProcess ctl(
        {HUIWU_CTL_BINARY, "--tls=off", absl::StrCat("--", flag, "=", address(service)), command},
        {});
    const std::optional<int> status = ctl.WaitForExit(absl::Seconds(120));
    if (status != 0) {
      if (log != nullptr) *log = absl::StrCat(command, " failed:\n", ctl.Log());
      return false;
    }
  }
  return true;
}

std::string Suite::address(const std::string& service) const {
  return ports_.at(service)->address();
}

std::optional<int> Suite::metrics_port(const std::string& service) {
  auto running = processes_.find(service);
  if (running == processes_.end()) return std::nullopt;
  const std::optional<std::string> port =
      running->second->WaitForLogField("serving", "metrics_port", absl::Seconds(1));
  int number = 0;
  if (!port.has_value() || !absl::SimpleAtoi(*port, &number) || number <= 0) return std::nullopt;
  return number;
}

std::shared_ptr<grpc::Channel> Suite::channel(const std::string& service) const {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 500);
  return grpc::CreateCustomChannel(address(service), grpc::InsecureChannelCredentials(), arguments);
}

std::string Suite::Log(const std::string& service) const {
  std::string log;
  if (auto past = past_logs_.find(service); past != past_logs_.end()) log = past->second;
  if (auto running = processes_.find(service); running != processes_.end()) {
    log += running->second->Log();
  }
  return log;
}

}  // namespace huiwu::testing
