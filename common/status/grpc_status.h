// absl::Status → grpc::Status, in exactly one place: the code, a message that says what
// to do, and google.rpc.Status details with ErrorInfo (reason, domain, metadata) and,
// for bad input, BadRequest field violations.
#ifndef HUIWU_COMMON_STATUS_GRPC_STATUS_H_
#define HUIWU_COMMON_STATUS_GRPC_STATUS_H_

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"

namespace huiwu {

// `domain` is the service's error domain, e.g. "booking.huiwu".
grpc::Status ToGrpcStatus(const absl::Status& status, absl::string_view domain);

// Runs a handler body and converts its result. A thrown exception never reaches gRPC
// (it would become UNKNOWN): it is logged with the method and answered INTERNAL.
grpc::Status ServeCall(absl::string_view domain, absl::string_view method,
                       absl::FunctionRef<absl::Status()> body);

}  // namespace huiwu

#endif  // HUIWU_COMMON_STATUS_GRPC_STATUS_H_
