// Tables of bad inventory requests: each must be INVALID_ARGUMENT naming its field (in
// google.rpc.BadRequest and in the message) and must write nothing.
#ifndef HUIWU_TESTS_INVENTORY_BAD_INPUT_UTIL_H_
#define HUIWU_TESTS_INVENTORY_BAD_INPUT_UTIL_H_

#include <functional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "huiwu/inventory/v1/inventory_service.grpc.pb.h"
#include "tests/support/booking_fixture.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/test_database.h"

namespace huiwu::testing {

struct InventoryBadInput {
  std::string what;
  std::string field;  // the field the error must name
  std::function<grpc::Status(inventory::v1::InventoryService::Stub&)> call;
};

template <typename Request, typename Response>
using InventoryStubMethod = grpc::Status (inventory::v1::InventoryService::Stub::*)(
    grpc::ClientContext*, const Request&, Response*);

template <typename Request, typename Response>
InventoryBadInput BadCase(std::string what, std::string field,
                          InventoryStubMethod<Request, Response> method, Request request) {
  return InventoryBadInput{std::move(what), std::move(field),
                           [method, request](inventory::v1::InventoryService::Stub& stub) {
                             Response response;
                             return (stub.*method)(CallContext().get(), request, &response);
                           }};
}

// Runs every case; `tables` must be the same afterwards.
inline void ExpectEachRefusedAndNothingWritten(inventory::v1::InventoryService::Stub& stub,
                                               const std::vector<InventoryBadInput>& cases,
                                               TestDatabase& database,
                                               const std::vector<std::string>& tables) {
  const std::string before = database.Snapshot(tables);
  for (const InventoryBadInput& bad : cases) {
    SCOPED_TRACE(bad.what);
    grpc::Status status = bad.call(stub);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
    ErrorDetails details = DetailsOf(status);
    EXPECT_EQ(details.domain, "inventory.huiwu");
    EXPECT_THAT(details.violated_fields, ::testing::Contains(bad.field)) << status.error_message();
    EXPECT_NE(status.error_message().find(bad.field), std::string::npos)
        << "the message names the field too: " << status.error_message();
  }
  EXPECT_EQ(database.Snapshot(tables), before);
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_INVENTORY_BAD_INPUT_UTIL_H_
