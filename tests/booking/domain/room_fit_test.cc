#include "services/booking/domain/room_fit.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

// Equipment enum values as the proto would number them.
constexpr int kProjector = 1;
constexpr int kMicrophones = 2;
constexpr int kVideoLink = 3;

constexpr char kCityHall[] = "city-government-building";     // 市政府大楼
constexpr char kServiceCenter[] = "citizen-service-center";  // 123市民服务中心大楼

std::vector<std::string> Names(const std::vector<RoomCandidate>& rooms) {
  std::vector<std::string> names;
  for (const RoomCandidate& room : rooms) names.push_back(room.building_id + "/" + room.name);
  return names;
}

TEST(RoomFitTest, SatisfiesChecksCapacityEquipmentAndVip) {
  const RoomCandidate room{"301", kCityHall, 30, false, {kProjector, kMicrophones}};
  EXPECT_TRUE(Satisfies(room, RoomRequirements{30, {kProjector}, false, ""}));
  EXPECT_TRUE(Satisfies(room, RoomRequirements{0, {}, false, ""}));
  EXPECT_FALSE(Satisfies(room, RoomRequirements{31, {}, false, ""}));
  EXPECT_FALSE(Satisfies(room, RoomRequirements{10, {kVideoLink}, false, ""}));
  EXPECT_FALSE(Satisfies(room, RoomRequirements{10, {kProjector, kVideoLink}, false, ""}));
  EXPECT_FALSE(Satisfies(room, RoomRequirements{10, {}, true, ""}));
  const RoomCandidate vip_room{"贵宾室", kCityHall, 12, true, {}};
  EXPECT_TRUE(Satisfies(vip_room, RoomRequirements{10, {}, true, ""}));
  // A preferred building is a preference, not a requirement.
  EXPECT_TRUE(Satisfies(room, RoomRequirements{10, {}, false, kServiceCenter}));
}

TEST(RoomFitTest, DropsRoomsThatDoNotSatisfy) {
  const std::vector<RoomCandidate> ranked =
      RankByFit({{"301", kCityHall, 20, false, {}}, {"302", kCityHall, 60, false, {kProjector}}},
                RoomRequirements{30, {kProjector}, false, ""});
  EXPECT_EQ(Names(ranked), std::vector<std::string>{"city-government-building/302"});
}

TEST(RoomFitTest, PreferredBuildingComesFirstEvenIfLarger) {
  const std::vector<RoomCandidate> ranked =
      RankByFit({{"301", kCityHall, 30, false, {}}, {"606", kServiceCenter, 80, false, {}}},
                RoomRequirements{20, {}, false, kServiceCenter});
  EXPECT_EQ(Names(ranked), (std::vector<std::string>{"citizen-service-center/606",
                                                     "city-government-building/301"}));
}

TEST(RoomFitTest, SmallestSufficientCapacityFirst) {
  const std::vector<RoomCandidate> ranked =
      RankByFit({{"8F auditorium", kServiceCenter, 300, false, {}},
                 {"406", kServiceCenter, 40, false, {}},
                 {"310", kServiceCenter, 25, false, {}}},
                RoomRequirements{20, {}, false, ""});
  EXPECT_EQ(Names(ranked),
            (std::vector<std::string>{"citizen-service-center/310", "citizen-service-center/406",
                                      "citizen-service-center/8F auditorium"}));
}

TEST(RoomFitTest, FewestSurplusEquipmentBreaksACapacityTie) {
  const std::vector<RoomCandidate> ranked =
      RankByFit({{"8F video", kServiceCenter, 40, false, {kProjector, kMicrophones, kVideoLink}},
                 {"406", kServiceCenter, 40, false, {kProjector, kMicrophones}}},
                RoomRequirements{20, {kProjector}, false, ""});
  EXPECT_EQ(Names(ranked), (std::vector<std::string>{"citizen-service-center/406",
                                                     "citizen-service-center/8F video"}));
}

TEST(RoomFitTest, NameThenBuildingBreakTheRemainingTies) {
  // "310" exists in both buildings.
  const std::vector<RoomCandidate> ranked = RankByFit({{"319", kCityHall, 30, false, {}},
                                                       {"310", kServiceCenter, 30, false, {}},
                                                       {"310", kCityHall, 30, false, {}}},
                                                      RoomRequirements{10, {}, false, ""});
  EXPECT_EQ(Names(ranked),
            (std::vector<std::string>{"citizen-service-center/310", "city-government-building/310",
                                      "city-government-building/319"}));
}

TEST(RoomFitTest, VipRequirementKeepsOnlyVipRooms) {
  const std::vector<RoomCandidate> ranked =
      RankByFit({{"301", kCityHall, 30, false, {}}, {"贵宾室", kCityHall, 16, true, {}}},
                RoomRequirements{10, {}, true, ""});
  ASSERT_EQ(ranked.size(), 1u);
  EXPECT_TRUE(ranked[0].vip);
}

TEST(RoomFitTest, OrderDoesNotDependOnInputOrder) {
  std::vector<RoomCandidate> rooms = {
      {"301", kCityHall, 30, false, {kProjector}},
      {"302", kCityHall, 30, false, {}},
      {"310", kCityHall, 50, false, {}},
      {"310", kServiceCenter, 30, false, {}},
      {"606", kServiceCenter, 30, false, {kProjector, kVideoLink}},
      {"406", kServiceCenter, 100, false, {}},
  };
  const RoomRequirements requirements{20, {}, false, kCityHall};
  const std::vector<std::string> expected = {
      "city-government-building/302", "city-government-building/301",
      "city-government-building/310", "citizen-service-center/310",
      "citizen-service-center/606",   "citizen-service-center/406"};
  std::sort(rooms.begin(), rooms.end(), [](const RoomCandidate& a, const RoomCandidate& b) {
    return a.building_id + a.name < b.building_id + b.name;
  });
  int permutations = 0;
  do {
    ASSERT_EQ(Names(RankByFit(rooms, requirements)), expected) << "permutation " << permutations;
    ++permutations;
  } while (std::next_permutation(rooms.begin(), rooms.end(),
                                 [](const RoomCandidate& a, const RoomCandidate& b) {
                                   return a.building_id + a.name < b.building_id + b.name;
                                 }));
  EXPECT_EQ(permutations, 720);
}

TEST(RoomFitTest, NoSatisfyingRoomGivesAnEmptyList) {
  EXPECT_TRUE(
      RankByFit({{"301", kCityHall, 30, false, {}}}, RoomRequirements{100, {}, false, ""}).empty());
}

}  // namespace
}  // namespace huiwu::booking
