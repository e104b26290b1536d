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

TEST(MeetingLimitsFlagTest, SaysHowAKindsNoticeIsCounted) {
  auto policy = PolicyWithOverrides(
      "seminar.notice_counted_in=office_hours,vip_reception.notice_counted_in=elapsed_time,"
      "seminar.min_notice=15h");
  ASSERT_TRUE(policy.ok()) << policy.status();
  EXPECT_EQ(policy->LimitsFor(MeetingKind::kSeminar).notice_counted_in, NoticeClock::kOfficeHours);
  EXPECT_EQ(policy->LimitsFor(MeetingKind::kSeminar).min_notice, absl::Hours(15));
  EXPECT_EQ(policy->LimitsFor(MeetingKind::kVipReception).notice_counted_in, NoticeClock::kElapsed);
  EXPECT_EQ(policy->LimitsFor(MeetingKind::kExternalExchange).notice_counted_in,
            NoticeClock::kOfficeHours);
  EXPECT_EQ(policy->office_hours().Describe(), "08:30–12:00 and 13:30–17:30");
}

TEST(MeetingLimitsFlagTest, TakesTheOfficeHours) {
  auto policy = PolicyWithOverrides("", "09:00-12:00,14:00-18:00");
  ASSERT_TRUE(policy.ok()) << policy.status();
  EXPECT_EQ(policy->office_hours().PerDay(), absl::Hours(7));
  auto bad = PolicyWithOverrides("", "9-5");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("--office_hours"));
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("\"9-5\""));
}

TEST(MeetingLimitsFlagTest, RefusesWhatItCannotEnforceNamingTheEntry) {
  for (const char* bad :
       {"banquet.min_notice=1h", "internal.min_notice", "internal.colour=1h",
        "internal.max_length=soon", "internal.max_length=off", "internal.max_length=-1h",
        "internal.notice_counted_in=working_days", "internal.notice_counted_in=2h"}) {
    auto policy = PolicyWithOverrides(bad);
    ASSERT_FALSE(policy.ok()) << bad;
    EXPECT_EQ(policy.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(policy.status().message()), HasSubstr(bad));
  }
}

}  // namespace
}  // namespace huiwu::booking
