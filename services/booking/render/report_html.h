// The center's printed documents (每日服务通知, 每周业务简报, 签到表) as HTML that prints on A4:
// plain C++ over the structured responses, no template engine. Every text that came
// from a user or another service is HTML-escaped; the documents load nothing from
// outside (no scripts, fonts or images), so a printout needs only a browser.
#ifndef HUIWU_SERVICES_BOOKING_RENDER_REPORT_HTML_H_
#define HUIWU_SERVICES_BOOKING_RENDER_REPORT_HTML_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "huiwu/booking/v1/reports.pb.h"
#include "huiwu/booking/v1/sign_in.pb.h"

namespace huiwu::booking::render {

// `text` with &, <, >, " and ' replaced by entities: safe in element content and in
// quoted attribute values.
std::string HtmlEscape(absl::string_view text);

// The daily service notice: the day's meetings in the response's order (time order),
// each with room, organizer, attendees, services, staff, kit and readiness. Times are
// shown in `zone` (the center's).
std::string RenderDailyNotice(const v1::GetDailyServiceNoticeResponse& notice, absl::TimeZone zone);

// The weekly business brief.
std::string RenderWeeklyBrief(const v1::GetWeeklyBriefResponse& brief, absl::TimeZone zone);

// The sign-in sheet (签到表) of one meeting: its title, time, room, organizer and figures,
// then one row per line of the response (its order) with number, name, unit, title,
// sign-in time (blank when not signed in) and a blank signature column (签名) tall enough
// to sign by hand.
std::string RenderSignInSheet(const v1::GetSignInSheetResponse& sheet, absl::TimeZone zone);

}  // namespace huiwu::booking::render

#endif  // HUIWU_SERVICES_BOOKING_RENDER_REPORT_HTML_H_
