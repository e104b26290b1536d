#include "services/inventory/domain/meeting_kit_rules.h"

#include "gtest/gtest.h"
#include "services/inventory/domain/stock_rules.h"

namespace huiwu::inventory {
namespace {

KitLine Line(std::string item, int64_t quantity, int64_t needed, int64_t issued = 0) {
  KitLine line;
  line.item_id = std::move(item);
  line.quantity = quantity;
  line.needed = needed;
  line.issued = issued;
  return line;
}

const LineChange* Find(const std::vector<LineChange>& changes, const std::string& item) {
  for (const LineChange& change : changes) {
    if (change.item_id == item) return &change;
  }
  return nullptr;
}

TEST(MeetingKitRulesTest, ShortLinesOnlyWhileTheKitHoldsStock) {
  Kit kit;
  kit.lines = {Line("water", 30, 50), Line("tea", 20, 20), Line("cups", 0, 5)};
  kit.state = KitState::kReserved;
  const std::vector<KitShortage> shorts = ShortLines(kit);
  ASSERT_EQ(shorts.size(), 2u);
  EXPECT_EQ(shorts[0].item_id, "cups");
  EXPECT_EQ(shorts[0].missing(), 5);
  EXPECT_EQ(shorts[1].item_id, "water");
  EXPECT_EQ(shorts[1].missing(), 20);
  kit.state = KitState::kIssued;
  EXPECT_EQ(ShortLines(kit).size(), 2u);
  kit.state = KitState::kSettled;
  EXPECT_TRUE(ShortLines(kit).empty());
  kit.state = KitState::kReleased;
  EXPECT_TRUE(ShortLines(kit).empty());
}

TEST(MeetingKitRulesTest, TheRoomsCabinetFollowsTheMeetingAnotherSourceStays) {
  Kit kit;
  kit.room = "buildings/b/rooms/301";
  kit.source_location = kit.room;
  EXPECT_EQ(SourceAfterMove(kit, "buildings/b/rooms/302"), "buildings/b/rooms/302");
  kit.source_location = "locations/central-store";
  EXPECT_EQ(SourceAfterMove(kit, "buildings/b/rooms/302"), "locations/central-store");
}

TEST(MeetingKitRulesTest, PlanKeepsWhatIsStillNeededGivesBackSurplusAndRetriesShortfall) {
  const std::vector<KitLine> current = {Line("water", 30, 50), Line("tea", 20, 20),
                                        Line("flowers", 2, 2)};
  const std::vector<LineChange> plan =
      PlanReservation(current, {{"water", 50}, {"tea", 10}, {"cups", 5}}, false);
  ASSERT_EQ(plan.size(), 4u);
  const LineChange* water = Find(plan, "water");
  EXPECT_EQ(water->keep, 30);
  EXPECT_EQ(water->release, 0);
  EXPECT_EQ(water->reserve, 20) << "the earlier shortfall is tried again";
  const LineChange* tea = Find(plan, "tea");
  EXPECT_EQ(tea->keep, 10);
  EXPECT_EQ(tea->release, 10);
  EXPECT_EQ(tea->reserve, 0);
  const LineChange* flowers = Find(plan, "flowers");
  EXPECT_EQ(flowers->needed, 0);
  EXPECT_EQ(flowers->release, 2);
  const LineChange* cups = Find(plan, "cups");
  EXPECT_EQ(cups->keep, 0);
  EXPECT_EQ(cups->reserve, 5);
}

TEST(MeetingKitRulesTest, PlanForAMovedSourceGivesEverythingBackAndReservesAnew) {
  const std::vector<LineChange> plan =
      PlanReservation({Line("water", 10, 10)}, {{"water", 10}}, true);
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0].keep, 0);
  EXPECT_EQ(plan[0].release, 10);
  EXPECT_EQ(plan[0].reserve, 10);
}

TEST(MeetingKitRulesTest, CompletionCountsConsumablesAndRentalsAsUsedAndReturnsReusables) {
  const std::map<std::string, ItemCategory> categories = {{"water", ItemCategory::kConsumable},
                                                          {"tea-set", ItemCategory::kReusable},
                                                          {"microphone", ItemCategory::kEquipment},
                                                          {"flowers", ItemCategory::kRental}};
  std::vector<KitLine> issued = {Line("water", 10, 10, 10), Line("tea-set", 10, 10, 10),
                                 Line("microphone", 2, 2, 2), Line("flowers", 3, 3, 3),
                                 Line("unknown", 4, 4, 4)};
  SettleOnCompletion(true, categories, issued);
  EXPECT_EQ(issued[0].consumed, 10);
  EXPECT_EQ(issued[0].returned, 0);
  EXPECT_EQ(issued[1].consumed, 0);
  EXPECT_EQ(issued[1].returned, 10);
  EXPECT_EQ(issued[2].returned, 2);
  EXPECT_EQ(issued[3].consumed, 3);
  EXPECT_EQ(issued[4].consumed, 4) << "an item of unknown category counts as a consumable";

  // Never issued: the reservation was used in place; a short line hands out what it held.
  std::vector<KitLine> reserved = {Line("water", 6, 8), Line("tea-set", 6, 6)};
  SettleOnCompletion(false, categories, reserved);
  EXPECT_EQ(reserved[0].issued, 6);
  EXPECT_EQ(reserved[0].consumed, 6);
  EXPECT_EQ(reserved[1].issued, 6);
  EXPECT_EQ(reserved[1].returned, 6);
  for (const KitLine& line : reserved) {
    EXPECT_LE(line.consumed + line.returned, line.issued);
    EXPECT_LE(line.issued, line.quantity);
  }
}

TEST(MeetingKitRulesTest, MeetingDetailsAndTemplateFit) {
  Kit a;
  a.participant_count = 10;
  Kit b = a;
  EXPECT_FALSE(MeetingDetailsDiffer(a, b));
  b.end_time = a.end_time + absl::Minutes(30);
  EXPECT_TRUE(MeetingDetailsDiffer(a, b));
  KitTemplate t;
  t.meeting_kind = MeetingKind::kInternal;
  t.min_participants = 1;
  t.max_participants = 20;
  EXPECT_TRUE(TemplateFits(t, MeetingKind::kInternal, 20));
  EXPECT_FALSE(TemplateFits(t, MeetingKind::kInternal, 21));
  EXPECT_FALSE(TemplateFits(t, MeetingKind::kTraining, 10));
}

TEST(StockRulesTest, CrossingTheMinimumIsTheDropThatTakesItToOrUnderIt) {
  EXPECT_TRUE(CrossedMinimum(15, 8, 10));
  EXPECT_TRUE(CrossedMinimum(11, 10, 10));
  EXPECT_FALSE(CrossedMinimum(8, 3, 10)) << "already low: the same shortage";
  EXPECT_FALSE(CrossedMinimum(20, 11, 10));
  EXPECT_FALSE(CrossedMinimum(5, 0, 0)) << "no minimum, never low";
}

}  // namespace
}  // namespace huiwu::inventory
