#include "services/booking/domain/scheduling_limits.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/status/errors.h"
#include "gtest/gtest.h"
#include "services/booking/domain/calendar.h"
#include "services/booking/domain/meeting_kind.h"
#include "services/booking/domain/time_window.h"
#include "services/booking/domain/working_calendar.h"

namespace huiwu::booking {
namespace {

absl::Time Local(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), CenterTimeZone());
}

// Monday 3 June 2024, 08:00 in the center.
const absl::Time kNow = Local(2024, 6, 3, 8, 0);

// The default policy over 2024's working days, in which 端午节 is Monday 10 June.
SchedulingPolicy PolicyOver2024() {
  WorkingCalendar calendar;
  EXPECT_TRUE(calendar.AddYear(2024, {{absl::CivilDay(2024, 6, 10), "端午节", true}}).ok());
  SchedulingPolicy policy;
  policy.SetCalendar(std::make_shared<const WorkingCalendar>(std::move(calendar)));
  return policy;
}

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

  // Delegations and VIP guests: one office day, counted in office hours; the others by
  // the clock.
  for (MeetingKind kind : {MeetingKind::kExternalExchange, MeetingKind::kVipReception}) {
    EXPECT_EQ(policy.LimitsFor(kind).min_notice, absl::Hours(7) + absl::Minutes(30))
        << MeetingKindName(kind);
    EXPECT_EQ(policy.LimitsFor(kind).notice_counted_in, NoticeClock::kOfficeHours)
        << MeetingKindName(kind);
  }
  for (MeetingKind kind : {MeetingKind::kInternal, MeetingKind::kTraining, MeetingKind::kSeminar,
                           MeetingKind::kVideoConference}) {
    EXPECT_EQ(policy.LimitsFor(kind).notice_counted_in, NoticeClock::kElapsed)
        << MeetingKindName(kind);
  }
  EXPECT_EQ(policy.LimitsFor(MeetingKind::kSeminar).min_notice, absl::Hours(24));
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
  EXPECT_EQ(MetadataOf(status), (ErrorMetadata{{"kind", "INTERNAL"},
                                               {"min_notice_minutes", "120"},
                                               {"notice_counted_in", "ELAPSED_TIME"},
                                               {"earliest_start", "2024-06-03T10:00:00+08:00"}}));
}

TEST(SchedulingPolicyTest, ExternalMeetingsNeedAnOfficeDayOfNotice) {
  const SchedulingPolicy policy = PolicyOver2024();
  // Monday 08:00: Monday's office hours are the notice, so 17:30 is the earliest start.
  const TimeWindow at_five = StartingIn(absl::Hours(9), absl::Hours(1));
  EXPECT_TRUE(policy.CheckWindow(MeetingKind::kInternal, at_five, kNow).ok());
  const absl::Status status = policy.CheckWindow(MeetingKind::kExternalExchange, at_five, kNow);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_EQ(ReasonOf(status), "NOTICE_TOO_SHORT") << status;
  EXPECT_EQ(MetadataOf(status), (ErrorMetadata{{"kind", "EXTERNAL_EXCHANGE"},
                                               {"min_notice_minutes", "450"},
                                               {"notice_counted_in", "OFFICE_HOURS"},
                                               {"earliest_start", "2024-06-03T17:30:00+08:00"}}));
  EXPECT_NE(std::string(status.message())
                .find("7 hours 30 minutes of office hours (08:30–12:00 and 13:30–17:30 on "
                      "working days)"),
            std::string::npos)
      << status;
  EXPECT_NE(std::string(status.message()).find("2024-06-03T17:30:00+08:00"), std::string::npos);
  EXPECT_TRUE(policy
                  .CheckWindow(MeetingKind::kExternalExchange,
                               StartingIn(absl::Hours(9) + absl::Minutes(30), absl::Hours(1)), kNow)
                  .ok());
}

TEST(SchedulingPolicyTest, AFridayEveningBookingForAfterTheHolidayIsTooShort) {
  const SchedulingPolicy policy = PolicyOver2024();
  // Friday 7 June 17:00; Monday 10 June is 端午节: half an hour on Friday, then Tuesday.
  const absl::Time friday = Local(2024, 6, 7, 17, 0);
  const TimeWindow tuesday_morning{Local(2024, 6, 11, 9, 0), Local(2024, 6, 11, 11, 0)};
  EXPECT_TRUE(policy.CheckWindow(MeetingKind::kSeminar, tuesday_morning, friday).ok());
  const absl::Status status =
      policy.CheckWindow(MeetingKind::kVipReception, tuesday_morning, friday);
  EXPECT_EQ(ReasonOf(status), "NOTICE_TOO_SHORT") << status;
  EXPECT_EQ(MetadataOf(status).at("earliest_start"), "2024-06-11T17:00:00+08:00");
  EXPECT_TRUE(policy
                  .CheckWindow(MeetingKind::kVipReception,
                               TimeWindow{Local(2024, 6, 11, 17, 0), Local(2024, 6, 11, 18, 0)},
                               friday)
                  .ok());
}

TEST(SchedulingPolicyTest, OfficeNoticeReachingAYearWithoutAFileIsNotGuessed) {
  const SchedulingPolicy policy = PolicyOver2024();
  // Tuesday 31 December 2024, 15:00: 2h30m of office hours are left in 2024.
  const absl::Time new_years_eve = Local(2024, 12, 31, 15, 0);
  const absl::Status unknown = policy.CheckWindow(
      MeetingKind::kVipReception, TimeWindow{Local(2025, 1, 6, 10, 0), Local(2025, 1, 6, 11, 0)},
      new_years_eve);
  EXPECT_EQ(unknown.code(), absl::StatusCode::kFailedPrecondition) << unknown;
  EXPECT_EQ(ReasonOf(unknown), "WORKING_CALENDAR_YEAR_MISSING");
  EXPECT_EQ(MetadataOf(unknown).at("year"), "2025");
  // A start before the calendar ends is too soon whatever 2025 holds; the earliest start
  // is not known, so it is not given.
  const absl::Status too_soon = policy.CheckWindow(
      MeetingKind::kVipReception,
      TimeWindow{Local(2024, 12, 31, 17, 30), Local(2024, 12, 31, 18, 0)}, new_years_eve);
  EXPECT_EQ(ReasonOf(too_soon), "NOTICE_TOO_SHORT") << too_soon;
  EXPECT_EQ(MetadataOf(too_soon).count("earliest_start"), 0u);
  EXPECT_NE(std::string(too_soon.message()).find("choose a start time"), std::string::npos);
  // Kinds counted by the clock never look at the calendar.
  EXPECT_TRUE(policy
                  .CheckWindow(MeetingKind::kSeminar,
                               TimeWindow{Local(2025, 1, 6, 10, 0), Local(2025, 1, 6, 11, 0)},
                               new_years_eve)
                  .ok());
}

TEST(SchedulingPolicyTest, AKindMayCountItsNoticeInOfficeHours) {
  SchedulingPolicy policy = PolicyOver2024();
  KindLimits training = policy.LimitsFor(MeetingKind::kTraining);
  training.min_notice = absl::Hours(2);
  training.notice_counted_in = NoticeClock::kOfficeHours;
  ASSERT_TRUE(policy.SetLimits(MeetingKind::kTraining, training).ok());
  absl::StatusOr<OfficeHours> nine_to_five = OfficeHours::Parse("09:00-17:00");
  ASSERT_TRUE(nine_to_five.ok());
  policy.SetOfficeHours(*nine_to_five);
  // Monday 08:00: two office hours end at 11:00.
  EXPECT_EQ(MetadataOf(policy.CheckWindow(MeetingKind::kTraining,
                                          StartingIn(absl::Hours(2), absl::Hours(1)), kNow))
                .at("earliest_start"),
            "2024-06-03T11:00:00+08:00");
  EXPECT_TRUE(
      policy.CheckWindow(MeetingKind::kTraining, StartingIn(absl::Hours(3), absl::Hours(1)), kNow)
          .ok());
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
  const SchedulingPolicy policy = PolicyOver2024();
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
