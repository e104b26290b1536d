// The one place huiwuctl reports a failed call: the canonical code, the message (which
// says what to do), and the google.rpc.Status details the services attach — the
// ErrorInfo reason with its domain and metadata, and BadRequest field violations.
#ifndef HUIWU_TOOLS_HUIWUCTL_RPC_ERROR_H_
#define HUIWU_TOOLS_HUIWUCTL_RPC_ERROR_H_

#include <string>

#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"

namespace huiwu::ctl {

// The canonical name of the status code, e.g. "ALREADY_EXISTS".
std::string CodeName(const grpc::Status& status);

// The google.rpc.ErrorInfo reason of a failed call, e.g. "ROOM_ALREADY_EXISTS"; empty
// when the error carries none.
std::string ErrorReason(const grpc::Status& status);

// Prints to stderr, e.g.
//   huiwuctl: create buildings/city-hall/rooms/301: INVALID_ARGUMENT: <message>
//     reason: INVALID_ARGUMENT (domain booking.huiwu)
//     room.capacity: must be 1–5000
void PrintRpcError(absl::string_view what, const grpc::Status& status);

// Errors that no other call of the same command would escape: the server is down or
// refuses us. A command stops at the first of these instead of repeating it.
bool IsSystemic(const grpc::Status& status);

}  // namespace huiwu::ctl

#endif  // HUIWU_TOOLS_HUIWUCTL_RPC_ERROR_H_
