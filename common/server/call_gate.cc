#include "common/server/call_gate.h"

#include <openssl/sha.h>

#include <chrono>
#include <memory>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "common/api/confidential.h"
#include "common/api/personal_data.h"
#include "common/audit/audit_scope.h"
#include "common/db/pool.h"
#include "common/db/transaction.h"
#include "common/log/log.h"
#include "common/server/actor.h"
#include "common/server/caller.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/message.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/error_details.h"

namespace huiwu::server {
namespace {

// A string field of `request` by name, or "".
std::string StringField(const google::protobuf::Message& request, const char* name) {
  const google::protobuf::FieldDescriptor* field = request.GetDescriptor()->FindFieldByName(name);
  if (field == nullptr || field->is_repeated() ||
      field->type() != google::protobuf::FieldDescriptor::TYPE_STRING) {
    return "";
  }
  return request.GetReflection()->GetString(request, field);
}

bool RecordsRefusal(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kCancelled:
      return false;
    default:
      return true;
  }
}

std::string CodeName(absl::StatusCode code) {
  // absl's names are google.rpc.Code's ("FAILED_PRECONDITION").
  return absl::StatusCodeToString(code);
}

absl::Time DeadlineOf(const grpc::ServerContext& context) {
  const std::chrono::system_clock::time_point deadline = context.deadline();
  if (deadline == std::chrono::system_clock::time_point::max()) return absl::InfiniteFuture();
  return absl::FromChrono(deadline);
}

}  // namespace

std::string RequestFingerprint(const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> body(request.New());
  body->CopyFrom(request);
  const google::protobuf::FieldDescriptor* field =
      body->GetDescriptor()->FindFieldByName("request_id");
  if (field != nullptr) body->GetReflection()->ClearField(body.get(), field);
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    body->SerializeToCodedStream(&coded);
  }
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

CallGate::CallGate(std::string grpc_service, std::string error_domain, db::ConnectionPool& pool,
                   RateLimiter& limiter, KeyOf key_of)
    : grpc_service_(std::move(grpc_service)),
      error_domain_(std::move(error_domain)),
      pool_(pool),
      limiter_(limiter),
      key_of_(std::move(key_of)) {}

void CallGate::EnforcePolicy(const AuthzPolicyWatcher* policy, const DataAccessWatcher* data_access,
                             prometheus::Registry* registry) {
  policy_ = policy;
  data_access_ = data_access;
  refusals_ = std::make_unique<metrics::CallerCounter>(
      registry, "huiwu_authz_refusals_total",
      "Calls refused PERMISSION_DENIED by the authorization policy or the data-access file.");
}

absl::StatusOr<CallerAccess> CallGate::AccessOf(const grpc::ServerContext& context) const {
  if (data_access_ == nullptr) return CallerAccess::Unrestricted();
  return data_access_->current()->For(AuthenticatedCallerOf(context));
}

grpc::Status CallGate::Authorize(const grpc::ServerContext& context, absl::string_view path) const {
  if (policy_ == nullptr) return grpc::Status::OK;
  const std::string caller = AuthenticatedCallerOf(context);
  const AuthzDecision decision = policy_->current()->Evaluate(caller, path);
  if (decision.allowed) {
    absl::StatusOr<CallerAccess> access = AccessOf(context);
    if (access.ok()) return grpc::Status::OK;
    refusals_->Increment(caller);
    return ToGrpcStatus(access.status(), error_domain_);
  }
  refusals_->Increment(caller.empty() ? RateLimitKey(CallerOf(context)) : caller);
  const std::string who = caller.empty() ? "a caller without a certificate identity" : caller;
  const std::string allowed = decision.allowed_principals.empty()
                                  ? std::string("nobody")
                                  : absl::StrJoin(decision.allowed_principals, ", ");
  return ToGrpcStatus(
      ErrorWithReason(
          absl::StatusCode::kPermissionDenied, "NOT_AUTHORIZED",
          absl::StrCat(
              Shorten(who, 200), " may not call ", path,
              decision.rule.empty() ? "" : absl::StrCat(" (denied by rule ", decision.rule, ")"),
              "; allowed: ", allowed),
          {{"caller", who}, {"method", std::string(path)}, {"allowed", allowed}}),
      error_domain_);
}

grpc::Status CallGate::Admit(const grpc::ServerContext& context, absl::string_view method) const {
  grpc::Status authorized = Authorize(context, absl::StrCat("/", grpc_service_, "/", method));
  if (!authorized.ok()) return authorized;
  if (!limiter_.enabled()) return grpc::Status::OK;
  const std::string key = key_of_ ? key_of_(context) : RateLimitKey(CallerOf(context));
  const std::optional<absl::Duration> wait = limiter_.Admit(key);
  if (!wait.has_value()) return grpc::Status::OK;
  grpc::Status refused = ToGrpcStatus(
      ErrorWithReason(absl::StatusCode::kResourceExhausted, "RATE_LIMITED",
                      absl::StrCat("too many calls from ", Shorten(key, 100), "; retry after ",
                                   absl::FormatDuration(*wait), " (RetryInfo), and slow down"),
                      {{"caller", key}}),
      error_domain_);
  // ToGrpcStatus gave ErrorInfo; RetryInfo tells a client library when to come back.
  google::rpc::Status rich;
  rich.ParseFromString(refused.error_details());
  google::rpc::RetryInfo retry;
  const int64_t micros = absl::ToInt64Microseconds(*wait);
  retry.mutable_retry_delay()->set_seconds(micros / 1000000);
  retry.mutable_retry_delay()->set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
  rich.add_details()->PackFrom(retry);
  grpc::Status result;
  grpc::SetErrorDetails(rich, &result);
  return result;
}

void CallGate::MaskFor(const grpc::ServerContext& context,
                       google::protobuf::Message& response) const {
  if (data_access_ == nullptr) return;
  const absl::StatusOr<CallerAccess> access = AccessOf(context);
  // A caller the file stopped binding since it was admitted sees as little as possible.
  if (!access.ok() || !access->personal_data) api::MaskPersonalData(response);
  // Here, like personal data, so that no read (a new one included) can forget it.
  api::MaskConfidential(response,
                        access.ok() ? access->viewer() : api::ConfidentialViewer::Nobody());
}

grpc::Status CallGate::Serve(const grpc::ServerContext& context, absl::string_view method,
                             google::protobuf::Message* response,
                             absl::FunctionRef<absl::Status()> body) const {
  grpc::Status admitted = Admit(context, method);
  if (!admitted.ok()) return admitted;
  grpc::Status answer;
  {
    db::CallDeadline deadline(DeadlineOf(context));
    answer = ServeCall(error_domain_, method, body);
  }
  if (answer.ok() && response != nullptr) MaskFor(context, *response);
  return answer;
}

grpc::Status CallGate::ServeMutation(const grpc::ServerContext& context,
                                     const google::protobuf::Message& request,
                                     absl::string_view method, google::protobuf::Message* response,
                                     absl::FunctionRef<absl::Status()> body) const {
  grpc::Status admitted = Admit(context, method);
  if (!admitted.ok()) return admitted;

  audit::Record record;
  record.caller = CallerOf(context);
  record.person = ActorOf(context);
  record.method = absl::StrCat("/", grpc_service_, "/", method);
  record.request_id = StringField(request, "request_id");
  record.resource = StringField(request, "name");
  const std::string parent = StringField(request, "parent");

  // Unset when the body threw (ServeCall answers INTERNAL).
  std::optional<absl::Status> outcome;
  bool recorded = false;
  grpc::Status answer;
  {
    audit::Scope scope(record, audit::Scope::Kind::kCall,
                       record.request_id.empty() ? "" : RequestFingerprint(request), parent);
    // The refusal's record, below, is written even when the caller has gone.
    db::CallDeadline deadline(DeadlineOf(context));
    answer = ServeCall(error_domain_, method, [&]() -> absl::Status {
      outcome = body();
      return *outcome;
    });
    recorded = scope.recorded();
  }
  const absl::Status refusal =
      outcome.value_or(absl::InternalError("the handler threw; see the log"));
  if (answer.ok() && response != nullptr) MaskFor(context, *response);
  if (recorded || !RecordsRefusal(refusal.code())) return answer;
  if (record.resource.empty()) record.resource = parent;
  record.outcome = CodeName(refusal.code());
  record.reason = ReasonOf(refusal);
  absl::Status written = db::InTransaction(pool_, "AuditRefusal", [&](db::Connection& c) {
    audit::InsertRecord(c, record);
    return absl::OkStatus();
  });
  if (!written.ok()) {
    // The caller's answer stands; the operator learns that the trail has a gap.
    log::Warning(
        "audit_record_failed",
        {{"method", record.method}, {"outcome", record.outcome}, {"message", written.message()}});
  }
  return answer;
}

}  // namespace huiwu::server
