// Server-side gRPC metrics under the names and labels of go-grpc-prometheus, so that
// the dashboards and alerts operators already have work unchanged:
//   grpc_server_started_total, grpc_server_handled_total{grpc_code},
//   grpc_server_msg_received_total, grpc_server_msg_sent_total,
//   grpc_server_handling_seconds (histogram, Prometheus default buckets),
// each with grpc_type, grpc_service, grpc_method. Every method of the registered
// services is pre-created with every code at zero, as go-grpc-prometheus does. The
// same interceptor writes one structured log line per failed call, at CallLogLevel.
#ifndef HUIWU_COMMON_SERVER_GRPC_METRICS_H_
#define HUIWU_COMMON_SERVER_GRPC_METRICS_H_

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "common/log/log.h"
#include "grpcpp/support/server_interceptor.h"
#include "grpcpp/support/status_code_enum.h"

namespace prometheus {
class Counter;
class Histogram;
class Registry;
template <typename T>
class Family;
}  // namespace prometheus

namespace huiwu::server {

inline constexpr int kGrpcCodeCount = 17;

// The level of a failed call's log line. Warnings and errors are what an operator must
// act on: the database or capacity (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED)
// and bugs (INTERNAL, UNKNOWN, DATA_LOSS). A caller's own mistake or a lost race
// (INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, ABORTED, …) is the answer doing
// its job: info, so that a busy integrator does not bury the warnings.
log::Level CallLogLevel(grpc::StatusCode code);

struct MethodMetrics {
  prometheus::Counter* started = nullptr;
  std::array<prometheus::Counter*, kGrpcCodeCount> handled{};
  prometheus::Counter* msg_received = nullptr;
  prometheus::Counter* msg_sent = nullptr;
  prometheus::Histogram* handling_seconds = nullptr;
};

class GrpcServerMetrics final {
 public:
  // Pre-creates the series of every method of `service_full_names` (looked up in the
  // generated descriptor pool).
  GrpcServerMetrics(prometheus::Registry& registry,
                    const std::vector<std::string>& service_full_names);

  // `method` is the gRPC path, "/pkg.Service/Method". Lock-free for pre-created methods.
  MethodMetrics* ForMethod(const char* method, grpc::experimental::ServerRpcInfo::Type type);

  std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> InterceptorFactory();

 private:
  MethodMetrics* Create(const std::string& method, absl::string_view grpc_type);

  prometheus::Family<prometheus::Counter>* started_;
  prometheus::Family<prometheus::Counter>* handled_;
  prometheus::Family<prometheus::Counter>* msg_received_;
  prometheus::Family<prometheus::Counter>* msg_sent_;
  prometheus::Family<prometheus::Histogram>* handling_seconds_;
  // Filled in the constructor, read-only afterwards.
  absl::flat_hash_map<std::string, std::unique_ptr<MethodMetrics>> known_;
  absl::Mutex mu_;  // methods not known at start (health, reflection)
  absl::flat_hash_map<std::string, std::unique_ptr<MethodMetrics>> late_ ABSL_GUARDED_BY(mu_);
};

// go-grpc-prometheus's spelling of a code ("OK", "InvalidArgument", …).
absl::string_view GoCodeName(int code);

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_GRPC_METRICS_H_
