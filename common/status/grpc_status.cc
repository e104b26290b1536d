#include "common/status/grpc_status.h"

#include <algorithm>
#include <exception>

#include "absl/strings/str_cat.h"
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

std::string Shorten(absl::string_view text, int max_bytes) {
  if (static_cast<int>(text.size()) <= max_bytes) return std::string(text);
  static constexpr absl::string_view kEllipsis = "…";
  size_t keep = max_bytes > static_cast<int>(kEllipsis.size()) ? max_bytes - kEllipsis.size() : 0;
  // Back up over UTF-8 continuation bytes (10xxxxxx) so no character is cut in half.
  while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) --keep;
  return absl::StrCat(text.substr(0, keep), kEllipsis);
}

grpc::Status ToGrpcStatus(const absl::Status& status, absl::string_view domain) {
  if (status.ok()) return grpc::Status::OK;
  google::rpc::Status rich;
  rich.set_code(static_cast<int>(status.code()));
  rich.set_message(Shorten(status.message(), kMaxErrorMessageBytes));

  google::rpc::ErrorInfo info;
  std::string reason = ReasonOf(status);
  info.set_reason(reason.empty() ? std::string(CodeName(status.code()))
                                 : Shorten(reason, kMaxErrorTextBytes));
  info.set_domain(std::string(domain));
  int entries = 0;
  for (const auto& [key, value] : MetadataOf(status)) {
    if (++entries > kMaxErrorMetadataEntries) break;
    (*info.mutable_metadata())[Shorten(key, kMaxErrorTextBytes)] =
        Shorten(value, kMaxErrorTextBytes);
  }
  rich.add_details()->PackFrom(info);

  const std::vector<FieldViolation> violations = FieldViolationsOf(status);
  if (!violations.empty()) {
    google::rpc::BadRequest bad_request;
    const int shown = std::min<int>(violations.size(), kMaxFieldViolations);
    for (int i = 0; i < shown; ++i) {
      auto* violation = bad_request.add_field_violations();
      violation->set_field(Shorten(violations[i].field, kMaxErrorTextBytes));
      violation->set_description(Shorten(violations[i].description, kMaxErrorTextBytes));
    }
    if (static_cast<int>(violations.size()) > shown) {
      // BadRequest has no count: the rest is said in the message's place, as a violation
      // of no particular field, so a client listing violations sees it.
      auto* more = bad_request.add_field_violations();
      more->set_description(absl::StrCat(violations.size() - shown,
                                         " more invalid fields not listed; fix these first"));
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
