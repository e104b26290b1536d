// Room rights (会议室使用权限): which notices a restricted room admits, and which
// searches it is offered to.
#include "services/booking/domain/room_rights.h"

#include "gtest/gtest.h"
#include "services/booking/domain/meeting.h"

namespace huiwu::booking {
namespace {

RoomRights VipRoom() {
  RoomRights rights;
  rights.organizer_units = {"办公室", "外事办"};
  rights.kinds = {NumberOf(MeetingKind::kVipReception)};
  return rights;
}

TEST(RoomRightsTest, AnUnrestrictedRoomAdmitsEveryone) {
  const RoomRights open;
  EXPECT_FALSE(open.restricted());
  for (MeetingKind kind : kAllMeetingKinds) {
    EXPECT_EQ(RefusalOf(open, "任何单位", kind), std::nullopt);
    EXPECT_TRUE(OfferedTo(open, "任何单位", kind));
  }
}

TEST(RoomRightsTest, BothListsMustAdmitAndTheUnitIsNamedFirst) {
  const RoomRights vip = VipRoom();
  EXPECT_TRUE(vip.restricted());
  EXPECT_EQ(RefusalOf(vip, "办公室", MeetingKind::kVipReception), std::nullopt);
  EXPECT_EQ(RefusalOf(vip, "外事办", MeetingKind::kVipReception), std::nullopt);
  EXPECT_EQ(RefusalOf(vip, "发改委", MeetingKind::kVipReception), RightsRefusal::kOrganizerUnit);
  EXPECT_EQ(RefusalOf(vip, "办公室", MeetingKind::kTraining), RightsRefusal::kKind);
  // Both wrong: the unit is what the organizer cannot change, so it is named.
  EXPECT_EQ(RefusalOf(vip, "发改委", MeetingKind::kTraining), RightsRefusal::kOrganizerUnit);
}

TEST(RoomRightsTest, UnitNamesCompareExactly) {
  const RoomRights vip = VipRoom();
  EXPECT_EQ(RefusalOf(vip, "办公室 ", MeetingKind::kVipReception), RightsRefusal::kOrganizerUnit);
  EXPECT_EQ(RefusalOf(vip, "", MeetingKind::kVipReception), RightsRefusal::kOrganizerUnit);
}

TEST(RoomRightsTest, OnlyOneListSetRestrictsByThatListAlone) {
  RoomRights kinds_only;
  kinds_only.kinds = {NumberOf(MeetingKind::kVideoConference)};
  EXPECT_EQ(RefusalOf(kinds_only, "任何单位", MeetingKind::kVideoConference), std::nullopt);
  EXPECT_EQ(RefusalOf(kinds_only, "任何单位", MeetingKind::kInternal), RightsRefusal::kKind);
  RoomRights units_only;
  units_only.organizer_units = {"办公室"};
  for (MeetingKind kind : kAllMeetingKinds) {
    EXPECT_EQ(RefusalOf(units_only, "办公室", kind), std::nullopt);
  }
}

TEST(RoomRightsTest, ASearchIsFilteredOnlyByWhatItNames) {
  const RoomRights vip = VipRoom();
  EXPECT_TRUE(OfferedTo(vip, "", std::nullopt));  // the dispatch hub's whole view
  EXPECT_FALSE(OfferedTo(vip, "发改委", std::nullopt));
  EXPECT_TRUE(OfferedTo(vip, "办公室", std::nullopt));
  EXPECT_FALSE(OfferedTo(vip, "", MeetingKind::kInternal));
  EXPECT_TRUE(OfferedTo(vip, "", MeetingKind::kVipReception));
  EXPECT_FALSE(OfferedTo(vip, "办公室", MeetingKind::kSeminar));
  EXPECT_TRUE(OfferedTo(vip, "外事办", MeetingKind::kVipReception));
}

}  // namespace
}  // namespace huiwu::booking
