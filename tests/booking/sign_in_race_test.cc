// A late arrival's sign-in (签到) racing the no-show release (无人签到) of their meeting, on
// one server, many times: exactly one of the two wins each round, and no meeting is ever
// released as a no-show with somebody signed in. On one server the meeting's row lock
// orders them; across Galera nodes the row both write does (tests/cluster).
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/pool.h"
#include "gtest/gtest.h"
#include "services/booking/store/booking_store.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/sign_in_race_util.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

constexpr int kRounds = 60;

class SignInRaceTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
    // The release runs in the sweeping replica's store, on connections of its own.
    pool_ = std::make_unique<db::ConnectionPool>(database_.config(), nullptr);
    store_ = std::make_unique<booking::BookingStore>(*pool_, policy_.LongestMeeting());
  }

  void TearDown() override {
    store_.reset();
    pool_.reset();
    BookingFixture::TearDown();
  }

  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<booking::BookingStore> store_;
};

TEST_F(SignInRaceTest, SignInAgainstNoShowReleaseSixtyTimesExactlyOneWinsEachRound) {
  // Sixty confirmed meetings of 301, three hours apart, each with attendee a1 on its list.
  std::vector<std::string> meetings;
  for (int i = 0; i < kRounds; ++i) {
    const absl::Time start = Local(2, 8) + absl::Hours(3 * i);
    v1::Meeting notice =
        SampleMeeting("buildings/city-hall/rooms/301", start, start + absl::Hours(1));
    notice.add_attendees()->set_name("李主任");
    v1::Meeting created;
    ASSERT_TRUE(CreateMeeting(*stub_, notice, &created).ok());
    ASSERT_TRUE(ConfirmMeeting(*stub_, created.name()).ok());
    meetings.push_back(created.name());
  }
  // After every start: each sign-in is open (CONFIRMED) and each release is due.
  clock_.Set(Local(20, 9));
  auto attendee = NewStub();
  int sign_ins_won = 0;
  int releases_won = 0;
  for (const std::string& meeting : meetings) {
    SCOPED_TRACE(meeting);
    const SignInRace race = RaceSignInAgainstRelease(*attendee, *store_, meeting, clock_.Now());
    ExpectOneWinner(race);
    // On one server nothing is refused at commit: the later one waits, then loses.
    EXPECT_TRUE(race.sign_in.ok() || race.release.ok())
        << race.sign_in.error_message() << " / " << race.release;
    sign_ins_won += race.sign_in.ok();
    releases_won += race.release.ok();
  }
  EXPECT_EQ(database_.QueryInt(kReleasedDespiteSignIn), 0);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM sign_ins"), sign_ins_won);
  RecordProperty("sign_ins_won", absl::StrCat(sign_ins_won));
  RecordProperty("releases_won", absl::StrCat(releases_won));
  std::fprintf(stderr, "%d rounds: sign-in won %d, release won %d\n", kRounds, sign_ins_won,
               releases_won);
}

}  // namespace
}  // namespace huiwu::testing
