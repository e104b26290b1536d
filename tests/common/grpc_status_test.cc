#include "common/status/grpc_status.h"

#include <stdexcept>

#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/grpc_errors.h"

namespace huiwu {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

TEST(GrpcStatusTest, CarriesReasonDomainAndMetadataAsErrorInfo) {
  grpc::Status status =
      ToGrpcStatus(ErrorWithReason(absl::StatusCode::kFailedPrecondition, "ROOM_CONFLICT", "taken",
                                   {{"meeting", "meetings/42"}}),
                   "booking.huiwu");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(), "taken");
  testing::ErrorDetails details = testing::DetailsOf(status);
  EXPECT_EQ(details.reason, "ROOM_CONFLICT");
  EXPECT_EQ(details.domain, "booking.huiwu");
  EXPECT_THAT(details.metadata, UnorderedElementsAre(Pair("meeting", "meetings/42")));
}

TEST(GrpcStatusTest, CarriesFieldViolationsAsBadRequest) {
  grpc::Status status = ToGrpcStatus(
      InvalidFieldsError({{"room.capacity", "too big"}, {"room_id", "bad"}}), "booking.huiwu");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  testing::ErrorDetails details = testing::DetailsOf(status);
  EXPECT_EQ(details.reason, "INVALID_ARGUMENT");
  EXPECT_THAT(details.violated_fields, ElementsAre("room.capacity", "room_id"));
}

TEST(GrpcStatusTest, PlainStatusStillGetsAnErrorInfoReason) {
  grpc::Status status = ToGrpcStatus(absl::NotFoundError("gone"), "x.huiwu");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(testing::DetailsOf(status).reason, "NOT_FOUND");
}

TEST(GrpcStatusTest, ExceptionBecomesInternalNeverUnknown) {
  grpc::Status status = ServeCall(
      "x.huiwu", "Boom", []() -> absl::Status { throw std::runtime_error("secret internals"); });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(status.error_message().find("secret"), std::string::npos);
}

}  // namespace
}  // namespace huiwu
