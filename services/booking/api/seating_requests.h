// Seating by rank (座次) requests: the layout, the rule and the paper, validated.
#ifndef HUIWU_SERVICES_BOOKING_API_SEATING_REQUESTS_H_
#define HUIWU_SERVICES_BOOKING_API_SEATING_REQUESTS_H_

#include <string>

#include "absl/status/statusor.h"
#include "huiwu/booking/v1/seating.pb.h"
#include "services/booking/domain/seating.h"

namespace huiwu::booking {

// Limits of a layout: the center's largest room, the 8th-floor tiered auditorium, has a
// rostrum of a few dozen seats and a few hundred in the hall; these bound the work and
// the printout, not the rooms.
inline constexpr int kMaxRostrumSeats = 50;
inline constexpr int kMaxHallRows = 100;
inline constexpr int kMaxHallSeatsPerRow = 100;

struct SeatingPlanCall {
  std::string meeting_id;
  SeatMap layout;
  SeatingRule rule;
  bool a3 = false;  // the plan's paper: A3 landscape, else A4 landscape
};

// INVALID_ARGUMENT naming each bad field: the meeting name, a layout of no seats or out
// of its limits, hall rows without seats per row, an unknown rule or paper value.
absl::StatusOr<SeatingPlanCall> ParseGetSeatingPlan(const v1::GetSeatingPlanRequest& request);

// The rule as the response reports it, defaults filled in.
v1::SeatingRule ToProto(const SeatingRule& rule);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_API_SEATING_REQUESTS_H_
