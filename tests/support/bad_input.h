// Tables of bad requests, for every service's tests: each must be INVALID_ARGUMENT
// naming its field (in google.rpc.BadRequest and in the message), in the service's
// error domain, and must write nothing.
#ifndef HUIWU_TESTS_SUPPORT_BAD_INPUT_H_
#define HUIWU_TESTS_SUPPORT_BAD_INPUT_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "tests/support/call_context.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/test_database.h"

namespace huiwu::testing {

template <typename Stub>
struct BadInputFor {
  std::string what;
  std::string field;  // the field the error must name
  std::function<grpc::Status(Stub&)> call;
};

// A case calling `method` of a generated stub with `request`.
template <typename Stub, typename Request, typename Response>
BadInputFor<Stub> Case(std::string what, std::string field,
                       grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                                    Response*),
                       Request request) {
  return BadInputFor<Stub>{std::move(what), std::move(field), [method, request](Stub& stub) {
                             Response response;
                             return (stub.*method)(CallContext().get(), request, &response);
                           }};
}

// Runs every case against `stub`; `tables` must be the same afterwards.
template <typename Stub>
void ExpectEachRefusedAndNothingWritten(Stub& stub, const std::vector<BadInputFor<Stub>>& cases,
                                        TestDatabase& database,
                                        const std::vector<std::string>& tables,
                                        absl::string_view error_domain) {
  const std::string before = database.Snapshot(tables);
  for (const BadInputFor<Stub>& bad : cases) {
    SCOPED_TRACE(bad.what);
    grpc::Status status = bad.call(stub);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
    ErrorDetails details = DetailsOf(status);
    EXPECT_EQ(details.domain, error_domain);
    EXPECT_THAT(details.violated_fields, ::testing::Contains(bad.field)) << status.error_message();
    EXPECT_NE(status.error_message().find(bad.field), std::string::npos)
        << "the message names the field too: " << status.error_message();
    EXPECT_EQ(status.error_message().find("invalid request", 1), std::string::npos)
        << "one prefix, not nested ones: " << status.error_message();
  }
  EXPECT_EQ(database.Snapshot(tables), before);
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_BAD_INPUT_H_
