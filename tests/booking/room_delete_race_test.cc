// DeleteRoom racing a notice that names the room, on one server, many times: either the
// delete sees the notice and is refused, or the notice finds no room; never a notice
// left naming a deleted room. Both write the room row, so they queue on its lock (and
// across Galera nodes certification orders them: tests/cluster).
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/room_race_util.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

constexpr int kRounds = 60;

class RoomDeleteRaceTest : public BookingFixture {};

TEST_F(RoomDeleteRaceTest, NoticeAgainstDeleteRoomSixtyTimesExactlyOneWinsEachRound) {
  ASSERT_TRUE(CreateBuilding(*stub_, "city-hall", "市政府大楼").ok());
  for (int i = 0; i < kRounds; ++i) {
    ASSERT_TRUE(
        CreateRoom(*stub_, "city-hall", absl::StrCat("r", i), SampleRoom("会议室", 30)).ok());
  }
  auto organizer = NewStub();
  auto admin = NewStub();
  int notices_won = 0;
  int deletes_won = 0;
  for (int i = 0; i < kRounds; ++i) {
    const std::string room = absl::StrCat("buildings/city-hall/rooms/r", i);
    SCOPED_TRACE(room);
    const RoomRace race = RaceNoticeAgainstDeleteRoom(
        *organizer, *admin, SampleMeeting(room, Local(3, 9), Local(3, 10)));
    ExpectOneWinner(race);
    // On one server nothing is refused at commit: the later one waits, then loses.
    EXPECT_TRUE(race.notice.ok() || race.delete_room.ok())
        << race.notice.error_message() << " / " << race.delete_room.error_message();
    notices_won += race.notice.ok();
    deletes_won += race.delete_room.ok();
  }
  EXPECT_EQ(database_.QueryInt(kMeetingsInDeletedRooms), 0);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM meetings"), notices_won);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM rooms"), kRounds - deletes_won);
  RecordProperty("notices_won", absl::StrCat(notices_won));
  RecordProperty("deletes_won", absl::StrCat(deletes_won));
  std::fprintf(stderr, "%d rounds: notice won %d, delete won %d\n", kRounds, notices_won,
               deletes_won);
}

}  // namespace
}  // namespace huiwu::testing
