#include "common/status/grpc_status.h"

#include <exception>

#include "common/log/log.h"
#include "common/status/errors.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/error_details.h"

namespace huiwu {
namespace {

// The canonical code names, as google.rpc.Code spells them, for a default reason.
absl::string_view CodeName(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return "OK";
    case absl::StatusCode::kCancelled:
      return "CANCELLED";
    case absl::StatusCode::kUnknown:
      return "UNKNOWN";
    case absl::StatusCode::kInvalidArgument:
      return "INVALID_ARGUMENT";
    case absl::StatusCode::kDeadlineExceeded:
      return "DEADLINE_EXCEEDED";
    case absl::StatusCode::kNotFound:
      return "NOT_FOUND";
    case absl::StatusCode::kAlreadyExists:
      return "ALREADY_EXISTS";
    case absl::StatusCode::kPermissionDenied:
      return "PERMISSION_DENIED";
    case absl::StatusCode::kResourceExhausted:
      return "RESOURCE_EXHAUSTED";
    case absl::StatusCode::kFailedPrecondition:
      return "FAILED_PRECONDITION";
    case absl::StatusCode::kAborted:
      return "ABORTED";
    case absl::StatusCode::kOutOfRange:
      return "OUT_OF_RANGE";
    case absl::StatusCode::kUnimplemented:
      return "UNIMPLEMENTED";
    case absl::StatusCode::kInternal:
      return "INTERNAL";
    case absl::StatusCode::kUnavailable:
      return "UNAVAILABLE";
    case absl::StatusCode::kDataLoss:
      return "DATA_LOSS";
    case absl::StatusCode::kUnauthenticated:
      return "UNAUTHENTICATED";
    default:
      return "UNKNOWN";
  }
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status, absl::string_view domain) {
  if (status.ok()) return grpc::Status::OK;
  google::rpc::Status rich;
  rich.set_code(static_cast<int>(status.code()));
  rich.set_message(std::string(status.message()));

  google::rpc::ErrorInfo info;
  std::string reason = ReasonOf(status);
  info.set_reason(reason.empty() ? std::string(CodeName(status.code())) : reason);
  info.set_domain(std::string(domain));
  for (const auto& [key, value] : MetadataOf(status)) (*info.mutable_metadata())[key] = value;
  rich.add_details()->PackFrom(info);

  const std::vector<FieldViolation> violations = FieldViolationsOf(status);
  if (!violations.empty()) {
    google::rpc::BadRequest bad_request;
    for (const auto& v : violations) {
      auto* violation = bad_request.add_field_violations();
      violation->set_field(v.field);
      violation->set_description(v.description);
    }
    rich.add_details()->PackFrom(bad_request);
  }
  grpc::Status result;
  grpc::SetErrorDetails(rich, &result);
  return result;
}

grpc::Status ServeCall(absl::string_view domain, absl::string_view method,
                       absl::FunctionRef<absl::Status()> body) {
  try {
    return ToGrpcStatus(body(), domain);
  } catch (const std::exception& e) {
    log::Error("unhandled_exception", {{"method", method}, {"what", e.what()}});
  } catch (...) {
    log::Error("unhandled_exception", {{"method", method}, {"what", "non-standard exception"}});
  }
  return ToGrpcStatus(ErrorWithReason(absl::StatusCode::kInternal, "INTERNAL",
                                      "internal error; the operator has the details in the log"),
                      domain);
}

}  // namespace huiwu
