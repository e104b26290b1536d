#include "common/status/grpc_status.h"

#include <stdexcept>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
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

TEST(GrpcStatusTest, HundredsOfViolationsAnswerTheFirstTwentyAndHowManyMore) {
  std::vector<FieldViolation> violations;
  for (int i = 0; i < 300; ++i) {
    violations.push_back({absl::StrCat("room.seating_layouts[", i, "]"), "unknown layout"});
  }
  grpc::Status status = ToGrpcStatus(InvalidFieldsError(violations), "booking.huiwu");
  testing::ErrorDetails details = testing::DetailsOf(status);
  ASSERT_EQ(details.violated_fields.size(), kMaxFieldViolations + 1u);
  EXPECT_EQ(details.violated_fields[0], "room.seating_layouts[0]");
  EXPECT_EQ(details.violated_fields[kMaxFieldViolations - 1], "room.seating_layouts[19]");
  EXPECT_EQ(details.violated_fields.back(), "");
  EXPECT_THAT(details.violation_descriptions.back(), ::testing::HasSubstr("280 more"));
  EXPECT_LT(status.error_details().size(), 8 * 1024u);
}

TEST(GrpcStatusTest, HugeEchoedTextIsShortenedOnACharacterBoundary) {
  std::string name;
  for (int i = 0; i < 25000; ++i) name += "王";  // 3 bytes each: 75,000 bytes
  grpc::Status status = ToGrpcStatus(
      ErrorWithReason(absl::StatusCode::kInvalidArgument, "BAD_NAME",
                      absl::StrCat("contact.name ", name, " is too long"), {{"value", name}}),
      "booking.huiwu");
  EXPECT_LE(status.error_message().size(), static_cast<size_t>(kMaxErrorMessageBytes));
  EXPECT_TRUE(absl::EndsWith(status.error_message(), "王…"));
  testing::ErrorDetails details = testing::DetailsOf(status);
  EXPECT_LE(details.metadata["value"].size(), static_cast<size_t>(kMaxErrorTextBytes));
  EXPECT_TRUE(absl::EndsWith(details.metadata["value"], "王…"));
}

TEST(GrpcStatusTest, ShortenKeepsShortTextAndNeverSplitsACharacter) {
  EXPECT_EQ(Shorten("301", 10), "301");
  EXPECT_EQ(Shorten("abcdefghij", 10), "abcdefghij");
  EXPECT_EQ(Shorten("abcdefghijk", 10), "abcdefg…");
  // "会务会务": 12 bytes; 8 bytes leave room for one character and the ellipsis.
  EXPECT_EQ(Shorten("会务会务", 8), "会…");
}

}  // namespace
}  // namespace huiwu
