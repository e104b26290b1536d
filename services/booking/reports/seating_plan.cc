// Reports::GetSeatingPlan: the seating plan (座次) of a meeting, its printout and its
// nameplates (桌牌). Booking's own data only; the placing is the domain's (seating.h).
#include "common/api/timestamp.h"
#include "common/status/status_macros.h"
#include "common/time/center_zone.h"
#include "services/booking/domain/seating.h"
#include "services/booking/render/seating_html.h"
#include "services/booking/reports/reports.h"
#include "services/booking/store/meeting_rows.h"

namespace huiwu::booking {
namespace {

void ToProto(const Attendee& a, v1::Attendee* out) {
  out->set_id(a.id);
  out->set_name(a.name);
  out->set_unit(a.unit);
  out->set_title(a.title);
  out->set_vip(a.vip);
  out->set_protocol_rank(a.protocol_rank);
}

}  // namespace

absl::Status Reports::GetSeatingPlan(const SeatingPlanCall& call, absl::string_view organizer_scope,
                                     v1::GetSeatingPlanResponse* out) {
  ASSIGN_OR_RETURN(SeatingPlanData data, store_.GetSeatingPlan(call.meeting_id, organizer_scope));
  const Meeting& m = data.meeting;
  ASSIGN_OR_RETURN(std::vector<SeatAssignment> seats,
                   PlaceAttendees(m.attendees, call.layout, call.rule));
  out->set_meeting(MeetingName(m.id));
  out->set_title(m.title);
  out->set_organizer_unit(m.organizer_unit);
  *out->mutable_start_time() = api::ToTimestamp(m.window.start);
  *out->mutable_end_time() = api::ToTimestamp(m.window.end);
  out->set_room_display_name(data.room_display_name);
  *out->mutable_rule() = ToProto(call.rule);
  out->mutable_layout()->set_rostrum_seats(call.layout.rostrum_seats);
  out->mutable_layout()->set_hall_rows(call.layout.hall_rows);
  out->mutable_layout()->set_hall_seats_per_row(call.layout.hall_seats_per_row);
  for (const SeatAssignment& seat : seats) {
    v1::SeatAssignment* entry = out->add_seats();
    entry->set_area(seat.rostrum ? v1::SEAT_AREA_ROSTRUM : v1::SEAT_AREA_HALL);
    entry->set_row(seat.row);
    entry->set_seat(seat.seat);
    entry->set_protocol_order(seat.protocol_order);
    ToProto(seat.attendee, entry->mutable_attendee());
  }
  *out->mutable_generate_time() = api::ToTimestamp(clock_.Now());
  out->set_rendered_html(render::RenderSeatingPlan(*out, CenterTimeZone(), call.a3));
  out->set_nameplates_html(render::RenderNameplates(*out));
  return absl::OkStatus();
}

}  // namespace huiwu::booking
