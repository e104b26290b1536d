#include "services/booking/render/seating_html.h"

#include <algorithm>
#include <map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/api/field_checks.h"
#include "common/api/timestamp.h"
#include "services/booking/render/report_html.h"

namespace huiwu::booking::render {
namespace {

// The font stack of the center's documents (report_html.cc): Noto Sans CJK or WenQuanYi
// on a Linux print host, the usual fonts elsewhere.
constexpr char kFonts[] =
    "\"Noto Sans CJK SC\", \"Noto Sans SC\", \"Source Han Sans SC\", \"WenQuanYi Zen Hei\", "
    "\"WenQuanYi Micro Hei\", \"Microsoft YaHei\", \"PingFang SC\", \"SimSun\", sans-serif";

// Landscape, so that a wide rostrum fits one line; black on white with thin rules, so it
// photocopies; a seat box never splits.
constexpr char kPlanStyle[] = R"css(
body { margin: 0; font-size: 9pt; line-height: 1.3; color: #000; background: #fff; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.2em; }
h2 { font-size: 11pt; margin: 4mm 0 2mm; border-left: 1.2mm solid #000; padding-left: 2mm; }
.meta { text-align: center; margin: 0 0 3mm; }
.note { text-align: center; font-size: 8.5pt; margin: 1mm 0; }
table { border-collapse: collapse; }
table.row { margin: 0 auto 1.5mm; }
table.row th { font-weight: normal; padding: 0 2mm; white-space: nowrap; }
table.row td { border: 0.4pt solid #000; width: 17mm; height: 11mm; text-align: center;
  vertical-align: middle; padding: 0.5mm; overflow-wrap: anywhere; }
table.rostrum td { border-width: 1pt; font-weight: bold; }
.order { display: block; font-size: 7pt; font-weight: normal; }
.front { text-align: center; margin: 1mm 0 3mm; letter-spacing: 0.5em; }
table.list { width: 100%; table-layout: fixed; margin-top: 2mm; }
table.list th, table.list td { border: 0.4pt solid #000; padding: 0.8mm 1.4mm; text-align: left; }
table.list th { background: #e8e8e8; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
tr { break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 3mm; font-size: 8.5pt; text-align: right; }
)css";

// A tent card: the sheet folded along its long middle line. Each face is half the sheet;
// the upper face is rotated half a turn so that it reads upright on the card's far side.
constexpr char kCardStyle[] = R"css(
@page { size: A4 landscape; margin: 0 }
body { margin: 0; color: #000; background: #fff; }
.card { width: 297mm; height: 209mm; overflow: hidden; break-after: page;
  page-break-after: always; }
.card:last-child { break-after: auto; page-break-after: auto; }
.face { height: 104mm; display: flex; align-items: center; justify-content: center;
  flex-direction: column; font-weight: bold; white-space: nowrap; }
.face.upper { transform: rotate(180deg); }
.fold { height: 0; border-top: 0.3pt dashed #888; }
)css";

std::string E(absl::string_view text) { return HtmlEscape(text); }

std::string Page(absl::string_view title, absl::string_view style) {
  return absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>", E(title),
      "</title>\n<style>\nhtml { font-family: ", kFonts, "; }\n", style,
      "</style>\n</head>\n<body>\n");
}

constexpr char kTail[] = "</body>\n</html>\n";

std::string RuleLabel(const v1::SeatingRule& rule) {
  std::string label = rule.senior_side() == v1::SENIOR_SIDE_RIGHT
                          ? "以右为尊（2号位于1号右手，即台下看左侧）"
                          : "以左为上（2号位于1号左手，即台下看右侧）";
  absl::StrAppend(&label, rule.even_centring() == v1::EVEN_CENTRING_PRINCIPAL_SENIOR_HALF
                              ? "；人数为双数时1号居上位一侧正中，其后一右一左"
                              : "；人数为双数时1号、2号同时居中");
  return label;
}

std::string SeatLabel(const v1::SeatAssignment& seat) {
  if (seat.area() == v1::SEAT_AREA_ROSTRUM) return absl::StrCat("主席台 第", seat.seat(), "座");
  return absl::StrCat("第", seat.row(), "排 第", seat.seat(), "座");
}

// One drawn row: its seats left to right as seen from the hall.
std::string Row(const std::vector<const v1::SeatAssignment*>& seats, absl::string_view label,
                bool rostrum) {
  std::vector<const v1::SeatAssignment*> by_seat = seats;
  std::sort(by_seat.begin(), by_seat.end(),
            [](const auto* a, const auto* b) { return a->seat() < b->seat(); });
  std::string html =
      absl::StrCat("<table class=\"row", rostrum ? " rostrum" : "", "\"><tr><th>", label, "</th>");
  for (const v1::SeatAssignment* seat : by_seat) {
    absl::StrAppend(&html, "<td class=\"seat\"><span class=\"order\">", seat->protocol_order(),
                    "</span>", E(seat->attendee().name()), "</td>");
  }
  absl::StrAppend(&html, "<th></th></tr></table>\n");
  return html;
}

// Type as large as the face allows: the face is 297 × 104 mm; a name of n characters
// gets at most 250/n mm a character and never more than 60 mm (the card's height).
double NameSizeMm(absl::string_view name) {
  const double characters = std::max<size_t>(api::CharacterCount(name), 1);
  return std::min(60.0, 250.0 / characters);
}

}  // namespace

std::string RenderSeatingPlan(const v1::GetSeatingPlanResponse& plan, absl::TimeZone zone,
                              bool a3) {
  const absl::Time start = api::FromTimestamp(plan.start_time());
  std::string html = Page(
      absl::StrCat("会议座次图 ", plan.title()),
      absl::StrCat("@page { size: ", a3 ? "A3" : "A4", " landscape; margin: 12mm }\n", kPlanStyle));
  absl::StrAppend(&html, "<h1>会议座次图</h1>\n<p class=\"meta\">", E(plan.title()), "　",
                  absl::FormatTime("%Y年%m月%d日 %H:%M", start, zone), "–",
                  absl::FormatTime("%H:%M", api::FromTimestamp(plan.end_time()), zone), "　",
                  E(plan.room_display_name()), "　主办单位：", E(plan.organizer_unit()),
                  "</p>\n<p class=\"note\">排位规则：", RuleLabel(plan.rule()),
                  "。座位自台下面向主席台从左至右编号，格内小字为排序。</p>\n");
  std::vector<const v1::SeatAssignment*> rostrum;
  std::map<int, std::vector<const v1::SeatAssignment*>> hall;
  for (const v1::SeatAssignment& seat : plan.seats()) {
    if (seat.area() == v1::SEAT_AREA_ROSTRUM) {
      rostrum.push_back(&seat);
    } else {
      hall[seat.row()].push_back(&seat);
    }
  }
  if (!rostrum.empty()) {
    absl::StrAppend(&html, "<h2>主席台</h2>\n", Row(rostrum, "主席台", true),
                    "<p class=\"front\">（台前）</p>\n");
  }
  if (!hall.empty()) {
    absl::StrAppend(&html, "<h2>会场</h2>\n");
    for (const auto& [row, seats] : hall) {
      absl::StrAppend(&html, Row(seats, absl::StrCat("第", row, "排"), false));
    }
  }
  if (plan.seats().empty()) absl::StrAppend(&html, "<p class=\"note\">无参会人员名单</p>\n");
  absl::StrAppend(
      &html,
      "<h2>名单（按排序）</h2>\n<table class=\"list\">\n<colgroup><col "
      "style=\"width:8%\"><col style=\"width:17%\"><col style=\"width:35%\"><col "
      "style=\"width:20%\"><col style=\"width:20%\"></colgroup>\n<thead><tr><th>排序"
      "</th><th>姓名</th><th>单位</th><th>职务</th><th>座位</th></tr></thead>\n<tbody>\n");
  for (const v1::SeatAssignment& seat : plan.seats()) {
    absl::StrAppend(&html, "<tr class=\"attendee\"><td>", seat.protocol_order(), "</td><td>",
                    E(seat.attendee().name()), "</td><td>", E(seat.attendee().unit()), "</td><td>",
                    E(seat.attendee().title()), "</td><td>", SeatLabel(seat), "</td></tr>\n");
  }
  absl::StrAppend(
      &html, "</tbody>\n</table>\n<footer>机关事务管理中心　生成于 ",
      absl::FormatTime("%Y-%m-%d %H:%M", api::FromTimestamp(plan.generate_time()), zone),
      "</footer>\n", kTail);
  return html;
}

std::string RenderNameplates(const v1::GetSeatingPlanResponse& plan) {
  std::string html = Page(absl::StrCat("桌牌 ", plan.title()), kCardStyle);
  for (const v1::SeatAssignment& seat : plan.seats()) {
    const std::string& name = seat.attendee().name();
    const std::string face =
        absl::StrFormat("<div style=\"font-size:%.1fmm\">%s</div>", NameSizeMm(name), E(name));
    absl::StrAppend(&html, "<div class=\"card\"><div class=\"face upper\">", face,
                    "</div><div class=\"fold\"></div><div class=\"face lower\">", face,
                    "</div></div>\n");
  }
  absl::StrAppend(&html, kTail);
  return html;
}

}  // namespace huiwu::booking::render
