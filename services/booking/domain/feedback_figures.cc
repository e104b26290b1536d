#include "services/booking/domain/feedback_figures.h"

#include <array>

namespace huiwu::booking {
namespace {

struct Sums {
  int evaluations = 0;
  int overall_sum = 0;
  int dissatisfied = 0;
  std::array<int, 5> aspect_sum{};  // by aspect number
  std::array<int, 5> aspect_count{};
  int complaints = 0;
  int closed = 0;
};

double Mean(int sum, int count) { return count == 0 ? 0 : static_cast<double>(sum) / count; }

}  // namespace

FeedbackFigures TallyFeedback(int meetings_completed,
                              const std::vector<ServiceEvaluation>& evaluations,
                              const std::vector<ComplaintFact>& complaints) {
  std::map<RoomKey2, Sums> by_room;
  FeedbackFigures figures;
  figures.meetings_completed = meetings_completed;
  int overall_sum = 0;
  for (const ServiceEvaluation& e : evaluations) {
    Sums& sums = by_room[{e.building_id, e.room_id}];
    ++sums.evaluations;
    sums.overall_sum += e.overall_rating;
    if (e.overall_rating <= kDissatisfiedAtMost) ++sums.dissatisfied;
    for (const AspectRating& a : e.aspects) {
      const int n = static_cast<int>(a.aspect);
      if (n < 1 || n > 4) continue;
      sums.aspect_sum[n] += a.rating;
      ++sums.aspect_count[n];
    }
    ++figures.evaluations;
    overall_sum += e.overall_rating;
  }
  for (const ComplaintFact& c : complaints) {
    Sums& sums = by_room[c.room];
    ++sums.complaints;
    ++figures.complaints_recorded;
    if (c.closed) {
      ++sums.closed;
      ++figures.complaints_closed;
    }
  }
  figures.average_overall = Mean(overall_sum, figures.evaluations);
  std::vector<RoomFeedback> without_room;
  for (const auto& [room, sums] : by_room) {
    RoomFeedback row;
    row.room = room;
    row.evaluations = sums.evaluations;
    row.average_overall = Mean(sums.overall_sum, sums.evaluations);
    row.dissatisfied = sums.dissatisfied;
    for (EvaluationAspect aspect : kEvaluationAspects) {
      const int n = static_cast<int>(aspect);
      if (sums.aspect_count[n] == 0) continue;
      row.aspects.push_back(
          {aspect, Mean(sums.aspect_sum[n], sums.aspect_count[n]), sums.aspect_count[n]});
    }
    row.complaints_recorded = sums.complaints;
    row.complaints_closed = sums.closed;
    // The map orders ("", "") first; the brief lists the rooms first.
    if (room.second.empty()) {
      without_room.push_back(std::move(row));
    } else {
      figures.rooms.push_back(std::move(row));
    }
  }
  for (RoomFeedback& row : without_room) figures.rooms.push_back(std::move(row));
  return figures;
}

}  // namespace huiwu::booking
