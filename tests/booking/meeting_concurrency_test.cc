// No double booking under concurrency (DESIGN §4): many clients on their own
// connections confirm overlapping meetings of one room at the same instant; the database,
// not process memory, lets exactly one of each overlapping set through.
#include <map>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_race_util.h"
#include "tests/booking/meeting_test_util.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

constexpr int kClients = 50;
constexpr char kRoom[] = "buildings/city-hall/rooms/301";

class MeetingConcurrencyTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
    for (int i = 0; i < kClients; ++i) clients_.push_back(NewStub());
  }

  void TearDown() override {
    clients_.clear();
    BookingFixture::TearDown();
  }

  // A SUBMITTED notice for 301 over [start, end); its name.
  std::string Notice(absl::Time start, absl::Time end) {
    v1::Meeting created;
    EXPECT_TRUE(CreateMeeting(*stub_, SampleMeeting(kRoom, start, end), &created).ok());
    return created.name();
  }

  std::vector<std::unique_ptr<v1::BookingService::Stub>> clients_;
};

TEST_F(MeetingConcurrencyTest, FiftyOverlappingConfirmationsAtOnceExactlyOneWins) {
  // Fifty distinct two-hour meetings starting a minute apart: every pair overlaps.
  std::vector<std::string> meetings;
  for (int i = 0; i < kClients; ++i) {
    const absl::Time start = Local(3, 10) + absl::Minutes(i);
    meetings.push_back(Notice(start, start + absl::Hours(2)));
  }
  const std::vector<grpc::Status> statuses = ConfirmAllAtOnce(clients_, meetings);

  std::string winner;
  for (size_t i = 0; i < statuses.size(); ++i) {
    if (statuses[i].ok()) {
      EXPECT_TRUE(winner.empty()) << "two winners: " << winner << " and " << meetings[i];
      winner = meetings[i];
    }
  }
  ASSERT_FALSE(winner.empty()) << "nobody won: " << statuses[0].error_message();
  for (size_t i = 0; i < statuses.size(); ++i) {
    if (statuses[i].ok()) continue;
    SCOPED_TRACE(meetings[i]);
    ExpectCleanLoss(statuses[i]);
    if (statuses[i].error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
      EXPECT_EQ(DetailsOf(statuses[i]).metadata["conflicting_meeting"], winner);
    }
  }
  EXPECT_EQ(database_.QueryInt(kOverlappingHolds), 0);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM occupancies"), 1);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM meetings WHERE state = 2"), 1);
}

TEST_F(MeetingConcurrencyTest, FiveDisjointSetsOfTenRacingTogetherOneWinnerPerSet) {
  // Set k is ten one-hour meetings at 8:00 + 3k h, a minute apart: they overlap within
  // the set, and the sets' holds (30 min of buffer each side) do not touch.
  constexpr int kSets = 5;
  std::vector<std::string> meetings;
  std::map<std::string, int> set_of;
  for (int i = 0; i < kClients; ++i) {
    const int set = i % kSets;
    const absl::Time start = Local(4, 8 + 3 * set) + absl::Minutes(i / kSets);
    meetings.push_back(Notice(start, start + absl::Hours(1)));
    set_of[meetings.back()] = set;
  }
  const std::vector<grpc::Status> statuses = ConfirmAllAtOnce(clients_, meetings);

  std::vector<int> winners(kSets, 0);
  for (size_t i = 0; i < statuses.size(); ++i) {
    if (statuses[i].ok()) {
      ++winners[set_of[meetings[i]]];
    } else {
      SCOPED_TRACE(meetings[i]);
      ExpectCleanLoss(statuses[i]);
    }
  }
  for (int set = 0; set < kSets; ++set) EXPECT_EQ(winners[set], 1) << "set " << set;
  EXPECT_EQ(database_.QueryInt(kOverlappingHolds), 0);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM occupancies"), kSets);
}

}  // namespace
}  // namespace huiwu::testing
