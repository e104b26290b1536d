#include "services/booking/render/report_html.h"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "common/api/timestamp.h"
#include "services/booking/domain/meeting.h"
#include "services/booking/domain/report_labels.h"

namespace huiwu::booking::render {
namespace {

// One style sheet for every document. A4 with 15 mm margins; a CJK font stack that
// finds Noto Sans CJK or WenQuanYi on a Linux print host and the usual fonts elsewhere;
// black on white with thin rules, so that it photocopies; a table row never splits
// across pages and a table's head repeats on the next page.
constexpr char kStyle[] = R"css(
@page { size: A4; margin: 15mm }
html { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
  "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC",
  "SimSun", sans-serif; font-size: 9.5pt; line-height: 1.35; color: #000;
  background: #fff; }
body { margin: 0; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.2em; }
h2 { font-size: 11pt; margin: 5mm 0 2mm; border-left: 1.2mm solid #000; padding-left: 2mm; }
.meta { text-align: center; font-size: 9pt; margin: 0 0 4mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 2mm; }
th, td { border: 0.4pt solid #000; padding: 1mm 1.4mm; vertical-align: top;
  text-align: left; overflow-wrap: anywhere; word-break: break-word; }
th { background: #e8e8e8; font-weight: bold; -webkit-print-color-adjust: exact;
  print-color-adjust: exact; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; }
ul { margin: 0; padding: 0; list-style: none; }
.title { font-weight: bold; }
.small { font-size: 8.5pt; }
.not-ready { font-weight: bold; }
.unknown { font-style: italic; }
.empty { text-align: center; padding: 4mm; }
.summary td { width: 25%; }
footer { margin-top: 4mm; font-size: 8.5pt; text-align: right; }
table.sheet td { vertical-align: middle; height: 9mm; font-size: 10.5pt; }
table.sheet td.signature { min-width: 30mm; }
)css";

std::string E(absl::string_view text) { return HtmlEscape(text); }

const char* WeekdayLabel(absl::Weekday weekday) {
  switch (weekday) {
    case absl::Weekday::monday:
      return "星期一";
    case absl::Weekday::tuesday:
      return "星期二";
    case absl::Weekday::wednesday:
      return "星期三";
    case absl::Weekday::thursday:
      return "星期四";
    case absl::Weekday::friday:
      return "星期五";
    case absl::Weekday::saturday:
      return "星期六";
    case absl::Weekday::sunday:
      return "星期日";
  }
  return "";
}

std::string DateLabel(absl::CivilDay day) {
  return absl::StrCat(day.year(), "年", day.month(), "月", day.day(), "日");
}

absl::CivilDay DayOf(const common::v1::Date& date) {
  return absl::CivilDay(date.year(), date.month(), date.day());
}

std::string Clock(const google::protobuf::Timestamp& t, absl::TimeZone zone) {
  return absl::FormatTime("%H:%M", api::FromTimestamp(t), zone);
}

std::string DateTime(const google::protobuf::Timestamp& t, absl::TimeZone zone) {
  return absl::FormatTime("%Y-%m-%d %H:%M", api::FromTimestamp(t), zone);
}

std::string Yuan(int64_t fen) {
  const char* sign = fen < 0 ? "-" : "";
  const uint64_t magnitude = fen < 0 ? 0 - static_cast<uint64_t>(fen) : fen;
  return absl::StrFormat("%s%d.%02d", sign, magnitude / 100, magnitude % 100);
}

std::string Hours(double hours) { return absl::StrFormat("%.1f", hours); }

std::string Percent(double ratio) { return absl::StrFormat("%.0f%%", ratio * 100); }

std::string Head(absl::string_view title) {
  return absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width\">\n<title>",
      E(title), "</title>\n<style>", kStyle, "</style>\n</head>\n<body>\n");
}

constexpr char kTail[] = "</body>\n</html>\n";

// A table with its columns' widths in percent (a fixed layout otherwise splits the
// page evenly and wraps the room names).
std::string Table(std::initializer_list<int> widths) {
  std::string html = "<table>\n<colgroup>";
  for (int width : widths) absl::StrAppend(&html, "<col style=\"width:", width, "%\">");
  absl::StrAppend(&html, "</colgroup>\n");
  return html;
}

std::string ReadinessWord(v1::ReadinessStatus status) {
  switch (status) {
    case v1::READINESS_STATUS_READY:
      return "就绪";
    case v1::READINESS_STATUS_NOT_READY:
      return "<span class=\"not-ready\">未就绪</span>";
    default:
      return "<span class=\"unknown\">未知</span>";
  }
}

// The readiness of one meeting, short enough for a table cell: the verdict, the parts
// in place on one line, then each part that is not (or is not known) with its reason.
std::string ReadinessCell(const v1::MeetingReadiness& r) {
  struct Part {
    const char* name;
    v1::ReadinessStatus status;
    const std::string& detail;
  };
  const Part parts[] = {
      {"会议室", r.room().status(), r.room().detail()},
      {"安全核查", r.clearance().status(), r.clearance().detail()},
      {"会前检查", r.inspection().status(), r.inspection().detail()},
      {"人员", r.staffing().status(), r.staffing().detail()},
      {"物资", r.supplies().status(), r.supplies().detail()},
      {"服务", r.services().status(), r.services().detail()},
  };
  std::vector<std::string> ready;
  std::string others;
  for (const Part& part : parts) {
    if (part.status == v1::READINESS_STATUS_READY) {
      ready.push_back(part.name);
      continue;
    }
    absl::StrAppend(&others, "<li>", part.name, "：", ReadinessWord(part.status));
    if (!part.detail.empty()) absl::StrAppend(&others, "（", E(part.detail), "）");
    absl::StrAppend(&others, "</li>");
  }
  std::string cell =
      absl::StrCat("<div class=\"title\">", r.ready() ? "全部就绪" : "未全部就绪", "</div><ul>");
  if (!ready.empty()) absl::StrAppend(&cell, "<li>就绪：", absl::StrJoin(ready, "、"), "</li>");
  absl::StrAppend(&cell, others, "</ul>");
  return cell;
}

std::string ServicesCell(const google::protobuf::RepeatedPtrField<v1::ServiceProgress>& services) {
  if (services.empty()) return "无";
  std::vector<std::string> lines;
  for (const v1::ServiceProgress& s : services) {
    std::string line = E(ServiceKindLabel(s.kind()));
    if (s.quantity() > 0) absl::StrAppend(&line, " ×", s.quantity());
    if (!s.notes().empty()) absl::StrAppend(&line, "：", E(s.notes()));
    absl::StrAppend(&line, s.done() ? "（已落实）" : "（待落实）");
    lines.push_back(absl::StrCat("<li>", line, "</li>"));
  }
  return absl::StrCat("<ul>", absl::StrJoin(lines, ""), "</ul>");
}

std::string StaffCell(const v1::StaffingReadiness& staffing) {
  if (staffing.status() == v1::READINESS_STATUS_UNKNOWN) {
    return "<span class=\"unknown\">未知</span>";
  }
  if (staffing.required() == 0 && staffing.staff().empty()) return "未安排";
  std::string cell =
      absl::StrCat("<div>", staffing.assigned(), "/", staffing.required(), " 人</div>");
  if (staffing.staff().empty()) return cell;
  std::vector<std::string> people;
  for (const v1::AssignedStaff& person : staffing.staff()) {
    people.push_back(absl::StrCat("<li>", E(person.display_name()), "（",
                                  E(StaffRoleLabel(person.role())), "）</li>"));
  }
  absl::StrAppend(&cell, "<ul>", absl::StrJoin(people, ""), "</ul>");
  return cell;
}

std::string KitCell(const v1::SuppliesReadiness& supplies) {
  if (supplies.status() == v1::READINESS_STATUS_UNKNOWN) {
    return "<span class=\"unknown\">未知</span>";
  }
  if (supplies.kit().empty()) return "未预留";
  std::string cell = absl::StrCat("<div>", E(KitStateLabel(supplies.kit_state())), "</div>");
  std::vector<std::string> lines;
  for (const v1::SupplyLine& line : supplies.lines()) {
    const std::string& label =
        line.item_display_name().empty() ? line.item() : line.item_display_name();
    lines.push_back(
        absl::StrCat("<li>", E(label), " ", line.reserved(), "/", line.needed(), "</li>"));
  }
  absl::StrAppend(&cell, "<ul>", absl::StrJoin(lines, ""), "</ul>");
  return cell;
}

std::string StateLabelOf(v1::MeetingState state) {
  const std::optional<MeetingState> domain = MeetingStateFromNumber(state);
  return domain.has_value() ? std::string(MeetingStateLabel(*domain)) : "";
}

std::string UnknownNote(absl::string_view reason) {
  return absl::StrCat("<p class=\"unknown\">未知：", E(reason), "</p>\n");
}

}  // namespace

std::string HtmlEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string RenderDailyNotice(const v1::GetDailyServiceNoticeResponse& notice,
                              absl::TimeZone zone) {
  const absl::CivilDay day = DayOf(notice.date());
  const std::string date = DateLabel(day);
  std::string html = Head(absl::StrCat("每日服务通知 ", date));
  absl::StrAppend(&html, "<h1>每日服务通知</h1>\n<p class=\"meta\">", date, " ",
                  WeekdayLabel(absl::GetWeekday(day)), "　共 ", notice.meetings_size(),
                  " 场会议　生成于 ", DateTime(notice.generate_time(), zone), "</p>\n");
  absl::StrAppend(
      &html,
      "<table>\n<colgroup><col style=\"width:8%\"><col style=\"width:11%\">"
      "<col style=\"width:19%\"><col style=\"width:6%\"><col style=\"width:12%\">"
      "<col style=\"width:11%\"><col style=\"width:9%\"><col style=\"width:24%\"></colgroup>\n"
      "<thead><tr><th>时间</th><th>会议室</th><th>会议 / 主办单位</th><th class=\"num\">人数"
      "</th><th>服务</th><th>人员</th><th>物资</th><th>准备情况</th></tr></thead>\n<tbody>\n");
  if (notice.meetings().empty()) {
    absl::StrAppend(&html, "<tr><td class=\"empty\" colspan=\"8\">当日无会议</td></tr>\n");
  }
  for (const v1::NoticeMeeting& m : notice.meetings()) {
    const std::string& room = m.room_display_name().empty() ? m.room() : m.room_display_name();
    absl::StrAppend(&html, "<tr class=\"meeting\"><td>", Clock(m.start_time(), zone), "–",
                    Clock(m.end_time(), zone), "<div class=\"small\">", E(StateLabelOf(m.state())),
                    "</div></td><td>", E(room), "</td>");
    absl::StrAppend(&html, "<td><div class=\"title\">", E(m.title()), "</div><div>",
                    E(m.organizer_unit()), "</div>");
    if (!m.contact().name().empty()) {
      absl::StrAppend(&html, "<div class=\"small\">联系人：", E(m.contact().name()), " ",
                      E(m.contact().phone()), "</div>");
    }
    absl::StrAppend(&html, "</td><td class=\"num\">", m.expected_participants());
    if (m.listed_attendees() > 0) {
      absl::StrAppend(&html, "<div class=\"small\">名单 ", m.listed_attendees(), "</div>");
    }
    absl::StrAppend(&html, "</td><td>", ServicesCell(m.services()), "</td><td>",
                    StaffCell(m.readiness().staffing()), "</td><td>",
                    KitCell(m.readiness().supplies()), "</td><td class=\"small\">",
                    ReadinessCell(m.readiness()), "</td></tr>\n");
  }
  absl::StrAppend(&html, "</tbody>\n</table>\n");
  if (notice.truncated()) {
    absl::StrAppend(&html, "<p>当日会议较多，仅列出前 ", notice.meetings_size(), " 场。</p>\n");
  }
  absl::StrAppend(&html, "<footer>机关事务管理中心 信息处理中心</footer>\n", kTail);
  return html;
}

std::string RenderWeeklyBrief(const v1::GetWeeklyBriefResponse& brief, absl::TimeZone zone) {
  const absl::CivilDay monday = DayOf(brief.week_start());
  const std::string period = absl::StrCat(DateLabel(monday), "至", DateLabel(monday + 6));
  std::string html = Head(absl::StrCat("每周业务简报 ", period));
  absl::StrAppend(&html, "<h1>每周业务简报</h1>\n<p class=\"meta\">", period, "　生成于 ",
                  DateTime(brief.generate_time(), zone), "</p>\n");

  absl::StrAppend(&html, "<h2>一、会议概况</h2>\n<table class=\"summary\"><tbody>\n",
                  "<tr><th>举办会议</th><td class=\"num\">", brief.meetings_held(),
                  " 场</td><th>签到人数 / 应到人数</th><td class=\"num\">",
                  brief.attendees_signed_in(), " / ", brief.attendees_expected(),
                  "</td></tr>\n<tr><th>取消会议</th><td class=\"num\">", brief.meetings_cancelled(),
                  " 场</td><th>无人签到释放</th><td class=\"num\">", brief.no_shows_size(),
                  " 场</td></tr>\n</tbody></table>\n");

  absl::StrAppend(&html, "<h2>二、会议室使用率</h2>\n", Table({36, 12, 18, 18, 16}),
                  "<thead><tr><th>会议室</th>"
                  "<th class=\"num\">场次</th><th class=\"num\">使用时长（小时）</th>"
                  "<th class=\"num\">开放时长（小时）</th><th class=\"num\">使用率</th></tr>"
                  "</thead>\n<tbody>\n");
  for (const v1::RoomUtilization& room : brief.rooms()) {
    const std::string& label =
        room.room_display_name().empty() ? room.room() : room.room_display_name();
    absl::StrAppend(&html, "<tr><td>", E(label), "</td><td class=\"num\">", room.meetings_held(),
                    "</td><td class=\"num\">", Hours(room.held_hours()), "</td><td class=\"num\">",
                    Hours(room.opening_hours()), "</td><td class=\"num\">",
                    Percent(room.utilization()), "</td></tr>\n");
  }
  absl::StrAppend(&html,
                  "</tbody>\n</table>\n<p class=\"small\">使用率 = 已举行会议的时长（开始至结束，"
                  "不含布置与清理）÷ 开放时长（周一至周五 8:00–18:00，每周 50 小时）；"
                  "开放时间外使用可超过 100%。</p>\n");

  const v1::WeeklyConsumption& consumption = brief.consumption();
  absl::StrAppend(&html, "<h2>三、物资消耗</h2>\n");
  if (consumption.unknown()) {
    absl::StrAppend(&html, UnknownNote(consumption.unknown_reason()));
  } else {
    absl::StrAppend(&html, "<p>已结算会议 ", consumption.meeting_count(), " 场，参会 ",
                    consumption.participant_count(), " 人，合计 ",
                    Yuan(consumption.total_cost_fen()), " 元。</p>\n");
    if (!consumption.lines().empty()) {
      absl::StrAppend(&html, Table({40, 20, 20, 20}),
                      "<thead><tr><th>物品</th><th class=\"num\">消耗</th>"
                      "<th class=\"num\">定额</th><th class=\"num\">金额（元）</th></tr>"
                      "</thead>\n<tbody>\n");
      for (const v1::WeeklyConsumptionLine& line : consumption.lines()) {
        const std::string& label =
            line.item_display_name().empty() ? line.item() : line.item_display_name();
        absl::StrAppend(&html, "<tr><td>", E(label), "</td><td class=\"num\">", line.consumed(),
                        "</td><td class=\"num\">", line.planned(), "</td><td class=\"num\">",
                        Yuan(line.cost_fen()), "</td></tr>\n");
      }
      absl::StrAppend(&html, "</tbody>\n</table>\n");
    }
  }

  const v1::WeeklyHazards& hazards = brief.hazards();
  absl::StrAppend(&html, "<h2>四、安全隐患</h2>\n");
  if (hazards.unknown()) {
    absl::StrAppend(&html, UnknownNote(hazards.unknown_reason()));
  } else {
    absl::StrAppend(&html, "<p>本周新增 ", hazards.opened(), " 项，销号 ", hazards.closed(),
                    " 项，逾期未整改 ", hazards.overdue(), " 项。</p>\n");
    if (!hazards.overdue_hazards().empty()) {
      absl::StrAppend(&html, Table({26, 34, 10, 16, 14}),
                      "<thead><tr><th>位置</th><th>隐患</th><th>等级</th>"
                      "<th>整改期限</th><th>已上报至</th></tr></thead>\n<tbody>\n");
      for (const v1::OverdueHazard& h : hazards.overdue_hazards()) {
        absl::StrAppend(&html, "<tr><td>", E(h.place()), "</td><td>", E(h.description()),
                        "</td><td>", E(HazardSeverityLabel(h.severity())), "</td><td>",
                        DateTime(h.deadline(), zone), "</td><td>",
                        E(EscalationLevelLabel(h.escalation_level())), "</td></tr>\n");
      }
      absl::StrAppend(&html, "</tbody>\n</table>\n");
    }
  }

  const v1::WeeklyWorkload& workload = brief.workload();
  absl::StrAppend(&html, "<h2>五、人员工作量</h2>\n");
  if (workload.unknown()) {
    absl::StrAppend(&html, UnknownNote(workload.unknown_reason()));
  } else if (workload.staff().empty()) {
    absl::StrAppend(&html, "<p>本周无人员排班。</p>\n");
  } else {
    absl::StrAppend(&html, Table({20, 32, 18, 15, 15}),
                    "<thead><tr><th>姓名</th><th>科室</th>"
                    "<th class=\"num\">在岗时长（小时）</th><th class=\"num\">服务场次</th>"
                    "<th class=\"num\">迟到</th></tr></thead>\n<tbody>\n");
    for (const v1::StaffWorkloadRow& row : workload.staff()) {
      absl::StrAppend(&html, "<tr><td>", E(row.display_name()), "</td><td>", E(row.section()),
                      "</td><td class=\"num\">", Hours(row.assigned_hours()),
                      "</td><td class=\"num\">", row.meetings(), "</td><td class=\"num\">",
                      row.late_arrivals(), "</td></tr>\n");
    }
    absl::StrAppend(&html, "</tbody>\n</table>\n");
  }

  absl::StrAppend(&html, "<h2>六、无人签到会议</h2>\n");
  if (brief.no_shows().empty()) {
    absl::StrAppend(&html, "<p>无。</p>\n");
  } else {
    absl::StrAppend(&html, Table({18, 26, 34, 22}),
                    "<thead><tr><th>时间</th><th>会议室</th><th>会议</th>"
                    "<th>主办单位</th></tr></thead>\n<tbody>\n");
    for (const v1::NoShowMeeting& m : brief.no_shows()) {
      const std::string& room = m.room_display_name().empty() ? m.room() : m.room_display_name();
      absl::StrAppend(&html, "<tr><td>", DateTime(m.start_time(), zone), "</td><td>", E(room),
                      "</td><td>", E(m.title()), "</td><td>", E(m.organizer_unit()),
                      "</td></tr>\n");
    }
    absl::StrAppend(&html, "</tbody>\n</table>\n");
  }
  // 服务评价与投诉: the seed's 第十三条 and 第三十四条 (feedback handled, quality assessed).
  const v1::FeedbackFigures& feedback = brief.feedback();
  absl::StrAppend(&html, "<h2>七、服务评价与投诉</h2>\n<table class=\"summary\"><tbody>\n",
                  "<tr><th>已结束会议</th><td class=\"num\">", feedback.meetings_completed(),
                  " 场</td><th>收到评价</th><td class=\"num\">", feedback.evaluations(),
                  " 份</td></tr>\n<tr><th>总体满意度（1–5）</th><td class=\"num\">",
                  feedback.evaluations() == 0 ? std::string("—")
                                              : absl::StrFormat("%.2f", feedback.average_overall()),
                  "</td><th>投诉（已办结）</th><td class=\"num\">", feedback.complaints_recorded(),
                  "（", feedback.complaints_closed(), "） 件</td></tr>\n</tbody></table>\n");
  if (!feedback.rooms().empty()) {
    absl::StrAppend(&html, Table({40, 15, 15, 15, 15}),
                    "<thead><tr><th>会议室</th><th class=\"num\">评价</th>"
                    "<th class=\"num\">满意度</th><th class=\"num\">不满意</th>"
                    "<th class=\"num\">投诉</th></tr></thead>\n<tbody>\n");
    for (const v1::RoomFeedback& row : feedback.rooms()) {
      absl::StrAppend(&html, "<tr><td>", E(row.room_display_name()), "</td><td class=\"num\">",
                      row.evaluations(), "</td><td class=\"num\">",
                      row.evaluations() == 0 ? std::string("—")
                                             : absl::StrFormat("%.2f", row.average_overall()),
                      "</td><td class=\"num\">", row.dissatisfied(), "</td><td class=\"num\">",
                      row.complaints_recorded(), "</td></tr>\n");
    }
    absl::StrAppend(&html, "</tbody>\n</table>\n");
  }
  absl::StrAppend(&html, "<footer>机关事务管理中心 信息处理中心</footer>\n", kTail);
  return html;
}

std::string RenderSignInSheet(const v1::GetSignInSheetResponse& sheet, absl::TimeZone zone) {
  const absl::CivilDay day = absl::ToCivilDay(api::FromTimestamp(sheet.start_time()), zone);
  std::string html = Head(absl::StrCat("会议签到表 ", sheet.title()));
  absl::StrAppend(&html, "<h1>会议签到表</h1>\n<table class=\"summary\"><tbody>\n",
                  "<tr><th>会议名称</th><td colspan=\"3\">", E(sheet.title()), "</td></tr>\n",
                  "<tr><th>会议时间</th><td>", DateLabel(day), " ",
                  WeekdayLabel(absl::GetWeekday(day)), " ", Clock(sheet.start_time(), zone), "–",
                  Clock(sheet.end_time(), zone), "</td><th>会议地点</th><td>",
                  E(sheet.room_display_name()), "</td></tr>\n", "<tr><th>主办单位</th><td>",
                  E(sheet.organizer_unit()), "</td><th>应到 / 已签到</th><td>", sheet.expected(),
                  " / ", sheet.signed_in(), " 人");
  if (sheet.walk_ins() > 0) absl::StrAppend(&html, "，现场登记 ", sheet.walk_ins(), " 人");
  absl::StrAppend(&html, "</td></tr>\n</tbody></table>\n");
  absl::StrAppend(&html, "<table class=\"sheet\">\n<colgroup><col style=\"width:7%\">",
                  "<col style=\"width:15%\"><col style=\"width:25%\"><col style=\"width:15%\">",
                  "<col style=\"width:12%\"><col style=\"width:26%\"></colgroup>\n",
                  "<thead><tr><th class=\"num\">序号</th><th>姓名</th><th>单位</th><th>职务</th>",
                  "<th>签到时间</th><th>签名</th></tr></thead>\n<tbody>\n");
  if (sheet.lines().empty()) {
    absl::StrAppend(&html, "<tr><td class=\"empty\" colspan=\"6\">无参会人员名单</td></tr>\n");
  }
  int number = 0;
  for (const v1::SignInSheetLine& line : sheet.lines()) {
    const v1::Attendee& a = line.attendee();
    std::string name = E(a.name());
    if (line.walk_in()) absl::StrAppend(&name, "<div class=\"small\">（现场登记）</div>");
    absl::StrAppend(&html, "<tr class=\"attendee\"><td class=\"num\">", ++number, "</td><td>", name,
                    "</td><td>", E(a.unit()), "</td><td>", E(a.title()), "</td><td>",
                    line.has_sign_in_time() ? Clock(line.sign_in_time(), zone) : "",
                    "</td><td class=\"signature\"></td></tr>\n");
  }
  absl::StrAppend(&html, "</tbody>\n</table>\n<footer>机关事务管理中心　生成于 ",
                  DateTime(sheet.generate_time(), zone), "</footer>\n", kTail);
  return html;
}

}  // namespace huiwu::booking::render
