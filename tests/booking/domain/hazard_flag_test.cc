#include "services/booking/domain/hazard_flag.h"

#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

const Place kRoom{"citizen-center", "8f-video"};
const Place kBuilding{"citizen-center", ""};

TEST(AffectedRoomsTest, ACriticalHazardAffectsEveryRoomOfItsBuilding) {
  EXPECT_EQ(AffectedRooms(HazardLevel::kCritical, kRoom), kBuilding);
  EXPECT_EQ(AffectedRooms(HazardLevel::kCritical, kBuilding), kBuilding);
}

TEST(AffectedRoomsTest, AHighHazardAffectsOnlyItsOwnRoom) {
  EXPECT_EQ(AffectedRooms(HazardLevel::kHigh, kRoom), kRoom);
  EXPECT_EQ(AffectedRooms(HazardLevel::kHigh, kBuilding), std::nullopt);
}

TEST(AffectedRoomsTest, AMinorHazardAffectsNothing) {
  EXPECT_EQ(AffectedRooms(HazardLevel::kMinor, kRoom), std::nullopt);
  EXPECT_EQ(AffectedRooms(HazardLevel::kMinor, kBuilding), std::nullopt);
}

}  // namespace
}  // namespace huiwu::booking
