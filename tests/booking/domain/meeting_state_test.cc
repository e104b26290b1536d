#include "services/booking/domain/meeting_state.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "common/status/errors.h"
#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

constexpr MeetingState kAllStates[] = {
    MeetingState::kSubmitted, MeetingState::kConfirmed, MeetingState::kInProgress,
    MeetingState::kCompleted, MeetingState::kArchived,  MeetingState::kRejected,
    MeetingState::kCancelled,
};

constexpr MeetingAction kAllActions[] = {
    MeetingAction::kConfirm,       MeetingAction::kReject,   MeetingAction::kCancel,
    MeetingAction::kStart,         MeetingAction::kComplete, MeetingAction::kArchive,
    MeetingAction::kReleaseNoShow,
};

// The center's lifecycle, written out independently of the implementation's table.
const std::map<std::pair<MeetingState, MeetingAction>, MeetingState>& AllowedTransitions() {
  static const auto* const kAllowed =
      new std::map<std::pair<MeetingState, MeetingAction>, MeetingState>{
          {{MeetingState::kSubmitted, MeetingAction::kConfirm}, MeetingState::kConfirmed},
          {{MeetingState::kSubmitted, MeetingAction::kReject}, MeetingState::kRejected},
          {{MeetingState::kSubmitted, MeetingAction::kCancel}, MeetingState::kCancelled},
          {{MeetingState::kConfirmed, MeetingAction::kCancel}, MeetingState::kCancelled},
          {{MeetingState::kConfirmed, MeetingAction::kStart}, MeetingState::kInProgress},
          {{MeetingState::kConfirmed, MeetingAction::kReleaseNoShow}, MeetingState::kCancelled},
          {{MeetingState::kInProgress, MeetingAction::kComplete}, MeetingState::kCompleted},
          {{MeetingState::kCompleted, MeetingAction::kArchive}, MeetingState::kArchived},
      };
  return *kAllowed;
}

// The message as std::string: this Abseil build's absl::string_view does not take a
// std::string_view.
bool MessageContains(const absl::Status& status, std::string_view text) {
  return std::string(status.message()).find(text) != std::string::npos;
}

std::optional<MeetingState> Expected(MeetingState from, MeetingAction action) {
  const auto it = AllowedTransitions().find({from, action});
  if (it == AllowedTransitions().end()) return std::nullopt;
  return it->second;
}

TEST(MeetingStateTest, EveryStateActionPairIsAllowedOrRefusedAsTheLifecycleSays) {
  int allowed = 0;
  int refused = 0;
  for (MeetingState from : kAllStates) {
    for (MeetingAction action : kAllActions) {
      SCOPED_TRACE(std::string(MeetingStateName(from)) + " + " +
                   std::string(MeetingActionName(action)));
      const absl::StatusOr<MeetingState> next = NextState(from, action);
      const std::optional<MeetingState> expected = Expected(from, action);
      if (expected.has_value()) {
        ++allowed;
        ASSERT_TRUE(next.ok()) << next.status();
        EXPECT_EQ(*next, *expected);
      } else {
        ++refused;
        ASSERT_FALSE(next.ok());
        EXPECT_EQ(next.status().code(), absl::StatusCode::kFailedPrecondition);
        EXPECT_EQ(ReasonOf(next.status()), "INVALID_STATE_TRANSITION");
        const ErrorMetadata metadata = MetadataOf(next.status());
        EXPECT_EQ(metadata.at("current_state"), MeetingStateName(from));
        EXPECT_EQ(metadata.at("action"), MeetingActionName(action));
        EXPECT_TRUE(MessageContains(next.status(), MeetingStateName(from))) << next.status();
      }
    }
  }
  EXPECT_EQ(allowed, 8);
  EXPECT_EQ(refused, 7 * 7 - 8);
}

TEST(MeetingStateTest, RefusalSaysWhichStatesAllowTheAction) {
  const absl::StatusOr<MeetingState> next =
      NextState(MeetingState::kInProgress, MeetingAction::kCancel);
  ASSERT_FALSE(next.ok());
  EXPECT_TRUE(MessageContains(next.status(), "SUBMITTED or CONFIRMED")) << next.status();
}

TEST(MeetingStateTest, RefusalOnAFinalMeetingTellsToSubmitANewNotice) {
  const absl::StatusOr<MeetingState> next =
      NextState(MeetingState::kCancelled, MeetingAction::kConfirm);
  ASSERT_FALSE(next.ok());
  EXPECT_TRUE(MessageContains(next.status(), "submit a new meeting notice")) << next.status();
}

TEST(MeetingStateTest, NamesAreProtoStyle) {
  EXPECT_EQ(MeetingStateName(MeetingState::kSubmitted), "SUBMITTED");
  EXPECT_EQ(MeetingStateName(MeetingState::kConfirmed), "CONFIRMED");
  EXPECT_EQ(MeetingStateName(MeetingState::kInProgress), "IN_PROGRESS");
  EXPECT_EQ(MeetingStateName(MeetingState::kCompleted), "COMPLETED");
  EXPECT_EQ(MeetingStateName(MeetingState::kArchived), "ARCHIVED");
  EXPECT_EQ(MeetingStateName(MeetingState::kRejected), "REJECTED");
  EXPECT_EQ(MeetingStateName(MeetingState::kCancelled), "CANCELLED");
  EXPECT_EQ(MeetingActionName(MeetingAction::kReleaseNoShow), "RELEASE_NO_SHOW");
}

TEST(MeetingStateTest, ConfirmedMeetingsHoldTheRoomUntilTheirCleanUpIsOver) {
  for (MeetingState state : kAllStates) {
    SCOPED_TRACE(MeetingStateName(state));
    EXPECT_EQ(OccupiesRoom(state),
              state == MeetingState::kConfirmed || state == MeetingState::kInProgress ||
                  state == MeetingState::kCompleted || state == MeetingState::kArchived);
  }
}

TEST(MeetingStateTest, ArchivedRejectedAndCancelledAreReadOnly) {
  for (MeetingState state : kAllStates) {
    SCOPED_TRACE(MeetingStateName(state));
    EXPECT_EQ(IsReadOnly(state), state == MeetingState::kArchived ||
                                     state == MeetingState::kRejected ||
                                     state == MeetingState::kCancelled);
  }
}

TEST(MeetingStateTest, NoActionLeavesAReadOnlyState) {
  for (MeetingState state : kAllStates) {
    if (!IsReadOnly(state)) continue;
    for (MeetingAction action : kAllActions) {
      EXPECT_FALSE(NextState(state, action).ok())
          << MeetingStateName(state) << " + " << MeetingActionName(action);
    }
  }
}

}  // namespace
}  // namespace huiwu::booking
