// The printed documents as text: structure, order, escaping. (How they look on paper is
// daily_notice_print_test.cc.)
#include <string>

#include "absl/time/civil_time.h"
#include "common/api/timestamp.h"
#include "common/time/center_zone.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/booking/render/report_html.h"

namespace huiwu::booking::render {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

google::protobuf::Timestamp At(int day, int hour, int minute = 0) {
  return api::ToTimestamp(
      absl::FromCivil(absl::CivilMinute(2026, 12, day, hour, minute), CenterTimeZone()));
}

// Position of `needle` in `hay`, failing the test when absent.
size_t PositionOf(const std::string& hay, const std::string& needle) {
  const size_t at = hay.find(needle);
  EXPECT_NE(at, std::string::npos) << "missing: " << needle;
  return at;
}

v1::NoticeMeeting Meeting(const std::string& title, const std::string& room, int start_hour) {
  v1::NoticeMeeting m;
  m.set_meeting("meetings/" + title);
  m.set_title(title);
  m.set_state(v1::MEETING_STATE_CONFIRMED);
  *m.mutable_start_time() = At(1, start_hour);
  *m.mutable_end_time() = At(1, start_hour + 1, 30);
  m.set_room_display_name(room);
  m.set_organizer_unit("市发改委");
  m.mutable_contact()->set_name("张伟");
  m.mutable_contact()->set_phone("0571-1234");
  m.set_expected_participants(20);
  v1::ServiceProgress* tea = m.add_services();
  tea->set_kind(v1::SERVICE_KIND_TEA);
  tea->set_done(true);
  v1::MeetingReadiness* r = m.mutable_readiness();
  r->mutable_room()->set_status(v1::READINESS_STATUS_READY);
  r->mutable_clearance()->set_status(v1::READINESS_STATUS_UNKNOWN);
  r->mutable_clearance()->set_detail("安全服务 (safety) 不可用 (UNAVAILABLE)");
  r->mutable_staffing()->set_status(v1::READINESS_STATUS_NOT_READY);
  r->mutable_staffing()->set_detail("缺 会议服务员 1 人");
  r->mutable_staffing()->set_required(2);
  r->mutable_staffing()->set_assigned(1);
  v1::AssignedStaff* person = r->mutable_staffing()->add_staff();
  person->set_display_name("王丽");
  person->set_role("ATTENDANT");
  r->mutable_supplies()->set_status(v1::READINESS_STATUS_READY);
  r->mutable_supplies()->set_kit("meetings/x/kit");
  r->mutable_supplies()->set_kit_state("RESERVED");
  v1::SupplyLine* water = r->mutable_supplies()->add_lines();
  water->set_item_display_name("矿泉水 (瓶)");
  water->set_needed(20);
  water->set_reserved(20);
  r->mutable_services()->set_status(v1::READINESS_STATUS_READY);
  r->mutable_inspection()->set_status(v1::READINESS_STATUS_READY);
  return m;
}

TEST(ReportRenderTest, EscapesEveryHtmlCharacter) {
  EXPECT_EQ(HtmlEscape("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
  EXPECT_EQ(HtmlEscape("市政府大楼 301"), "市政府大楼 301");
}

TEST(ReportRenderTest, DailyNoticeIsAPrintableA4DocumentInChinese) {
  v1::GetDailyServiceNoticeResponse notice;
  notice.mutable_date()->set_year(2026);
  notice.mutable_date()->set_month(12);
  notice.mutable_date()->set_day(1);
  *notice.mutable_generate_time() = At(1, 7);
  const std::string html = RenderDailyNotice(notice, CenterTimeZone());
  EXPECT_THAT(html, HasSubstr("<!DOCTYPE html>"));
  EXPECT_THAT(html, HasSubstr("<html lang=\"zh-CN\">"));
  EXPECT_THAT(html, HasSubstr("<meta charset=\"utf-8\">"));
  EXPECT_THAT(html, HasSubstr("@page { size: A4; margin: 15mm }"));
  EXPECT_THAT(html, HasSubstr("\"Noto Sans CJK SC\""));
  EXPECT_THAT(html, HasSubstr("\"WenQuanYi Zen Hei\""));
  EXPECT_THAT(html, HasSubstr("每日服务通知"));
  EXPECT_THAT(html, HasSubstr("2026年12月1日 星期二"));
  EXPECT_THAT(html, HasSubstr("当日无会议"));
  // Nothing is loaded from elsewhere: a printout needs only the document.
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("http")));
}

TEST(ReportRenderTest, DailyNoticeListsTheMeetingsInOrderWithTheirDetails) {
  v1::GetDailyServiceNoticeResponse notice;
  notice.mutable_date()->set_year(2026);
  notice.mutable_date()->set_month(12);
  notice.mutable_date()->set_day(1);
  *notice.add_meetings() = Meeting("上午的调度会", "市政府大楼 301会议室", 9);
  *notice.add_meetings() = Meeting("下午的座谈会", "市民服务中心 8楼视频会议室", 14);
  const std::string html = RenderDailyNotice(notice, CenterTimeZone());
  const size_t first = PositionOf(html, "上午的调度会");
  const size_t second = PositionOf(html, "下午的座谈会");
  EXPECT_LT(first, second);
  EXPECT_LT(PositionOf(html, "09:00–10:30"), PositionOf(html, "14:00–15:30"));
  EXPECT_LT(PositionOf(html, "市政府大楼 301会议室"), PositionOf(html, "8楼视频会议室"));
  EXPECT_THAT(html, HasSubstr("市发改委"));
  EXPECT_THAT(html, HasSubstr("张伟 0571-1234"));
  EXPECT_THAT(html, HasSubstr("茶水服务（已落实）"));
  EXPECT_THAT(html, HasSubstr("王丽（会议服务员）"));
  EXPECT_THAT(html, HasSubstr("1/2 人"));
  EXPECT_THAT(html, HasSubstr("矿泉水 (瓶) 20/20"));
  EXPECT_THAT(html, HasSubstr("已预留"));
  EXPECT_THAT(html, HasSubstr("未全部就绪"));
  EXPECT_THAT(html, HasSubstr("就绪：会议室、会前检查、物资、服务"));
  EXPECT_THAT(html,
              HasSubstr("安全核查：<span class=\"unknown\">未知</span>（安全服务 (safety) 不可用 "
                        "(UNAVAILABLE)）"));
  EXPECT_THAT(html, HasSubstr("缺 会议服务员 1 人"));
  EXPECT_THAT(html, HasSubstr("共 2 场会议"));
}

TEST(ReportRenderTest, DailyNoticeEscapesWhatUsersTyped) {
  v1::GetDailyServiceNoticeResponse notice;
  notice.mutable_date()->set_year(2026);
  notice.mutable_date()->set_month(12);
  notice.mutable_date()->set_day(1);
  v1::NoticeMeeting m = Meeting("<script>alert(1)</script>", "<b>room</b>", 9);
  m.set_organizer_unit("A&B \"unit\"");
  m.mutable_contact()->set_name("<img src=x onerror=alert(1)>");
  m.mutable_services(0)->set_notes("</td></tr></table>");
  m.mutable_readiness()->mutable_staffing()->mutable_staff(0)->set_display_name("<i>王</i>");
  m.mutable_readiness()->mutable_clearance()->set_detail("<script>peer</script>");
  *notice.add_meetings() = m;
  const std::string html = RenderDailyNotice(notice, CenterTimeZone());
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  EXPECT_THAT(html, Not(HasSubstr("<b>room")));
  EXPECT_THAT(html, Not(HasSubstr("<i>王")));
  EXPECT_THAT(html, Not(HasSubstr("</td></tr></table>")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, HasSubstr("A&amp;B &quot;unit&quot;"));
  EXPECT_THAT(html, HasSubstr("&lt;img src=x onerror=alert(1)&gt;"));
}

TEST(ReportRenderTest, WeeklyBriefHasEverySectionAndMarksUnknownOnes) {
  v1::GetWeeklyBriefResponse brief;
  brief.mutable_week_start()->set_year(2026);
  brief.mutable_week_start()->set_month(11);
  brief.mutable_week_start()->set_day(30);
  brief.set_meetings_held(3);
  brief.set_attendees_signed_in(41);
  brief.set_attendees_expected(50);
  v1::RoomUtilization* room = brief.add_rooms();
  room->set_room_display_name("市政府大楼 301会议室");
  room->set_meetings_held(3);
  room->set_held_hours(7.5);
  room->set_opening_hours(50);
  room->set_utilization(0.15);
  v1::WeeklyConsumptionLine* water = brief.mutable_consumption()->add_lines();
  water->set_item_display_name("矿泉水 (瓶)");
  water->set_consumed(36);
  water->set_planned(40);
  water->set_cost_fen(5400);
  brief.mutable_consumption()->set_total_cost_fen(5400);
  brief.mutable_hazards()->set_unknown(true);
  brief.mutable_hazards()->set_unknown_reason("安全服务 (safety) 不可用 (UNAVAILABLE)");
  brief.mutable_workload()->set_unknown(true);
  brief.mutable_workload()->set_unknown_reason("人员服务 (staffing) 未配置地址，无法查询");
  v1::NoShowMeeting* no_show = brief.add_no_shows();
  no_show->set_title("<b>空会</b>");
  *no_show->mutable_start_time() = At(2, 9);
  const std::string html = RenderWeeklyBrief(brief, CenterTimeZone());
  EXPECT_THAT(html, HasSubstr("@page { size: A4; margin: 15mm }"));
  EXPECT_THAT(html, HasSubstr("每周业务简报"));
  EXPECT_THAT(html, HasSubstr("2026年11月30日至2026年12月6日"));
  for (const char* section : {"一、会议概况", "二、会议室使用率", "三、物资消耗", "四、安全隐患",
                              "五、人员工作量", "六、无人签到会议"}) {
    EXPECT_THAT(html, HasSubstr(section));
  }
  EXPECT_THAT(html, HasSubstr("41 / 50"));
  EXPECT_THAT(html, HasSubstr("7.5"));
  EXPECT_THAT(html, HasSubstr("15%"));
  EXPECT_THAT(html, HasSubstr("54.00"));
  EXPECT_THAT(html, HasSubstr("未知：安全服务 (safety) 不可用 (UNAVAILABLE)"));
  EXPECT_THAT(html, HasSubstr("未知：人员服务 (staffing) 未配置地址"));
  EXPECT_THAT(html, HasSubstr("&lt;b&gt;空会&lt;/b&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("<b>空会")));
}

v1::SignInSheetLine* SheetLine(v1::GetSignInSheetResponse& sheet, const std::string& name,
                               const std::string& unit, bool vip) {
  v1::SignInSheetLine* line = sheet.add_lines();
  line->mutable_attendee()->set_name(name);
  line->mutable_attendee()->set_unit(unit);
  line->mutable_attendee()->set_vip(vip);
  return line;
}

// Occurrences of `needle` in `hay`.
int Count(const std::string& hay, const std::string& needle) {
  int n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

TEST(SignInSheetRenderTest, OneRowPerLineInOrderWithTimesAndABlankSignatureColumn) {
  v1::GetSignInSheetResponse sheet;
  sheet.set_title("全市<安全生产>工作会议");
  sheet.set_organizer_unit("市应急管理局 & 办公室");
  sheet.set_room_display_name("市政府大楼 301会议室");
  *sheet.mutable_start_time() = At(1, 14);
  *sheet.mutable_end_time() = At(1, 16, 30);
  *sheet.mutable_generate_time() = At(1, 13, 5);
  sheet.set_expected(3);
  sheet.set_signed_in(1);
  sheet.set_walk_ins(1);
  SheetLine(sheet, "李主任", "市政府办公厅", true);
  *SheetLine(sheet, "张科长", "\"市发改委\"", false)->mutable_sign_in_time() = At(1, 13, 42);
  SheetLine(sheet, "王处长", "市财政局", false)->mutable_attendee()->set_title("处长");
  v1::SignInSheetLine* walk_in = SheetLine(sheet, "<i>钱</i>", "日报社", false);
  walk_in->set_walk_in(true);
  *walk_in->mutable_sign_in_time() = At(1, 13, 58);

  const std::string html = RenderSignInSheet(sheet, CenterTimeZone());
  EXPECT_THAT(html, HasSubstr("<html lang=\"zh-CN\">"));
  EXPECT_THAT(html, HasSubstr("@page { size: A4; margin: 15mm }"));
  EXPECT_THAT(html, HasSubstr("<h1>会议签到表</h1>"));
  EXPECT_THAT(html, HasSubstr("2026年12月1日 星期二 14:00–16:30"));
  EXPECT_THAT(html, HasSubstr("市政府大楼 301会议室"));
  EXPECT_THAT(html, HasSubstr("3 / 1 人，现场登记 1 人"));
  EXPECT_THAT(html, HasSubstr("<th class=\"num\">序号</th><th>姓名</th><th>单位</th><th>职务</th>"
                              "<th>签到时间</th><th>签名</th>"));
  // Every line a row, numbered in order, each with an empty signature cell.
  EXPECT_EQ(Count(html, "<tr class=\"attendee\">"), 4);
  EXPECT_EQ(Count(html, "<td class=\"signature\"></td>"), 4);
  EXPECT_LT(PositionOf(html, "<td class=\"num\">1</td><td>李主任</td>"),
            PositionOf(html, "<td class=\"num\">2</td><td>张科长</td>"));
  EXPECT_LT(PositionOf(html, "<td class=\"num\">2</td><td>张科长</td>"),
            PositionOf(html, "<td class=\"num\">3</td><td>王处长</td>"));
  // Not signed in: a blank time; signed in: the local time.
  EXPECT_THAT(html, HasSubstr("<td>李主任</td><td>市政府办公厅</td><td></td><td></td>"));
  EXPECT_THAT(html, HasSubstr("<td>&quot;市发改委&quot;</td><td></td><td>13:42</td>"));
  EXPECT_THAT(html, HasSubstr("<td>市财政局</td><td>处长</td><td></td>"));
  // Whatever came from a user is escaped.
  EXPECT_THAT(html, HasSubstr("&lt;i&gt;钱&lt;/i&gt;<div class=\"small\">（现场登记）</div>"));
  EXPECT_THAT(html, HasSubstr("全市&lt;安全生产&gt;工作会议"));
  EXPECT_THAT(html, HasSubstr("市应急管理局 &amp; 办公室"));
  EXPECT_THAT(html, Not(HasSubstr("<i>钱")));
  EXPECT_THAT(html, Not(HasSubstr("<安全生产>")));
  EXPECT_THAT(html, HasSubstr("生成于 2026-12-01 13:05"));
}

TEST(SignInSheetRenderTest, AMeetingWithoutAListSaysSo) {
  v1::GetSignInSheetResponse sheet;
  sheet.set_title("临时会议");
  *sheet.mutable_start_time() = At(1, 14);
  *sheet.mutable_end_time() = At(1, 15);
  const std::string html = RenderSignInSheet(sheet, CenterTimeZone());
  EXPECT_THAT(html, HasSubstr("无参会人员名单"));
  EXPECT_EQ(Count(html, "<tr class=\"attendee\">"), 0);
  EXPECT_THAT(html, Not(HasSubstr("现场登记")));
}

}  // namespace
}  // namespace huiwu::booking::render
