// Errors inside huiwu travel as absl::Status. This file gives them the structure that
// the gRPC boundary (common/status/grpc_status.h) turns into google.rpc.ErrorInfo and
// google.rpc.BadRequest: a reason (UPPER_SNAKE), metadata, and field violations. It
// depends on Abseil only, so domain code can use it without proto or gRPC headers.
#ifndef HUIWU_COMMON_STATUS_ERRORS_H_
#define HUIWU_COMMON_STATUS_ERRORS_H_

#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace huiwu {

struct FieldViolation {
  std::string field;        // the request field's path, e.g. "room.capacity"
  std::string description;  // what is wrong and what is accepted
};

using ErrorMetadata = std::map<std::string, std::string>;

// An error with a machine-readable reason and metadata, e.g.
// ErrorWithReason(kFailedPrecondition, "ROOM_CONFLICT", "...", {{"meeting", name}}).
absl::Status ErrorWithReason(absl::StatusCode code, absl::string_view reason,
                             absl::string_view message, const ErrorMetadata& metadata = {});

// INVALID_ARGUMENT naming one field (reason INVALID_ARGUMENT, metadata {field}).
absl::Status InvalidFieldError(absl::string_view field, absl::string_view description);

// INVALID_ARGUMENT naming every violation found; `violations` must not be empty.
absl::Status InvalidFieldsError(const std::vector<FieldViolation>& violations);

// The first `shown` of `items` joined by ", ", then " and N more" when there are more:
// an error that names what it is about stays short however many there are (an answer
// is cut to 1 KiB at the boundary, and the advice after a long list would be lost).
std::string JoinFirst(const std::vector<std::string>& items, size_t shown);

// Readers, used at the gRPC boundary and by tests.
std::string ReasonOf(const absl::Status& status);
ErrorMetadata MetadataOf(const absl::Status& status);
std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status);

}  // namespace huiwu

#endif  // HUIWU_COMMON_STATUS_ERRORS_H_
