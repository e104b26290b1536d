#include "services/booking/domain/seating.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

using Ranks = std::vector<int>;

// A row as drawn and as the attendants see it from the hall: the protocol order of the
// person in seat 1 (leftmost), seat 2, ….
Ranks RowFromTheHall(int people, SeatingRule rule) {
  const std::vector<int> seats = RowSeatOrder(people, rule);
  Ranks row(seats.size(), 0);
  for (size_t i = 0; i < seats.size(); ++i) row[seats[i] - 1] = static_cast<int>(i) + 1;
  return row;
}

constexpr SeatingRule kLeftPair{SeniorSide::kLeft, EvenCentring::kPair};
constexpr SeatingRule kLeftSeniorHalf{SeniorSide::kLeft, EvenCentring::kPrincipalSeniorHalf};
constexpr SeatingRule kRightPair{SeniorSide::kRight, EvenCentring::kPair};
constexpr SeatingRule kRightSeniorHalf{SeniorSide::kRight, EvenCentring::kPrincipalSeniorHalf};

struct RowCase {
  const char* what;
  SeatingRule rule;
  int people;
  Ranks from_the_hall;
};

// 以左为上: No. 2 at the principal's left, which is the hall's right; 以右为尊 mirrors it.
// Odd rows have one centre whatever the even centring; even rows differ by it.
const RowCase kRowCases[] = {
    {"left, 1", kLeftPair, 1, {1}},
    {"left, odd 3", kLeftPair, 3, {3, 1, 2}},
    {"left, odd 5", kLeftPair, 5, {5, 3, 1, 2, 4}},
    {"left, odd 7", kLeftPair, 7, {7, 5, 3, 1, 2, 4, 6}},
    {"left, odd 5, even rule ignored", kLeftSeniorHalf, 5, {5, 3, 1, 2, 4}},
    {"left, pair, even 2", kLeftPair, 2, {1, 2}},
    {"left, pair, even 4", kLeftPair, 4, {3, 1, 2, 4}},
    {"left, pair, even 6", kLeftPair, 6, {5, 3, 1, 2, 4, 6}},
    {"left, senior half, even 2", kLeftSeniorHalf, 2, {2, 1}},
    {"left, senior half, even 4", kLeftSeniorHalf, 4, {4, 2, 1, 3}},
    {"left, senior half, even 6", kLeftSeniorHalf, 6, {6, 4, 2, 1, 3, 5}},
    {"right, 1", kRightPair, 1, {1}},
    {"right, odd 3", kRightPair, 3, {2, 1, 3}},
    {"right, odd 5", kRightPair, 5, {4, 2, 1, 3, 5}},
    {"right, odd 5, even rule ignored", kRightSeniorHalf, 5, {4, 2, 1, 3, 5}},
    {"right, pair, even 2", kRightPair, 2, {2, 1}},
    {"right, pair, even 4", kRightPair, 4, {4, 2, 1, 3}},
    {"right, pair, even 6", kRightPair, 6, {6, 4, 2, 1, 3, 5}},
    {"right, senior half, even 4", kRightSeniorHalf, 4, {3, 1, 2, 4}},
    {"right, senior half, even 6", kRightSeniorHalf, 6, {5, 3, 1, 2, 4, 6}},
};

TEST(SeatingTest, RowsUnderEachRuleGiveTheExpectedSeatOrder) {
  for (const RowCase& c : kRowCases) {
    EXPECT_EQ(RowFromTheHall(c.people, c.rule), c.from_the_hall)
        << c.what << ": got " << absl::StrJoin(RowFromTheHall(c.people, c.rule), ",");
  }
}

TEST(SeatingTest, EveryRowIsAPermutationWithThePrincipalInTheMiddle) {
  for (const SeatingRule rule : {kLeftPair, kLeftSeniorHalf, kRightPair, kRightSeniorHalf}) {
    for (int people = 1; people <= 51; ++people) {
      std::vector<int> seats = RowSeatOrder(people, rule);
      ASSERT_EQ(static_cast<int>(seats.size()), people);
      // The principal in the centre, or in one of the two middle seats.
      EXPECT_LE(std::abs(2 * seats[0] - (people + 1)), 1) << people;
      std::sort(seats.begin(), seats.end());
      for (int i = 0; i < people; ++i) ASSERT_EQ(seats[i], i + 1) << people;
    }
  }
  EXPECT_TRUE(RowSeatOrder(0, kLeftPair).empty());
}

Attendee Person(const std::string& id, int rank = 0, bool vip = false) {
  Attendee a;
  a.id = id;
  a.name = id;
  a.vip = vip;
  a.protocol_rank = rank;
  return a;
}

std::vector<std::string> Ids(const std::vector<Attendee>& list, const std::vector<size_t>& order) {
  std::vector<std::string> ids;
  for (size_t i : order) ids.push_back(list[i].id);
  return ids;
}

TEST(SeatingTest, ProtocolOrderIsRanksThenUnrankedVipsThenTheList) {
  const std::vector<Attendee> list = {
      Person("clerk"),        Person("guest", 0, true), Person("deputy", 3), Person("mayor", 1),
      Person("secretary", 2), Person("driver"),         Person("mayor", 1)};
  EXPECT_THAT(Ids(list, ProtocolOrder(list)),
              ::testing::ElementsAre("mayor", "secretary", "deputy", "guest", "clerk", "driver"));
}

TEST(SeatingTest, TheRostrumTakesTheFirstByRankAndTheHallTheRestFrontRowFirst) {
  std::vector<Attendee> list;
  for (int rank = 1; rank <= 9; ++rank) list.push_back(Person("p" + std::to_string(rank), rank));
  // 3 on the rostrum; 6 in a hall of rows of 4: a full front row, 2 in the second.
  absl::StatusOr<std::vector<SeatAssignment>> placed =
      PlaceAttendees(list, SeatMap{3, 2, 4}, kLeftPair);
  ASSERT_TRUE(placed.ok()) << placed.status();
  ASSERT_EQ(placed->size(), 9u);
  std::vector<std::string> where;
  for (const SeatAssignment& s : *placed) {
    where.push_back(absl::StrCat(s.attendee.id, s.rostrum ? "@R" : "@H", s.row, ".", s.seat, "#",
                                 s.protocol_order));
  }
  EXPECT_THAT(
      where, ::testing::ElementsAre("p1@R1.2#1", "p2@R1.3#2", "p3@R1.1#3", "p4@H1.2#4", "p5@H1.3#5",
                                    "p6@H1.1#6", "p7@H1.4#7", "p8@H2.1#8", "p9@H2.2#9"));
}

TEST(SeatingTest, TooFewSeatsIsRefusedWithTheCounts) {
  const std::vector<Attendee> list = {Person("a"), Person("b"), Person("c")};
  absl::StatusOr<std::vector<SeatAssignment>> placed =
      PlaceAttendees(list, SeatMap{2, 0, 0}, kLeftPair);
  ASSERT_EQ(placed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(placed.status()), "NOT_ENOUGH_SEATS");
  EXPECT_TRUE(PlaceAttendees(list, SeatMap{0, 1, 3}, kRightPair).ok());
  EXPECT_TRUE(PlaceAttendees({}, SeatMap{1, 0, 0}, kLeftPair)->empty());
}

}  // namespace
}  // namespace huiwu::booking
