#include "services/booking/domain/scheduling_limits.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/status/errors.h"
#include "gtest/gtest.h"
#include "services/booking/domain/calendar.h"
#include "services/booking/domain/meeting_kind.h"
#include "services/booking/domain/time_window.h"

namespace huiwu::booking {
namespace {

absl::Time Local(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), CenterTimeZone());
}

// Monday 3 June 2024, 08:00 in the center.
const absl::Time kNow = Local(2024, 6, 3, 8, 0);

TimeWindow StartingIn(absl::Duration lead, absl::Duration length) {
  return TimeWindow{kNow + lead, kNow + lead + length};
}

std::string FieldOf(const absl::Status& status) {
  const std::vector<FieldViolation> violations = FieldViolationsOf(status);
  return violations.size() == 1 ? violations[0].field
                                : "<" + std::to_string(violations.size()) + " violations>";
}

TEST(SchedulingPolicyTest, DefaultsFollowTheCenterRules) {
  const SchedulingPolicy policy;
  const KindLimits& internal = policy.LimitsFor(MeetingKind::kInternal);
  EXPECT_EQ(internal.min_notice, absl::Hours(2));
  EXPECT_EQ(internal.max_advance, absl::Hours(24 * 180));
  EXPECT_EQ(internal.max_length, absl::Hours(12));
  EXPECT_EQ(internal.no_show_release_after, absl::Minutes(30));

  EXPECT_EQ(policy.LimitsFor(MeetingKind::kExternalExchange).min_notice, absl::Hours(24));
  EXPECT_EQ(policy.LimitsFor(MeetingKind::kVipReception).min_notice, absl::Hours(24));
  EXPECT_EQ(policy.LimitsFor(MeetingKind::kTraining).min_notice, absl::Hours(24));
  EXPECT_EQ(policy.LimitsFor(MeetingKind::kTraining).max_length, absl::Hours(10));
  EXPECT_EQ(policy.LimitsFor(MeetingKind::kVipReception).no_show_release_after, std::nullopt);
  for (MeetingKind kind : {MeetingKind::kInternal, MeetingKind::kTraining, MeetingKind::kSeminar,
                           MeetingKind::kVideoConference}) {
    EXPECT_EQ(policy.LimitsFor(kind).no_show_release_after, absl::Minutes(30))
        << MeetingKindName(kind);
  }
  // Large meetings are prepared up to a month ahead: every kind can be booked that far.
  for (MeetingKind kind : kAllMeetingKinds) {
    EXPECT_GE(policy.LimitsFor(kind).max_advance, absl::Hours(24 * 31)) << MeetingKindName(kind);
  }
}

TEST(SchedulingPolicyTest, AcceptsAnOrdinaryMeeting) {
  const SchedulingPolicy policy;
  EXPECT_TRUE(
      policy.CheckWindow(MeetingKind::kInternal, StartingIn(absl::Hours(26), absl::Hours(2)), kNow)
          .ok());
}

TEST(SchedulingPolicyTest, RefusesAnEndNotAfterTheStart) {
  const SchedulingPolicy policy;
  for (absl::Duration length : {absl::ZeroDuration(), absl::Minutes(-30)}) {
    const absl::Status status =
        policy.CheckWindow(MeetingKind::kInternal, StartingIn(absl::Hours(26), length), kNow);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
    EXPECT_EQ(FieldOf(status), "meeting.end_time");
  }
}

TEST(SchedulingPolicyTest, MaxLengthIsInclusive) {
  const SchedulingPolicy policy;
  EXPECT_TRUE(
      policy.CheckWindow(MeetingKind::kInternal, StartingIn(absl::Hours(26), absl::Hours(12)), kNow)
          .ok());
  const absl::Status status =
      policy.CheckWindow(MeetingKind::kInternal,
                         StartingIn(absl::Hours(26), absl::Hours(12) + absl::Minutes(1)), kNow);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_EQ(FieldOf(status), "meeting.end_time");
}

TEST(SchedulingPolicyTest, TrainingIsShorterThanOtherKinds) {
  const SchedulingPolicy policy;
  const TimeWindow eleven_hours = StartingIn(absl::Hours(48), absl::Hours(11));
  EXPECT_TRUE(policy.CheckWindow(MeetingKind::kSeminar, eleven_hours, kNow).ok());
  const absl::Status status = policy.CheckWindow(MeetingKind::kTraining, eleven_hours, kNow);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_EQ(FieldOf(status), "meeting.end_time");
  EXPECT_TRUE(
      policy.CheckWindow(MeetingKind::kTraining, StartingIn(absl::Hours(48), absl::Hours(10)), kNow)
          .ok());
}

TEST(SchedulingPolicyTest, MinNoticeIsInclusive) {
  const SchedulingPolicy policy;
  EXPECT_TRUE(
      policy.CheckWindow(MeetingKind::kInternal, StartingIn(absl::Hours(2), absl::Hours(1)), kNow)
          .ok());
  const absl::Status status = policy.CheckWindow(
      MeetingKind::kInternal, StartingIn(absl::Hours(2) - absl::Minutes(1), absl::Hours(1)), kNow);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_EQ(ReasonOf(status), "NOTICE_TOO_SHORT");
  EXPECT_EQ(MetadataOf(status),
            (ErrorMetadata{{"kind", "INTERNAL"}, {"min_notice_minutes", "120"}}));
}

TEST(SchedulingPolicyTest, ExternalMeetingsNeedADayOfNotice) {
  const SchedulingPolicy policy;
  const TimeWindow tomorrow_morning = StartingIn(absl::Hours(23), absl::Hours(2));
  EXPECT_TRUE(policy.CheckWindow(MeetingKind::kInternal, tomorrow_morning, kNow).ok());
  const absl::Status status =
      policy.CheckWindow(MeetingKind::kExternalExchange, tomorrow_morning, kNow);
  EXPECT_EQ(ReasonOf(status), "NOTICE_TOO_SHORT") << status;
  EXPECT_EQ(MetadataOf(status).at("kind"), "EXTERNAL_EXCHANGE");
  EXPECT_EQ(MetadataOf(status).at("min_notice_minutes"), "1440");
}

TEST(SchedulingPolicyTest, AStartInThePastIsNoticeTooShort) {
  const SchedulingPolicy policy;
  const absl::Status status =
      policy.CheckWindow(MeetingKind::kInternal, StartingIn(absl::Hours(-1), absl::Hours(2)), kNow);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_EQ(ReasonOf(status), "NOTICE_TOO_SHORT");
}

TEST(SchedulingPolicyTest, MaxAdvanceIsInclusive) {
  const SchedulingPolicy policy;
  EXPECT_TRUE(policy
                  .CheckWindow(MeetingKind::kSeminar,
                               StartingIn(absl::Hours(24 * 180), absl::Hours(3)), kNow)
                  .ok());
  const absl::Status status = policy.CheckWindow(
      MeetingKind::kSeminar, StartingIn(absl::Hours(24 * 180) + absl::Minutes(1), absl::Hours(3)),
      kNow);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_EQ(ReasonOf(status), "TOO_FAR_AHEAD");
  EXPECT_EQ(MetadataOf(status),
            (ErrorMetadata{{"kind", "SEMINAR"}, {"max_advance_minutes", "259200"}}));
}

TEST(SchedulingPolicyTest, AMonthAheadIsAcceptedForEveryKind) {
  const SchedulingPolicy policy;
  for (MeetingKind kind : kAllMeetingKinds) {
    EXPECT_TRUE(
        policy.CheckWindow(kind, StartingIn(absl::Hours(24 * 31), absl::Hours(3)), kNow).ok())
        << MeetingKindName(kind);
  }
}

TEST(SchedulingPolicyTest, MessagesTellTheCallerWhatToDo) {
  const SchedulingPolicy policy;
  const absl::Status short_notice = policy.CheckWindow(
      MeetingKind::kInternal, StartingIn(absl::Minutes(30), absl::Hours(1)), kNow);
  EXPECT_NE(std::string(short_notice.message()).find("choose a start time"), std::string::npos)
      << short_notice;
  EXPECT_NE(std::string(short_notice.message()).find("2 hours"), std::string::npos) << short_notice;
  const absl::Status far = policy.CheckWindow(
      MeetingKind::kInternal, StartingIn(absl::Hours(24 * 200), absl::Hours(1)), kNow);
  EXPECT_NE(std::string(far.message()).find("180 days"), std::string::npos) << far;

  SchedulingPolicy one_hour;
  ASSERT_TRUE(one_hour
                  .SetLimits(MeetingKind::kInternal, KindLimits{absl::Hours(1), absl::Hours(24),
                                                                absl::Minutes(90), std::nullopt})
                  .ok());
  const absl::Status singular = one_hour.CheckWindow(
      MeetingKind::kInternal, StartingIn(absl::Minutes(30), absl::Hours(1)), kNow);
  EXPECT_NE(std::string(singular.message()).find("at least 1 hour before"), std::string::npos)
      << singular;
  const absl::Status too_long = one_hour.CheckWindow(
      MeetingKind::kInternal, StartingIn(absl::Hours(2), absl::Hours(2)), kNow);
  EXPECT_NE(std::string(too_long.message()).find("at most 90 minutes"), std::string::npos)
      << too_long;
}

TEST(SchedulingPolicyTest, UnknownKindIsAnInvalidArgument) {
  const SchedulingPolicy policy;
  const absl::Status status = policy.CheckWindow(static_cast<MeetingKind>(99),
                                                 StartingIn(absl::Hours(26), absl::Hours(1)), kNow);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_EQ(FieldOf(status), "meeting.kind");
}

TEST(SchedulingPolicyTest, OverrideTakesEffectForThatKindOnly) {
  SchedulingPolicy policy;
  ASSERT_TRUE(
      policy
          .SetLimits(MeetingKind::kInternal, KindLimits{absl::Hours(4), absl::Hours(24 * 30),
                                                        absl::Hours(8), absl::Minutes(15)})
          .ok());
  const absl::Status status =
      policy.CheckWindow(MeetingKind::kInternal, StartingIn(absl::Hours(3), absl::Hours(1)), kNow);
  EXPECT_EQ(ReasonOf(status), "NOTICE_TOO_SHORT") << status;
  EXPECT_EQ(MetadataOf(status).at("min_notice_minutes"), "240");
  EXPECT_EQ(ReasonOf(policy.CheckWindow(MeetingKind::kInternal,
                                        StartingIn(absl::Hours(24 * 31), absl::Hours(1)), kNow)),
            "TOO_FAR_AHEAD");
  EXPECT_EQ(policy.LimitsFor(MeetingKind::kInternal).no_show_release_after, absl::Minutes(15));
  // Other kinds keep their defaults.
  EXPECT_TRUE(policy
                  .CheckWindow(MeetingKind::kVideoConference,
                               StartingIn(absl::Hours(24 * 31), absl::Hours(1)), kNow)
                  .ok());
}

TEST(SchedulingPolicyTest, RefusesLimitsThatCannotBeEnforced) {
  const KindLimits valid{absl::Hours(2), absl::Hours(24 * 30), absl::Hours(8), absl::Minutes(30)};
  std::vector<KindLimits> invalid(6, valid);
  invalid[0].min_notice = absl::Minutes(-1);
  invalid[1].min_notice = absl::InfiniteDuration();
  invalid[2].max_advance = absl::Hours(1);  // below min_notice
  invalid[3].max_length = absl::ZeroDuration();
  invalid[4].max_length = absl::InfiniteDuration();
  invalid[5].no_show_release_after = absl::ZeroDuration();
  for (size_t i = 0; i < invalid.size(); ++i) {
    SchedulingPolicy policy;
    const absl::Status status = policy.SetLimits(MeetingKind::kSeminar, invalid[i]);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << "case " << i;
    EXPECT_EQ(ReasonOf(status), "INVALID_SCHEDULING_LIMITS") << "case " << i;
    EXPECT_EQ(MetadataOf(status).at("kind"), "SEMINAR") << "case " << i;
    // A refused override changes nothing.
    EXPECT_EQ(policy.LimitsFor(MeetingKind::kSeminar).max_length, absl::Hours(12)) << "case " << i;
  }
  SchedulingPolicy policy;
  EXPECT_FALSE(policy.SetLimits(static_cast<MeetingKind>(99), valid).ok());
  KindLimits never_released = valid;
  never_released.no_show_release_after = std::nullopt;
  EXPECT_TRUE(policy.SetLimits(MeetingKind::kSeminar, never_released).ok());
}

TEST(SchedulingPolicyTest, LongestMeetingIsTheLargestMaxLength) {
  SchedulingPolicy policy;
  EXPECT_EQ(policy.LongestMeeting(), absl::Hours(12));
  ASSERT_TRUE(
      policy
          .SetLimits(MeetingKind::kTraining, KindLimits{absl::Hours(24), absl::Hours(24 * 180),
                                                        absl::Hours(16), absl::Minutes(30)})
          .ok());
  EXPECT_EQ(policy.LongestMeeting(), absl::Hours(16));
}

}  // namespace
}  // namespace huiwu::booking
