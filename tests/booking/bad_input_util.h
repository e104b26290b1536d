// Tables of bad requests: each must be INVALID_ARGUMENT naming its field (in
// google.rpc.BadRequest and in the message) and must write nothing.
#ifndef HUIWU_TESTS_BOOKING_BAD_INPUT_UTIL_H_
#define HUIWU_TESTS_BOOKING_BAD_INPUT_UTIL_H_

#include <functional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "tests/support/booking_fixture.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/test_database.h"

namespace huiwu::testing {

struct BadInput {
  std::string what;
  std::string field;  // the field the error must name
  std::function<grpc::Status(booking::v1::BookingService::Stub&)> call;
};

template <typename Request, typename Response>
using StubMethod = grpc::Status (booking::v1::BookingService::Stub::*)(grpc::ClientContext*,
                                                                       const Request&, Response*);

// A case calling `method` with `request`.
template <typename Request, typename Response>
BadInput Case(std::string what, std::string field, StubMethod<Request, Response> method,
              Request request) {
  return BadInput{std::move(what), std::move(field),
                  [method, request](booking::v1::BookingService::Stub& stub) {
                    Response response;
                    return (stub.*method)(CallContext().get(), request, &response);
                  }};
}

// Runs every case; `tables` must be the same afterwards.
inline void ExpectEachRefusedAndNothingWritten(booking::v1::BookingService::Stub& stub,
                                               const std::vector<BadInput>& cases,
                                               TestDatabase& database,
                                               const std::vector<std::string>& tables) {
  const std::string before = database.Snapshot(tables);
  for (const BadInput& bad : cases) {
    SCOPED_TRACE(bad.what);
    grpc::Status status = bad.call(stub);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
    ErrorDetails details = DetailsOf(status);
    EXPECT_EQ(details.domain, "booking.huiwu");
    EXPECT_THAT(details.violated_fields, ::testing::Contains(bad.field)) << status.error_message();
    EXPECT_NE(status.error_message().find(bad.field), std::string::npos)
        << "the message names the field too: " << status.error_message();
    EXPECT_EQ(status.error_message().find("invalid request", 1), std::string::npos)
        << "one prefix, not nested ones: " << status.error_message();
  }
  EXPECT_EQ(database.Snapshot(tables), before);
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_BOOKING_BAD_INPUT_UTIL_H_
