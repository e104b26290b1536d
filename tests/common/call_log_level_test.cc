// The level of a failed call's log line: warnings only for what an operator acts on.
#include "common/server/grpc_metrics.h"
#include "gtest/gtest.h"

namespace huiwu::server {
namespace {

TEST(CallLogLevelTest, CallersMistakesAreInfoTheDatabaseAndCapacityWarnBugsAreErrors) {
  for (grpc::StatusCode code :
       {grpc::StatusCode::INVALID_ARGUMENT, grpc::StatusCode::NOT_FOUND,
        grpc::StatusCode::ALREADY_EXISTS, grpc::StatusCode::FAILED_PRECONDITION,
        grpc::StatusCode::ABORTED, grpc::StatusCode::OUT_OF_RANGE, grpc::StatusCode::CANCELLED,
        grpc::StatusCode::PERMISSION_DENIED, grpc::StatusCode::UNAUTHENTICATED}) {
    EXPECT_EQ(CallLogLevel(code), log::Level::kInfo) << code;
  }
  for (grpc::StatusCode code : {grpc::StatusCode::UNAVAILABLE, grpc::StatusCode::DEADLINE_EXCEEDED,
                                grpc::StatusCode::RESOURCE_EXHAUSTED}) {
    EXPECT_EQ(CallLogLevel(code), log::Level::kWarning) << code;
  }
  for (grpc::StatusCode code : {grpc::StatusCode::INTERNAL, grpc::StatusCode::UNKNOWN,
                                grpc::StatusCode::DATA_LOSS, grpc::StatusCode::UNIMPLEMENTED}) {
    EXPECT_EQ(CallLogLevel(code), log::Level::kError) << code;
  }
}

}  // namespace
}  // namespace huiwu::server
