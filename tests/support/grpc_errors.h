// Reading google.rpc details (ErrorInfo, BadRequest) out of a grpc::Status, as a
// client of the API does.
#ifndef HUIWU_TESTS_SUPPORT_GRPC_ERRORS_H_
#define HUIWU_TESTS_SUPPORT_GRPC_ERRORS_H_

#include <map>
#include <string>
#include <vector>

#include "grpcpp/support/status.h"

namespace huiwu::testing {

struct ErrorDetails {
  std::string reason;
  std::string domain;
  std::map<std::string, std::string> metadata;
  std::vector<std::string> violated_fields;         // BadRequest field violations, in order
  std::vector<std::string> violation_descriptions;  // parallel to violated_fields
};

ErrorDetails DetailsOf(const grpc::Status& status);

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_GRPC_ERRORS_H_
