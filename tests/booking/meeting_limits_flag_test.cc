// --meeting_limits: the center's per-kind limits overridden at start, or a clear refusal.
#include "services/booking/meeting_limits_flag.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

using ::testing::HasSubstr;

TEST(MeetingLimitsFlagTest, EmptyKeepsTheCentersDefaults) {
  auto policy = PolicyWithOverrides("");
  ASSERT_TRUE(policy.ok()) << policy.status();
  EXPECT_EQ(policy->LimitsFor(MeetingKind::kInternal).min_notice,
            SchedulingPolicy().LimitsFor(MeetingKind::kInternal).min_notice);
}

TEST(MeetingLimitsFlagTest, OverridesTheNamedKindsOnly) {
  auto policy = PolicyWithOverrides(
      "vip_reception.min_notice=48h, training.max_length=8h,internal.no_show_release_after=off");
  ASSERT_TRUE(policy.ok()) << policy.status();
  EXPECT_EQ(policy->LimitsFor(MeetingKind::kVipReception).min_notice, absl::Hours(48));
  EXPECT_EQ(policy->LimitsFor(MeetingKind::kTraining).max_length, absl::Hours(8));
  EXPECT_FALSE(policy->LimitsFor(MeetingKind::kInternal).no_show_release_after.has_value());
  EXPECT_EQ(policy->LimitsFor(MeetingKind::kSeminar).max_length,
            SchedulingPolicy().LimitsFor(MeetingKind::kSeminar).max_length);
}

TEST(MeetingLimitsFlagTest, RefusesWhatItCannotEnforceNamingTheEntry) {
  for (const char* bad :
       {"banquet.min_notice=1h", "internal.min_notice", "internal.colour=1h",
        "internal.max_length=soon", "internal.max_length=off", "internal.max_length=-1h"}) {
    auto policy = PolicyWithOverrides(bad);
    ASSERT_FALSE(policy.ok()) << bad;
    EXPECT_EQ(policy.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(policy.status().message()), HasSubstr(bad));
  }
}

}  // namespace
}  // namespace huiwu::booking
