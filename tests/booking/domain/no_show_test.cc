#include "services/booking/domain/no_show.h"

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/booking/domain/calendar.h"

namespace huiwu::booking {
namespace {

const absl::Time kStart = absl::FromCivil(absl::CivilMinute(2024, 6, 3, 9, 0), CenterTimeZone());

TEST(NoShowTest, ReleasedAtExactlyThirtyMinutesNotBefore) {
  const SchedulingPolicy policy;
  EXPECT_FALSE(ShouldReleaseNoShow(MeetingState::kConfirmed, MeetingKind::kInternal, false, kStart,
                                   0, kStart + absl::Minutes(29), policy));
  EXPECT_FALSE(ShouldReleaseNoShow(MeetingState::kConfirmed, MeetingKind::kInternal, false, kStart,
                                   0, kStart + absl::Minutes(30) - absl::Seconds(1), policy));
  EXPECT_TRUE(ShouldReleaseNoShow(MeetingState::kConfirmed, MeetingKind::kInternal, false, kStart,
                                  0, kStart + absl::Minutes(30), policy));
  EXPECT_TRUE(ShouldReleaseNoShow(MeetingState::kConfirmed, MeetingKind::kInternal, false, kStart,
                                  0, kStart + absl::Hours(3), policy));
}

TEST(NoShowTest, NotReleasedBeforeItStarts) {
  const SchedulingPolicy policy;
  EXPECT_FALSE(ShouldReleaseNoShow(MeetingState::kConfirmed, MeetingKind::kInternal, false, kStart,
                                   0, kStart - absl::Hours(1), policy));
}

TEST(NoShowTest, OneSignInKeepsTheRoom) {
  const SchedulingPolicy policy;
  EXPECT_FALSE(ShouldReleaseNoShow(MeetingState::kConfirmed, MeetingKind::kInternal, false, kStart,
                                   1, kStart + absl::Hours(1), policy));
}

TEST(NoShowTest, EveryReleasableKindUsesItsDelay) {
  const SchedulingPolicy policy;
  for (MeetingKind kind : {MeetingKind::kInternal, MeetingKind::kTraining, MeetingKind::kSeminar,
                           MeetingKind::kVideoConference}) {
    EXPECT_FALSE(ShouldReleaseNoShow(MeetingState::kConfirmed, kind, false, kStart, 0,
                                     kStart + absl::Minutes(29), policy))
        << MeetingKindName(kind);
    EXPECT_TRUE(ShouldReleaseNoShow(MeetingState::kConfirmed, kind, false, kStart, 0,
                                    kStart + absl::Minutes(30), policy))
        << MeetingKindName(kind);
  }
}

TEST(NoShowTest, NeverForVipMeetings) {
  const SchedulingPolicy policy;
  const absl::Time much_later = kStart + absl::Hours(5);
  // A VIP-flagged meeting of a releasable kind.
  EXPECT_FALSE(ShouldReleaseNoShow(MeetingState::kConfirmed, MeetingKind::kInternal, true, kStart,
                                   0, much_later, policy));
  // The VIP reception kind, even unflagged.
  EXPECT_FALSE(ShouldReleaseNoShow(MeetingState::kConfirmed, MeetingKind::kVipReception, false,
                                   kStart, 0, much_later, policy));
}

TEST(NoShowTest, VipReceptionNeverReleasedEvenIfConfiguredWithADelay) {
  SchedulingPolicy policy;
  ASSERT_TRUE(
      policy
          .SetLimits(MeetingKind::kVipReception, KindLimits{absl::Hours(24), absl::Hours(24 * 180),
                                                            absl::Hours(12), absl::Minutes(10)})
          .ok());
  EXPECT_FALSE(ShouldReleaseNoShow(MeetingState::kConfirmed, MeetingKind::kVipReception, false,
                                   kStart, 0, kStart + absl::Hours(5), policy));
}

TEST(NoShowTest, NeverForKindsWithoutADelay) {
  const SchedulingPolicy policy;
  EXPECT_FALSE(ShouldReleaseNoShow(MeetingState::kConfirmed, MeetingKind::kExternalExchange, false,
                                   kStart, 0, kStart + absl::Hours(5), policy));
}

TEST(NoShowTest, OnlyConfirmedMeetingsAreReleased) {
  const SchedulingPolicy policy;
  for (MeetingState state :
       {MeetingState::kSubmitted, MeetingState::kInProgress, MeetingState::kCompleted,
        MeetingState::kArchived, MeetingState::kRejected, MeetingState::kCancelled}) {
    EXPECT_FALSE(ShouldReleaseNoShow(state, MeetingKind::kInternal, false, kStart, 0,
                                     kStart + absl::Hours(1), policy))
        << MeetingStateName(state);
  }
}

TEST(NoShowTest, AnOverriddenDelayIsHonoured) {
  SchedulingPolicy policy;
  ASSERT_TRUE(
      policy
          .SetLimits(MeetingKind::kTraining, KindLimits{absl::Hours(24), absl::Hours(24 * 180),
                                                        absl::Hours(10), absl::Minutes(45)})
          .ok());
  EXPECT_FALSE(ShouldReleaseNoShow(MeetingState::kConfirmed, MeetingKind::kTraining, false, kStart,
                                   0, kStart + absl::Minutes(44), policy));
  EXPECT_TRUE(ShouldReleaseNoShow(MeetingState::kConfirmed, MeetingKind::kTraining, false, kStart,
                                  0, kStart + absl::Minutes(45), policy));
}

TEST(NoShowTest, ReleaseNoShowIsAnAllowedTransitionFromConfirmed) {
  // The sweep that acts on ShouldReleaseNoShow must be able to apply the action.
  const absl::StatusOr<MeetingState> next =
      NextState(MeetingState::kConfirmed, MeetingAction::kReleaseNoShow);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, MeetingState::kCancelled);
  EXPECT_FALSE(OccupiesRoom(*next));
}

}  // namespace
}  // namespace huiwu::booking
