#include "tools/huiwuctl/rpc_error.h"

#include <cstdio>
#include <map>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/error_details.h"

namespace huiwu::ctl {
namespace {

void PrintLine(absl::string_view line) {
  std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()), line.data());
}

}  // namespace

std::string CodeName(const grpc::Status& status) {
  // gRPC's codes are the canonical codes, numbered as absl::StatusCode.
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code()));
}

std::string ErrorReason(const grpc::Status& status) {
  google::rpc::Status rich;
  if (status.error_details().empty() || !grpc::ExtractErrorDetails(status, &rich).ok()) {
    return "";
  }
  for (const auto& detail : rich.details()) {
    google::rpc::ErrorInfo info;
    if (detail.UnpackTo(&info)) return info.reason();
  }
  return "";
}

void PrintRpcError(absl::string_view what, const grpc::Status& status) {
  PrintLine(absl::StrCat("huiwuctl: ", what, ": ", CodeName(status), ": ", status.error_message()));
  google::rpc::Status rich;
  if (status.error_details().empty() || !grpc::ExtractErrorDetails(status, &rich).ok()) return;
  for (const auto& detail : rich.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad_request;
    if (detail.UnpackTo(&info)) {
      // Sorted, so that the same error always prints the same line.
      std::map<std::string, std::string> metadata(info.metadata().begin(), info.metadata().end());
      std::string line = absl::StrCat("  reason: ", info.reason());
      if (!info.domain().empty()) absl::StrAppend(&line, " (domain ", info.domain(), ")");
      if (!metadata.empty()) {
        absl::StrAppend(&line, " ", absl::StrJoin(metadata, " ", absl::PairFormatter("=")));
      }
      PrintLine(line);
    } else if (detail.UnpackTo(&bad_request)) {
      for (const auto& violation : bad_request.field_violations()) {
        PrintLine(absl::StrCat("  ", violation.field(), ": ", violation.description()));
      }
    }
  }
}

bool IsSystemic(const grpc::Status& status) {
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::UNIMPLEMENTED:
      return true;
    default:
      return false;
  }
}

}  // namespace huiwu::ctl
