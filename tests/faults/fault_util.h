// What the fault tests share: a service replica as a real process, its health as a
// load balancer sees it, and the clock the processes run on.
#ifndef HUIWU_TESTS_FAULTS_FAULT_UTIL_H_
#define HUIWU_TESTS_FAULTS_FAULT_UTIL_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "tests/support/child_process.h"

namespace huiwu::testing {

// Short enough that a fault shows in health within a second, as the issue asks of
// "two health intervals".
inline constexpr absl::Duration kHealthInterval = absl::Milliseconds(500);
inline constexpr absl::Duration kStartTimeout = absl::Seconds(60);

// The health of `service` on `port`; UNKNOWN when the process does not answer within
// a second (dead, or stopped).
inline grpc::health::v1::HealthCheckResponse::ServingStatus HealthOf(int port,
                                                                     const std::string& service) {
  auto health = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  grpc::health::v1::HealthCheckResponse response;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(1)));
  return health->Check(&context, request, &response).ok()
             ? response.status()
             : grpc::health::v1::HealthCheckResponse::UNKNOWN;
}

// A service process with `args` (ServiceArgs or ReplicaArgs), health every
// kHealthInterval; port() once it serves.
class ServiceReplica final {
 public:
  explicit ServiceReplica(std::vector<std::string> args) : args_(std::move(args)) {
    args_.push_back(
        absl::StrCat("--health_check_interval=", absl::FormatDuration(kHealthInterval)));
    Start();
  }
  // A new process with the same arguments (a restart after a crash); a new port.
  void Start() {
    process_ = std::make_unique<ChildProcess>(args_, std::map<std::string, std::string>{});
    const auto port = process_->WaitForLogField("serving", "grpc_port", kStartTimeout);
    port_ = port.has_value() ? std::stoi(*port) : -1;
  }
  int port() const { return port_; }
  ChildProcess& process() { return *process_; }

 private:
  std::vector<std::string> args_;
  std::unique_ptr<ChildProcess> process_;
  int port_ = -1;
};

// The processes run on the real clock: meetings from three days ahead, on the hour.
inline absl::Time FirstFaultSlot() {
  return absl::FromUnixSeconds((absl::ToUnixSeconds(absl::Now() + absl::Hours(72)) / 3600) * 3600);
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_FAULTS_FAULT_UTIL_H_
