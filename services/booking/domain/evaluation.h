// Service evaluation (服务评价): after a meeting its organizer unit rates the service, as
// the seed's 第三十四条 (service quality assessed regularly) and the local standards'
// evaluation clauses ask (DB44/T 2394-2022 §9.2, DB3301/T 0298-2024 §8). Pure rules,
// unit-tested without a database.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_EVALUATION_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_EVALUATION_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/booking/domain/meeting_state.h"

namespace huiwu::booking {

// The five-level satisfaction scale of the satisfaction forms the provincial standards
// append (e.g. DB32/T 3833-2020 附录H, DB61/T 1469-2021 附录K): 5 非常满意, 4 满意,
// 3 基本满意, 2 不满意, 1 非常不满意. Neither DB3301/T 0298-2024 nor DB44/T 2394-2022
// (as far as their published outlines show) fixes a scale, so this is huiwu's choice.
inline constexpr int kLowestRating = 1;
inline constexpr int kHighestRating = 5;
// Ratings at or below this are "dissatisfied" (不满意), which the brief lists.
inline constexpr int kDissatisfiedAtMost = 2;

// Numbered as the proto's EvaluationAspect (UNSPECIFIED = 0).
enum class EvaluationAspect { kVenue = 1, kTea = 2, kEquipment = 3, kStaff = 4 };
inline constexpr EvaluationAspect kEvaluationAspects[] = {
    EvaluationAspect::kVenue, EvaluationAspect::kTea, EvaluationAspect::kEquipment,
    EvaluationAspect::kStaff};

struct AspectRating {
  EvaluationAspect aspect = EvaluationAspect::kVenue;
  int rating = 0;
  std::string comment;
};

struct ServiceEvaluation {
  std::string meeting_id;
  int overall_rating = 0;
  std::vector<AspectRating> aspects;  // in aspect order, each at most once
  std::string comment;
  std::string organizer_unit;  // the meeting's
  std::string building_id;     // the meeting's room; empty without one
  std::string room_id;
  std::string submitted_by;
  absl::Time submit_time;
};

// OK, or FAILED_PRECONDITION (reason MEETING_NOT_COMPLETED, metadata "state") unless the
// meeting is COMPLETED or ARCHIVED: service is rated once it has been given in full, not
// while the meeting runs (its tea may yet be served) nor for one that never took place.
absl::Status CheckEvaluable(MeetingState state, const std::string& meeting_name);

// ALREADY_EXISTS (reason EVALUATION_EXISTS): one evaluation per meeting, final once given.
// A later change of mind is a complaint, not a rewrite: the weekly brief that counted the
// first rating has been printed and handed on already.
absl::Status EvaluationExists(const std::string& meeting_name);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_EVALUATION_H_
