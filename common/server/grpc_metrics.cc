#include "common/server/grpc_metrics.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/server_context.h"
#include "prometheus/counter.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace huiwu::server {
namespace {

using grpc::experimental::InterceptionHookPoints;
using grpc::experimental::ServerRpcInfo;

constexpr std::array<absl::string_view, kGrpcCodeCount> kGoCodeNames = {
    "OK",       "Canceled",       "Unknown",          "InvalidArgument",   "DeadlineExceeded",
    "NotFound", "AlreadyExists",  "PermissionDenied", "ResourceExhausted", "FailedPrecondition",
    "Aborted",  "OutOfRange",     "Unimplemented",    "Internal",          "Unavailable",
    "DataLoss", "Unauthenticated"};

// prometheus.DefBuckets, which go-grpc-prometheus uses for handling_seconds.
const prometheus::Histogram::BucketBoundaries kDefaultBuckets = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

absl::string_view GrpcTypeName(ServerRpcInfo::Type type) {
  switch (type) {
    case ServerRpcInfo::Type::UNARY:
      return "unary";
    case ServerRpcInfo::Type::CLIENT_STREAMING:
      return "client_stream";
    case ServerRpcInfo::Type::SERVER_STREAMING:
      return "server_stream";
    case ServerRpcInfo::Type::BIDI_STREAMING:
      return "bidi_stream";
  }
  return "unary";
}

absl::string_view GrpcTypeName(const google::protobuf::MethodDescriptor& method) {
  if (method.client_streaming() && method.server_streaming()) return "bidi_stream";
  if (method.client_streaming()) return "client_stream";
  if (method.server_streaming()) return "server_stream";
  return "unary";
}

class MetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  MetricsInterceptor(ServerRpcInfo* info, MethodMetrics* metrics)
      : info_(info), metrics_(metrics), start_(std::chrono::steady_clock::now()) {
    metrics_->started->Increment();
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
      metrics_->msg_received->Increment();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_MESSAGE)) {
      metrics_->msg_sent->Increment();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      Finish(methods->GetSendStatus());
    }
    methods->Proceed();
  }

 private:
  void Finish(const grpc::Status& status) {
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
    int code = static_cast<int>(status.error_code());
    if (code < 0 || code >= kGrpcCodeCount) code = static_cast<int>(grpc::StatusCode::UNKNOWN);
    metrics_->handled[code]->Increment();
    metrics_->handling_seconds->Observe(elapsed.count());
    if (status.ok()) return;
    grpc::ServerContextBase* context = info_->server_context();
    std::string request_id;
    if (context != nullptr) {
      auto it = context->client_metadata().find("x-request-id");
      if (it != context->client_metadata().end()) {
        request_id.assign(it->second.data(), it->second.size());
      }
    }
    log::Write(CallLogLevel(static_cast<grpc::StatusCode>(code)), "call_failed",
               {{"method", info_->method()},
                {"code", GoCodeName(code)},
                {"latency_ms", absl::StrCat(elapsed.count() * 1000)},
                {"peer", context != nullptr ? context->peer() : ""},
                {"request_id", request_id},
                {"message", status.error_message()}});
  }

  ServerRpcInfo* info_;
  MethodMetrics* metrics_;
  std::chrono::steady_clock::time_point start_;
};

class MetricsInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit MetricsInterceptorFactory(GrpcServerMetrics* metrics) : metrics_(metrics) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(ServerRpcInfo* info) override {
    return new MetricsInterceptor(info, metrics_->ForMethod(info->method(), info->type()));
  }

 private:
  GrpcServerMetrics* metrics_;
};

}  // namespace

log::Level CallLogLevel(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return log::Level::kWarning;
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::UNIMPLEMENTED:
      return log::Level::kError;
    default:
      return log::Level::kInfo;
  }
}

absl::string_view GoCodeName(int code) {
  if (code < 0 || code >= kGrpcCodeCount) return "Unknown";
  return kGoCodeNames[code];
}

GrpcServerMetrics::GrpcServerMetrics(prometheus::Registry& registry,
                                     const std::vector<std::string>& service_full_names)
    : started_(&prometheus::BuildCounter()
                    .Name("grpc_server_started_total")
                    .Help("Total number of RPCs started on the server.")
                    .Register(registry)),
      handled_(&prometheus::BuildCounter()
                    .Name("grpc_server_handled_total")
                    .Help("Total number of RPCs completed on the server, regardless of "
                          "success or failure.")
                    .Register(registry)),
      msg_received_(&prometheus::BuildCounter()
                         .Name("grpc_server_msg_received_total")
                         .Help("Total number of RPC stream messages received on the server.")
                         .Register(registry)),
      msg_sent_(&prometheus::BuildCounter()
                     .Name("grpc_server_msg_sent_total")
                     .Help("Total number of gRPC stream messages sent by the server.")
                     .Register(registry)),
      handling_seconds_(&prometheus::BuildHistogram()
                             .Name("grpc_server_handling_seconds")
                             .Help("Histogram of response latency (seconds) of gRPC that had "
                                   "been application-level handled by the server.")
                             .Register(registry)) {
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const std::string& service_name : service_full_names) {
    const google::protobuf::ServiceDescriptor* service = pool->FindServiceByName(service_name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      const google::protobuf::MethodDescriptor* method = service->method(i);
      std::string path = absl::StrCat("/", service_name, "/", method->name());
      known_[path].reset(Create(path, GrpcTypeName(*method)));
    }
  }
}

MethodMetrics* GrpcServerMetrics::Create(const std::string& path, absl::string_view grpc_type) {
  // path is "/pkg.Service/Method".
  const size_t slash = path.rfind('/');
  const std::string service = path.substr(1, slash - 1);
  const std::string method = path.substr(slash + 1);
  const prometheus::Labels labels{
      {"grpc_type", std::string(grpc_type)}, {"grpc_service", service}, {"grpc_method", method}};
  auto* metrics = new MethodMetrics;
  metrics->started = &started_->Add(labels);
  for (int code = 0; code < kGrpcCodeCount; ++code) {
    prometheus::Labels with_code = labels;
    with_code["grpc_code"] = std::string(kGoCodeNames[code]);
    metrics->handled[code] = &handled_->Add(with_code);
  }
  metrics->msg_received = &msg_received_->Add(labels);
  metrics->msg_sent = &msg_sent_->Add(labels);
  metrics->handling_seconds = &handling_seconds_->Add(labels, kDefaultBuckets);
  return metrics;
}

MethodMetrics* GrpcServerMetrics::ForMethod(const char* method, ServerRpcInfo::Type type) {
  const absl::string_view path = method != nullptr ? method : "/unknown/unknown";
  if (auto it = known_.find(path); it != known_.end()) return it->second.get();
  absl::MutexLock lock(&mu_);
  auto& slot = late_[path];
  if (slot == nullptr) slot.reset(Create(std::string(path), GrpcTypeName(type)));
  return slot.get();
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
GrpcServerMetrics::InterceptorFactory() {
  return std::make_unique<MetricsInterceptorFactory>(this);
}

}  // namespace huiwu::server
