#include "services/booking/api/seating_requests.h"

#include "common/api/field_checks.h"
#include "services/booking/api/meeting_requests.h"

namespace huiwu::booking {

absl::StatusOr<SeatingPlanCall> ParseGetSeatingPlan(const v1::GetSeatingPlanRequest& request) {
  api::FieldChecks checks;
  SeatingPlanCall call;
  absl::StatusOr<std::string> meeting_id = ParseMeetingName("meeting", request.meeting());
  if (meeting_id.ok()) {
    call.meeting_id = *std::move(meeting_id);
  } else {
    checks.AddFrom(meeting_id.status());
  }

  const v1::SeatMap& layout = request.layout();
  checks.Int("layout.rostrum_seats", layout.rostrum_seats(), 0, kMaxRostrumSeats);
  checks.Int("layout.hall_rows", layout.hall_rows(), 0, kMaxHallRows);
  if (layout.hall_rows() > 0 || layout.hall_seats_per_row() != 0) {
    checks.Int("layout.hall_seats_per_row", layout.hall_seats_per_row(), 1, kMaxHallSeatsPerRow);
  }
  if (layout.hall_seats_per_row() > 0 && layout.hall_rows() == 0) {
    checks.Add("layout.hall_rows", "required with hall_seats_per_row: 1–100 rows");
  }
  if (layout.rostrum_seats() == 0 && layout.hall_rows() == 0 && layout.hall_seats_per_row() == 0) {
    checks.Add("layout", "required: rostrum_seats, or hall_rows and hall_seats_per_row");
  }
  call.layout = SeatMap{layout.rostrum_seats(), layout.hall_rows(), layout.hall_seats_per_row()};

  const v1::SeatingRule& rule = request.rule();
  checks.Enum("rule.senior_side", rule.senior_side(), v1::SeniorSide_IsValid, true);
  checks.Enum("rule.even_centring", rule.even_centring(), v1::EvenCentring_IsValid, true);
  call.rule.senior_side =
      rule.senior_side() == v1::SENIOR_SIDE_RIGHT ? SeniorSide::kRight : SeniorSide::kLeft;
  call.rule.even_centring = rule.even_centring() == v1::EVEN_CENTRING_PRINCIPAL_SENIOR_HALF
                                ? EvenCentring::kPrincipalSeniorHalf
                                : EvenCentring::kPair;

  checks.Enum("paper_size", request.paper_size(), v1::PaperSize_IsValid, true);
  call.a3 = request.paper_size() == v1::PAPER_SIZE_A3;
  if (!checks.ok()) return checks.status();
  return call;
}

v1::SeatingRule ToProto(const SeatingRule& rule) {
  v1::SeatingRule out;
  out.set_senior_side(rule.senior_side == SeniorSide::kRight ? v1::SENIOR_SIDE_RIGHT
                                                             : v1::SENIOR_SIDE_LEFT);
  out.set_even_centring(rule.even_centring == EvenCentring::kPrincipalSeniorHalf
                            ? v1::EVEN_CENTRING_PRINCIPAL_SENIOR_HALF
                            : v1::EVEN_CENTRING_PAIR);
  return out;
}

}  // namespace huiwu::booking
