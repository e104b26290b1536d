// The waitlist's rules (候补): who may join, and what a release does with each entry.
#include "services/booking/domain/waitlist.h"

#include "common/status/errors.h"
#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1796000000);

Meeting Notice() {
  Meeting m;
  m.id = "m1";
  m.state = MeetingState::kSubmitted;
  m.building_id = "city-hall";
  m.room_id = "301";
  m.window = {kNow + absl::Hours(2), kNow + absl::Hours(3)};
  return m;
}

WaitlistEntry EntryFor(const Meeting& m) {
  return WaitlistEntry{m.id, m.building_id, m.room_id, kNow - absl::Hours(1), std::nullopt};
}

TEST(WaitlistRuleTest, ASubmittedNoticeForAFutureSlotInANamedRoomMayJoin) {
  EXPECT_TRUE(CheckCanWaitlist(Notice(), kNow).ok());
}

TEST(WaitlistRuleTest, JoiningIsRefusedWithThePreciseReason) {
  Meeting confirmed = Notice();
  confirmed.state = MeetingState::kConfirmed;
  EXPECT_EQ(ReasonOf(CheckCanWaitlist(confirmed, kNow)), "INVALID_STATE_TRANSITION");
  Meeting roomless = Notice();
  roomless.room_id.clear();
  roomless.building_id.clear();
  EXPECT_EQ(ReasonOf(CheckCanWaitlist(roomless, kNow)), "ROOM_REQUIRED");
  const Meeting notice = Notice();
  // Started exactly now: a slot that has begun cannot be freed for it.
  EXPECT_EQ(ReasonOf(CheckCanWaitlist(notice, notice.window.start)), "SLOT_PASSED");
  EXPECT_TRUE(CheckCanWaitlist(notice, notice.window.start - absl::Seconds(1)).ok());
  EXPECT_EQ(CheckCanWaitlist(notice, notice.window.start).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(WaitlistRuleTest, AReleaseServesALiveWaitSkipsAnOfferAndDropsTheEnded) {
  const Meeting notice = Notice();
  WaitlistEntry entry = EntryFor(notice);
  EXPECT_EQ(WaitlistEntryVerdict(entry, notice, kNow), WaitlistVerdict::kServe);

  WaitlistEntry offered = entry;
  offered.offer_time = kNow - absl::Minutes(5);
  EXPECT_EQ(WaitlistEntryVerdict(offered, notice, kNow), WaitlistVerdict::kSkip);

  for (MeetingState state :
       {MeetingState::kConfirmed, MeetingState::kRejected, MeetingState::kCancelled}) {
    Meeting ended = notice;
    ended.state = state;
    EXPECT_EQ(WaitlistEntryVerdict(entry, ended, kNow), WaitlistVerdict::kDrop);
    EXPECT_FALSE(IsLiveWait(entry, ended));
  }
  Meeting moved = notice;
  moved.room_id = "302";
  EXPECT_EQ(WaitlistEntryVerdict(entry, moved, kNow), WaitlistVerdict::kDrop);
  Meeting moved_building = notice;
  moved_building.building_id = "citizen-center";
  EXPECT_FALSE(IsLiveWait(entry, moved_building));
  // Lapsed: its start has come.
  EXPECT_EQ(WaitlistEntryVerdict(entry, notice, notice.window.start), WaitlistVerdict::kDrop);
  EXPECT_EQ(WaitlistEntryVerdict(offered, notice, notice.window.start), WaitlistVerdict::kDrop);
  EXPECT_EQ(WaitlistEntryVerdict(entry, notice, notice.window.start - absl::Seconds(1)),
            WaitlistVerdict::kServe);
}

constexpr char kRoom[] = "buildings/city-hall/rooms/301";

TEST(WaitlistRuleTest, ThePromotionReasonNamesTheRoomTheModeAndWhatFreedIt) {
  const Promotion confirmed =
      PromotionFor(WaitlistMode::kAutoConfirm, absl::OkStatus(), kRoom, "meetings/abc");
  EXPECT_EQ(confirmed.mode, WaitlistMode::kAutoConfirm);
  EXPECT_EQ(confirmed.reason,
            "confirmed from the waitlist of buildings/city-hall/rooms/301: meetings/abc gave the "
            "room up");
  const Promotion offered =
      PromotionFor(WaitlistMode::kOffer, absl::OkStatus(), kRoom, "meetings/abc");
  EXPECT_EQ(offered.mode, WaitlistMode::kOffer);
  EXPECT_EQ(offered.reason,
            "offered from the waitlist of buildings/city-hall/rooms/301: meetings/abc gave the "
            "room up");
}

// A room with an open hazard that blocks bookings must not get a confirmed meeting: an
// auto-confirm room safety has not cleared, or could not be asked about, offers instead,
// and the history says why.
TEST(WaitlistRuleTest, AnAutoConfirmRoomNotClearedOffersAndSaysWhy) {
  const absl::Status blocked = ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "ROOM_NOT_CLEARED", "not cleared",
      {{"room", kRoom}, {"blocks", "hazards/5c1e0f9a7b2d4e83"}, {"block_count", "1"}});
  Promotion p = PromotionFor(WaitlistMode::kAutoConfirm, blocked, kRoom, "meetings/abc");
  EXPECT_EQ(p.mode, WaitlistMode::kOffer);
  EXPECT_EQ(p.reason,
            "offered from the waitlist of buildings/city-hall/rooms/301: meetings/abc gave the "
            "room up; not confirmed, as safety has not cleared the room (ROOM_NOT_CLEARED: "
            "hazards/5c1e0f9a7b2d4e83): confirm it with ConfirmMeeting once safety clears the "
            "room");

  const absl::Status down =
      ErrorWithReason(absl::StatusCode::kUnavailable, "SAFETY_UNAVAILABLE", "no answer",
                      {{"room", kRoom}, {"safety_code", "DEADLINE_EXCEEDED"}});
  p = PromotionFor(WaitlistMode::kAutoConfirm, down, kRoom, "meetings/abc");
  EXPECT_EQ(p.mode, WaitlistMode::kOffer);
  EXPECT_NE(p.reason.find("safety could not be asked whether the room is clear "
                          "(SAFETY_UNAVAILABLE)"),
            std::string::npos)
      << p.reason;

  const absl::Status not_asked = ErrorWithReason(absl::StatusCode::kFailedPrecondition,
                                                 "CLEARANCE_NOT_ASKED", "the queue changed");
  p = PromotionFor(WaitlistMode::kAutoConfirm, not_asked, kRoom, "meetings/abc");
  EXPECT_EQ(p.mode, WaitlistMode::kOffer);
  EXPECT_NE(p.reason.find("safety was not asked about this notice's hold (CLEARANCE_NOT_ASKED)"),
            std::string::npos)
      << p.reason;

  // Many blocks, with long names: the reason still fits the history (500 characters).
  const std::string room(63 + 22 + 63, 'r');
  const absl::Status many = ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "ROOM_NOT_CLEARED", "not cleared",
      {{"blocks", std::string(40, 'h') + ", 危险源" + std::string(200, 'x') + " and 9 more"}});
  p = PromotionFor(WaitlistMode::kAutoConfirm, many, room, "meetings/0123456789abcdef");
  EXPECT_LE(p.reason.size(), 500u);
  EXPECT_NE(p.reason.find("..."), std::string::npos);
}

// A release asks safety once, over the span of the holds it may confirm.
TEST(WaitlistRuleTest, SafetyIsAskedOnceOverTheSpanOfTheHoldsItMayConfirm) {
  EXPECT_FALSE(PromotionClearanceWindow({}).has_value());
  const TimeWindow morning{kNow + absl::Hours(1), kNow + absl::Hours(3)};
  const TimeWindow noon{kNow + absl::Hours(2), kNow + absl::Hours(5)};
  const TimeWindow inside{kNow + absl::Hours(2), kNow + absl::Hours(4)};
  const std::optional<TimeWindow> span = PromotionClearanceWindow({noon, morning, inside});
  ASSERT_TRUE(span.has_value());
  EXPECT_EQ(*span, (TimeWindow{kNow + absl::Hours(1), kNow + absl::Hours(5)}));
  for (const TimeWindow& hold : {morning, noon, inside}) EXPECT_TRUE(Covers(*span, hold)) << hold;
  EXPECT_FALSE(Covers(*span, TimeWindow{kNow, kNow + absl::Hours(2)}));
}

}  // namespace
}  // namespace huiwu::booking
