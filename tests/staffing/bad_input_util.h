// Tables of bad staffing requests: each must be INVALID_ARGUMENT naming its field (in
// google.rpc.BadRequest and in the message) and must write nothing. The staffing twin
// of tests/booking/bad_input_util.h (that one is typed on booking's stub).
#ifndef HUIWU_TESTS_STAFFING_BAD_INPUT_UTIL_H_
#define HUIWU_TESTS_STAFFING_BAD_INPUT_UTIL_H_

#include <functional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/staffing/staffing_fixture.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/test_database.h"

namespace huiwu::testing {

struct StaffingBadInput {
  std::string what;
  std::string field;  // the field the error must name
  std::function<grpc::Status(sv1::StaffingService::Stub&)> call;
};

template <typename Request, typename Response>
using StaffingStubMethod = grpc::Status (sv1::StaffingService::Stub::*)(grpc::ClientContext*,
                                                                        const Request&, Response*);

template <typename Request, typename Response>
StaffingBadInput Bad(std::string what, std::string field,
                     StaffingStubMethod<Request, Response> method, Request request) {
  return StaffingBadInput{std::move(what), std::move(field),
                          [method, request](sv1::StaffingService::Stub& stub) {
                            Response response;
                            return (stub.*method)(CallContext().get(), request, &response);
                          }};
}

inline void ExpectEachRefusedAndNothingWritten(sv1::StaffingService::Stub& stub,
                                               const std::vector<StaffingBadInput>& cases,
                                               TestDatabase& database,
                                               const std::vector<std::string>& tables) {
  const std::string before = database.Snapshot(tables);
  for (const StaffingBadInput& bad : cases) {
    SCOPED_TRACE(bad.what);
    grpc::Status status = bad.call(stub);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
    ErrorDetails details = DetailsOf(status);
    EXPECT_EQ(details.domain, "staffing.huiwu");
    EXPECT_THAT(details.violated_fields, ::testing::Contains(bad.field)) << status.error_message();
    EXPECT_NE(status.error_message().find(bad.field), std::string::npos)
        << "the message names the field too: " << status.error_message();
  }
  EXPECT_EQ(database.Snapshot(tables), before);
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_STAFFING_BAD_INPUT_UTIL_H_
