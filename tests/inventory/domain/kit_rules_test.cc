#include "services/inventory/domain/kit_rules.h"

#include "common/status/errors.h"
#include "gtest/gtest.h"

namespace huiwu::inventory {
namespace {

KitTemplate Template(std::string id, int min, int max) {
  KitTemplate t;
  t.id = std::move(id);
  t.meeting_kind = MeetingKind::kInternal;
  t.min_participants = min;
  t.max_participants = max;
  t.lines = {{"water", 1, 0}, {"nameplates", 0, 2}, {"tea", 1, 1}, {"flowers", 0, 0}};
  return t;
}

TEST(KitRulesTest, QuantitiesArePerParticipantPlusFixedByItemWithoutZeroLines) {
  const std::vector<ItemQuantity> kit = KitQuantities(Template("t", 1, 20), 12);
  ASSERT_EQ(kit.size(), 3u);
  EXPECT_EQ(kit[0].item_id, "nameplates");
  EXPECT_EQ(kit[0].quantity, 2);
  EXPECT_EQ(kit[1].item_id, "tea");
  EXPECT_EQ(kit[1].quantity, 13);
  EXPECT_EQ(kit[2].item_id, "water");
  EXPECT_EQ(kit[2].quantity, 12);
}

TEST(KitRulesTest, ChoosesTheNarrowestTemplateOfTheKindThatFits) {
  std::vector<KitTemplate> templates = {Template("wide", 1, 300), Template("small", 1, 20),
                                        Template("large", 21, 300)};
  templates.push_back(Template("vip", 1, 10));
  templates.back().meeting_kind = MeetingKind::kVipReception;
  EXPECT_EQ(ChooseTemplate(templates, MeetingKind::kInternal, 12)->id, "small");
  EXPECT_EQ(ChooseTemplate(templates, MeetingKind::kInternal, 50)->id, "large");
  EXPECT_EQ(ChooseTemplate(templates, MeetingKind::kVipReception, 5)->id, "vip");
  EXPECT_FALSE(ChooseTemplate(templates, MeetingKind::kTraining, 5).has_value());
  EXPECT_FALSE(ChooseTemplate(templates, MeetingKind::kInternal, 301).has_value());
}

TEST(KitRulesTest, ActionsFollowTheLifecycle) {
  EXPECT_TRUE(CheckKitAction(KitState::kReserved, KitAction::kIssue, "k").ok());
  EXPECT_EQ(ReasonOf(CheckKitAction(KitState::kIssued, KitAction::kIssue, "k")),
            "KIT_NOT_RESERVED");
  EXPECT_EQ(ReasonOf(CheckKitAction(KitState::kReserved, KitAction::kSettle, "k")),
            "KIT_NOT_ISSUED");
  EXPECT_TRUE(CheckKitAction(KitState::kIssued, KitAction::kSettle, "k").ok());
  EXPECT_TRUE(CheckKitAction(KitState::kIssued, KitAction::kRelease, "k").ok());
  EXPECT_EQ(ReasonOf(CheckKitAction(KitState::kSettled, KitAction::kRelease, "k")), "KIT_CLOSED");
  EXPECT_EQ(ReasonOf(CheckKitAction(KitState::kReleased, KitAction::kIssue, "k")), "KIT_CLOSED");
}

TEST(KitRulesTest, SettleSplitsIssuedIntoConsumedAndReturned) {
  std::vector<KitLine> lines = {{"tea", 10, 10, 0, 0}, {"water", 20, 20, 0, 0}};
  ASSERT_TRUE(SettleLines({{"water", 15}}, lines).ok());
  EXPECT_EQ(lines[0].consumed, 0);
  EXPECT_EQ(lines[0].returned, 10);
  EXPECT_EQ(lines[1].consumed, 15);
  EXPECT_EQ(lines[1].returned, 5);
}

TEST(KitRulesTest, SettleRefusesMoreThanIssuedAndItemsNotInTheKit) {
  std::vector<KitLine> lines = {{"tea", 10, 10, 0, 0}};
  absl::Status status = SettleLines({{"tea", 11}, {"cups", 1}}, lines);
  EXPECT_EQ(ReasonOf(status), "CONSUMED_MORE_THAN_ISSUED");
  EXPECT_EQ(MetadataOf(status).at("items/tea"), "11 > 10");
  EXPECT_EQ(MetadataOf(status).at("items/cups"), "1 > 0");
}

}  // namespace
}  // namespace huiwu::inventory
