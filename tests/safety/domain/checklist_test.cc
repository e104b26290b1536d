// Judging answers against a checklist revision, and the hazards failed items open.
#include "services/safety/domain/checklist.h"

#include "common/status/errors.h"
#include "gtest/gtest.h"
#include "services/safety/domain/facility.h"

namespace huiwu::safety {
namespace {

ChecklistTemplate Patrol() {
  ChecklistTemplate t;
  t.revision = 3;
  t.items.push_back({"exits-clear", "安全出口畅通", ItemKind::kPassFail, 0, 0, "", Severity::kHigh,
                     HazardKind::kFire});
  t.items.push_back({"pressure", "灭火器压力", ItemKind::kNumber, 1.0, 1.4, "MPa",
                     Severity::kCritical, HazardKind::kFire});
  t.items.push_back(
      {"photo", "照片", ItemKind::kPhoto, 0, 0, "", Severity::kLow, HazardKind::kFire});
  return t;
}

std::vector<Answer> Answers(bool exits, double pressure) {
  return {{"exits-clear", ItemKind::kPassFail, exits, 0, ""},
          {"pressure", ItemKind::kNumber, false, pressure, ""},
          {"photo", ItemKind::kPhoto, false, 0, "https://files/1.jpg"}};
}

TEST(SafetyChecklistTest, NumbersFailOutsideTheirBoundsInclusive) {
  const ChecklistItem& pressure = Patrol().items[1];
  EXPECT_FALSE(Fails(pressure, {"pressure", ItemKind::kNumber, false, 1.0, ""}));
  EXPECT_FALSE(Fails(pressure, {"pressure", ItemKind::kNumber, false, 1.4, ""}));
  EXPECT_TRUE(Fails(pressure, {"pressure", ItemKind::kNumber, false, 0.99, ""}));
  EXPECT_TRUE(Fails(pressure, {"pressure", ItemKind::kNumber, false, 1.41, ""}));
}

TEST(SafetyChecklistTest, FailedItemsOpenHazardsOfTheirSeverityInTemplateOrder) {
  const Place room{"city-hall", "301"};
  const auto failed = FailedItems(Patrol(), Answers(false, 0.5), room, "staff/s-001");
  ASSERT_EQ(failed.size(), 2u);
  EXPECT_EQ(failed[0].item_id, "exits-clear");
  EXPECT_EQ(failed[0].hazard.severity, Severity::kHigh);
  EXPECT_EQ(failed[1].hazard.severity, Severity::kCritical);
  EXPECT_EQ(failed[1].hazard.place, room);
  EXPECT_EQ(failed[1].hazard.reporter, "staff/s-001");
  EXPECT_NE(failed[1].hazard.description.find("0.5"), std::string::npos);
  EXPECT_TRUE(FailedItems(Patrol(), Answers(true, 1.2), room, "staff/s-001").empty());
}

TEST(SafetyChecklistTest, AnswersMustMatchTheRevision) {
  EXPECT_TRUE(CheckAnswers(Patrol(), Answers(true, 1.2)).ok());
  std::vector<Answer> answers = Answers(true, 1.2);
  answers[1].kind = ItemKind::kText;
  answers.push_back({"exits-clear", ItemKind::kPassFail, true, 0, ""});
  answers.push_back({"ghost", ItemKind::kPassFail, true, 0, ""});
  const auto violations = FieldViolationsOf(CheckAnswers(Patrol(), answers));
  ASSERT_EQ(violations.size(), 3u);
  EXPECT_EQ(violations[0].field, "inspection.answers[1]");
  EXPECT_EQ(violations[1].field, "inspection.answers[3].item_id");
  EXPECT_EQ(violations[2].field, "inspection.answers[4].item_id");
}

TEST(SafetyClearanceBlocksTest, HighBlocksItsRoomCriticalItsBuilding) {
  const Place room{"city-hall", "301"};
  const absl::Time t = absl::FromUnixSeconds(1'800'000'000);
  const std::vector<OpenHazardRow> hazards = {
      {"a", Severity::kCritical, {"city-hall", "302"}, "漏电", t},
      {"b", Severity::kHigh, {"city-hall", "302"}, "漏水", t},  // not this room
      {"c", Severity::kHigh, room, "出口堵塞", t},
      {"d", Severity::kCritical, {"city-hall", ""}, "配电间起火", t}};
  const auto blocks = ClearanceBlocks(room, hazards, {{"p", "m1", t}}, {{"o", "s", t}});
  ASSERT_EQ(blocks.size(), 5u);
  EXPECT_EQ(blocks[0].reason, BlockReason::kBuildingCriticalHazard);
  EXPECT_EQ(blocks[0].resource, "hazards/a");
  EXPECT_EQ(blocks[1].reason, BlockReason::kRoomHazard);
  EXPECT_EQ(blocks[1].resource, "hazards/c");
  EXPECT_EQ(blocks[2].resource, "hazards/d");
  EXPECT_EQ(blocks[3].reason, BlockReason::kPendingDisinfection);
  EXPECT_EQ(blocks[4].reason, BlockReason::kOverdueInspection);
  EXPECT_TRUE(ClearanceBlocks(room, {}, {}, {}).empty());
}

TEST(SafetyDisinfectionTest, CompletedOnceAfterTheMeetingNotInTheFuture) {
  DisinfectionTask task;
  task.meeting_end_time = absl::FromUnixSeconds(1'800'000'000);
  const absl::Time now = task.meeting_end_time + absl::Hours(1);
  EXPECT_TRUE(CheckCompletion(task, now, now).ok());
  EXPECT_EQ(FieldViolationsOf(CheckCompletion(task, now + absl::Minutes(1), now))[0].field,
            "complete_time");
  EXPECT_EQ(
      FieldViolationsOf(CheckCompletion(task, task.meeting_end_time - absl::Minutes(1), now))[0]
          .field,
      "complete_time");
  task.completed = true;
  EXPECT_EQ(ReasonOf(CheckCompletion(task, now, now)), "DISINFECTION_ALREADY_COMPLETED");
}

// A completed meeting's tea sets may be disinfected from when it actually ended.
TEST(SafetyDisinfectionTest, MeetingEndsAsPlannedOrAtAnEarlierCompletion) {
  const absl::Time planned = absl::FromUnixSeconds(1'800'000'000);
  EXPECT_EQ(MeetingEnd(planned, planned - absl::Minutes(30)), planned - absl::Minutes(30));
  // Completed (recorded) late: it still ended as planned.
  EXPECT_EQ(MeetingEnd(planned, planned + absl::Hours(2)), planned);
  EXPECT_EQ(MeetingEnd(planned, absl::InfinitePast()), planned);
}

}  // namespace
}  // namespace huiwu::safety
