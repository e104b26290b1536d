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

TEST(WaitlistRuleTest, ThePromotionReasonNamesTheRoomTheModeAndWhatFreedIt) {
  EXPECT_EQ(
      PromotionReason(WaitlistMode::kAutoConfirm, "buildings/city-hall/rooms/301", "meetings/abc"),
      "confirmed from the waitlist of buildings/city-hall/rooms/301: meetings/abc gave the "
      "room up");
  EXPECT_EQ(PromotionReason(WaitlistMode::kOffer, "buildings/city-hall/rooms/301", "meetings/abc")
                .substr(0, 7),
            "offered");
}

}  // namespace
}  // namespace huiwu::booking
