#include "services/booking/domain/feedback_figures.h"

#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

ServiceEvaluation Rated(std::string building, std::string room, int overall,
                        std::vector<AspectRating> aspects = {}) {
  ServiceEvaluation e;
  e.building_id = std::move(building);
  e.room_id = std::move(room);
  e.overall_rating = overall;
  e.aspects = std::move(aspects);
  return e;
}

TEST(FeedbackFiguresTest, AveragesPerRoomAndAspectCountOnlyWhatWasRated) {
  const FeedbackFigures figures = TallyFeedback(
      6,
      {Rated("city-hall", "301", 5, {{EvaluationAspect::kTea, 4, ""}}),
       Rated("city-hall", "301", 2,
             {{EvaluationAspect::kTea, 2, ""}, {EvaluationAspect::kEquipment, 1, "投影仪坏"}}),
       Rated("citizen-center", "606", 4), Rated("", "", 3)},
      {{{"city-hall", "301"}, true}, {{"city-hall", "301"}, false}, {{"city-hall", "302"}, false}});
  EXPECT_EQ(figures.meetings_completed, 6);
  EXPECT_EQ(figures.evaluations, 4);
  EXPECT_DOUBLE_EQ(figures.average_overall, 3.5);
  EXPECT_EQ(figures.complaints_recorded, 3);
  EXPECT_EQ(figures.complaints_closed, 1);
  // Rooms by (building, room), then the meetings without a room.
  ASSERT_EQ(figures.rooms.size(), 4u);
  EXPECT_EQ(figures.rooms[0].room, (RoomKey2{"citizen-center", "606"}));
  const RoomFeedback& r301 = figures.rooms[1];
  EXPECT_EQ(r301.room, (RoomKey2{"city-hall", "301"}));
  EXPECT_EQ(r301.evaluations, 2);
  EXPECT_DOUBLE_EQ(r301.average_overall, 3.5);
  EXPECT_EQ(r301.dissatisfied, 1);
  ASSERT_EQ(r301.aspects.size(), 2u);
  EXPECT_EQ(r301.aspects[0].aspect, EvaluationAspect::kTea);
  EXPECT_DOUBLE_EQ(r301.aspects[0].average, 3.0);
  EXPECT_EQ(r301.aspects[0].count, 2);
  EXPECT_EQ(r301.aspects[1].aspect, EvaluationAspect::kEquipment);
  EXPECT_DOUBLE_EQ(r301.aspects[1].average, 1.0);
  EXPECT_EQ(r301.complaints_recorded, 2);
  EXPECT_EQ(r301.complaints_closed, 1);
  const RoomFeedback& r302 = figures.rooms[2];
  EXPECT_EQ(r302.evaluations, 0);
  EXPECT_DOUBLE_EQ(r302.average_overall, 0);
  EXPECT_EQ(r302.complaints_recorded, 1);
  EXPECT_EQ(figures.rooms[3].room, (RoomKey2{"", ""}));
  EXPECT_EQ(figures.rooms[3].evaluations, 1);
}

TEST(FeedbackFiguresTest, AnEmptyPeriodHasNoRoomsAndNoAverage) {
  const FeedbackFigures figures = TallyFeedback(0, {}, {});
  EXPECT_EQ(figures.evaluations, 0);
  EXPECT_DOUBLE_EQ(figures.average_overall, 0);
  EXPECT_TRUE(figures.rooms.empty());
}

}  // namespace
}  // namespace huiwu::booking
