// The seating plan (座次图) and the nameplates (桌牌) as printable HTML, like the center's
// other documents (report_html.h): plain C++ over the response, every user text
// HTML-escaped, nothing loaded from outside.
#ifndef HUIWU_SERVICES_BOOKING_RENDER_SEATING_HTML_H_
#define HUIWU_SERVICES_BOOKING_RENDER_SEATING_HTML_H_

#include <string>

#include "absl/time/time.h"
#include "huiwu/booking/v1/seating.pb.h"

namespace huiwu::booking::render {

// The plan on one landscape sheet (A3 when `a3`, else A4): the meeting, the rule, the
// rostrum and each hall row drawn as seen from the hall (seat 1 on the left), each seat
// with the person's protocol order and name, then the list in protocol order with each
// person's seat. Times in `zone`.
std::string RenderSeatingPlan(const v1::GetSeatingPlanResponse& plan, absl::TimeZone zone, bool a3);

// One A4 landscape page per seated person, in protocol order: a tent card folded along
// the middle, the name in type as large as the face allows on both faces; the upper face
// is turned upside down so that, folded, each side reads upright to the people facing it.
std::string RenderNameplates(const v1::GetSeatingPlanResponse& plan);

}  // namespace huiwu::booking::render

#endif  // HUIWU_SERVICES_BOOKING_RENDER_SEATING_HTML_H_
