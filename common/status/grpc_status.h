// absl::Status → grpc::Status, in exactly one place: the code, a message that says what
// to do, and google.rpc.Status details with ErrorInfo (reason, domain, metadata) and,
// for bad input, BadRequest field violations.
#ifndef HUIWU_COMMON_STATUS_GRPC_STATUS_H_
#define HUIWU_COMMON_STATUS_GRPC_STATUS_H_

#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"

namespace huiwu {

// Bounds on what one error answer carries. Status and details travel in HTTP/2 trailers,
// which clients cap at a few KB (grpc-js) to 16 KB: a larger answer never arrives, the
// client waits for its deadline and the connection breaks (PLATFORM.md). So a hostile
// request with hundreds of bad elements or a 70,000-character value gets the first
// violations, "N more", and every echoed text shortened, whatever the service wrote.
inline constexpr int kMaxErrorMessageBytes = 1024;
inline constexpr int kMaxFieldViolations = 20;
inline constexpr int kMaxErrorTextBytes = 200;  // a field path, description or metadata value
inline constexpr int kMaxErrorMetadataEntries = 16;

// `text` cut to at most `max_bytes` bytes on a UTF-8 character boundary, ending in "…"
// when it was cut.
std::string Shorten(absl::string_view text, int max_bytes);

// `domain` is the service's error domain, e.g. "booking.huiwu".
grpc::Status ToGrpcStatus(const absl::Status& status, absl::string_view domain);

// Runs a handler body and converts its result. A thrown exception never reaches gRPC
// (it would become UNKNOWN): it is logged with the method and answered INTERNAL.
grpc::Status ServeCall(absl::string_view domain, absl::string_view method,
                       absl::FunctionRef<absl::Status()> body);

}  // namespace huiwu

#endif  // HUIWU_COMMON_STATUS_GRPC_STATUS_H_
