// Ratings (服务评价) and complaints (投诉) of a period, per room: the figures of the
// feedback report and of the weekly brief (每周业务简报). Pure, unit-tested.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_FEEDBACK_FIGURES_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_FEEDBACK_FIGURES_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "services/booking/domain/complaint.h"
#include "services/booking/domain/evaluation.h"

namespace huiwu::booking {

// A room as (building_id, room_id); ("", "") for meetings and complaints without one.
using RoomKey2 = std::pair<std::string, std::string>;

struct AspectAverage {
  EvaluationAspect aspect = EvaluationAspect::kVenue;
  double average = 0;
  int count = 0;
};

struct RoomFeedback {
  RoomKey2 room;
  int evaluations = 0;
  double average_overall = 0;
  std::vector<AspectAverage> aspects;  // rated ones, in aspect order
  int dissatisfied = 0;                // overall ≤ kDissatisfiedAtMost
  int complaints_recorded = 0;
  int complaints_closed = 0;
};

struct FeedbackFigures {
  int meetings_completed = 0;
  int evaluations = 0;
  double average_overall = 0;
  int complaints_recorded = 0;
  int complaints_closed = 0;
  // Rooms with an evaluation or a complaint, by (building_id, room_id); the room-less
  // entry last.
  std::vector<RoomFeedback> rooms;
};

// What a complaint contributes: its room and whether it is closed.
struct ComplaintFact {
  RoomKey2 room;
  bool closed = false;
};

// Tallies the period's evaluations (those of its meetings) and complaints (recorded in
// it). Averages are plain means of the ratings given; an aspect left unrated counts in
// no average.
FeedbackFigures TallyFeedback(int meetings_completed,
                              const std::vector<ServiceEvaluation>& evaluations,
                              const std::vector<ComplaintFact>& complaints);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_FEEDBACK_FIGURES_H_
