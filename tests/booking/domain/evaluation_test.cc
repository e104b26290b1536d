#include "services/booking/domain/evaluation.h"

#include "common/status/errors.h"
#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

TEST(EvaluationTest, OnlyACompletedOrArchivedMeetingMayBeRated) {
  for (MeetingState state :
       {MeetingState::kSubmitted, MeetingState::kConfirmed, MeetingState::kInProgress,
        MeetingState::kCompleted, MeetingState::kArchived, MeetingState::kRejected,
        MeetingState::kCancelled}) {
    SCOPED_TRACE(std::string(MeetingStateName(state)));
    const absl::Status status = CheckEvaluable(state, "meetings/m1");
    if (state == MeetingState::kCompleted || state == MeetingState::kArchived) {
      EXPECT_TRUE(status.ok()) << status;
    } else {
      EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
      EXPECT_EQ(ReasonOf(status), "MEETING_NOT_COMPLETED");
      EXPECT_EQ(MetadataOf(status).at("state"), MeetingStateName(state));
      EXPECT_EQ(MetadataOf(status).at("meeting"), "meetings/m1");
    }
  }
}

TEST(EvaluationTest, ASecondEvaluationIsRefusedAsExisting) {
  const absl::Status status = EvaluationExists("meetings/m1");
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ReasonOf(status), "EVALUATION_EXISTS");
  EXPECT_NE(status.message().find("RecordComplaint"), absl::string_view::npos);
}

}  // namespace
}  // namespace huiwu::booking
