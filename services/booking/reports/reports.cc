#include "services/booking/reports/reports.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/api/timestamp.h"
#include "common/status/status_macros.h"
#include "common/time/center_zone.h"
#include "services/booking/domain/attendance.h"
#include "services/booking/domain/calendar.h"
#include "services/booking/domain/readiness.h"
#include "services/booking/domain/weekly_figures.h"
#include "services/booking/no_show_releaser.h"
#include "services/booking/peers/call_group.h"
#include "services/booking/render/report_html.h"
#include "services/booking/reports/feedback_report.h"
#include "services/booking/reports/readiness_builder.h"
#include "services/booking/store/meeting_rows.h"

namespace huiwu::booking {
namespace {

namespace iv1 = ::huiwu::inventory::v1;
namespace fv1 = ::huiwu::safety::v1;
namespace sv1 = ::huiwu::staffing::v1;

// The brief reads every hazard (opened and closed in the week need the old ones too),
// 200 a page, one page after the other within the deadline; beyond this many pages the
// hazard figures are reported unknown rather than wrong.
constexpr int kHazardPageSize = 200;
constexpr int kMaxHazardPages = 50;
// The brief lists the first overdue hazards by deadline; the count covers them all.
constexpr int kMaxOverdueListed = 20;
// Item names for the consumption table: one page of the catalogue.
constexpr int kItemsPage = 200;

std::string WithoutPrefix(const std::string& name, absl::string_view prefix) {
  if (absl::StartsWith(name, prefix)) return name.substr(prefix.size());
  return name;
}

common::v1::Date ToDate(absl::CivilDay day) {
  common::v1::Date date;
  date.set_year(static_cast<int>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return date;
}

std::string RoomName(const std::string& building_id, const std::string& room_id) {
  return absl::StrCat("buildings/", building_id, "/rooms/", room_id);
}

// The unknown reason of a brief section whose service gave no answer.
template <typename Reply>
std::string UnknownReason(PeerService service, const Reply& reply, absl::Duration deadline) {
  if (!reply.asked) {
    return UnknownVerdict(service, PeerFailure::kNotConfigured, deadline).detail;
  }
  return UnknownVerdict(service, FailureOf(reply.status), deadline,
                        reply.status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED
                            ? ""
                            : reply.status.error_message())
      .detail;
}

struct HazardScan {
  bool asked = false;
  grpc::Status status;
  std::vector<fv1::Hazard> hazards;
  int pages = 0;
  bool too_many = false;
};

struct BriefReplies {
  PeerReply<iv1::GetConsumptionReportResponse> consumption;
  PeerReply<iv1::ListItemsResponse> items;
  PeerReply<sv1::GetWorkloadResponse> workload;
  HazardScan hazards;
};

// Asks inventory, safety and staffing for the week's figures, all at once, each call
// with the absolute `deadline`.
void AskBrief(const peers::PeerClients& peers, TimeWindow week, absl::CivilDay monday,
              absl::Time deadline, BriefReplies& replies) {
  peers::CallGroup inventory(4);
  peers::CallGroup staffing(4);
  peers::CallGroup safety(4);
  if (peers.inventory != nullptr) {
    auto* stub = peers.inventory.get();
    iv1::GetConsumptionReportRequest consumption;
    *consumption.mutable_start_time() = api::ToTimestamp(week.start);
    *consumption.mutable_end_time() = api::ToTimestamp(week.end);
    replies.consumption.asked = true;
    peers::AddCall<iv1::GetConsumptionReportRequest, iv1::GetConsumptionReportResponse>(
        inventory, deadline,
        [stub](auto* context, auto* request, auto* response, auto callback) {
          stub->async()->GetConsumptionReport(context, request, response, std::move(callback));
        },
        std::move(consumption),
        [&replies](const grpc::Status& status, auto& response) {
          replies.consumption.status = status;
          replies.consumption.response = std::move(response);
        });
    iv1::ListItemsRequest items;
    items.set_page_size(kItemsPage);
    replies.items.asked = true;
    peers::AddCall<iv1::ListItemsRequest, iv1::ListItemsResponse>(
        inventory, deadline,
        [stub](auto* context, auto* request, auto* response, auto callback) {
          stub->async()->ListItems(context, request, response, std::move(callback));
        },
        std::move(items),
        [&replies](const grpc::Status& status, auto& response) {
          replies.items.status = status;
          replies.items.response = std::move(response);
        });
  }
  if (peers.staffing != nullptr) {
    auto* stub = peers.staffing.get();
    sv1::GetWorkloadRequest workload;
    *workload.mutable_week() = ToDate(monday);
    replies.workload.asked = true;
    peers::AddCall<sv1::GetWorkloadRequest, sv1::GetWorkloadResponse>(
        staffing, deadline,
        [stub](auto* context, auto* request, auto* response, auto callback) {
          stub->async()->GetWorkload(context, request, response, std::move(callback));
        },
        std::move(workload),
        [&replies](const grpc::Status& status, auto& response) {
          replies.workload.status = status;
          replies.workload.response = std::move(response);
        });
  }
  // Hazard pages follow each other: each page's completion asks for the next, so the
  // scan holds one call at a time and stays within the same deadline.
  std::function<void(std::string)> ask_page;
  if (peers.safety != nullptr) {
    auto* stub = peers.safety.get();
    HazardScan& scan = replies.hazards;
    scan.asked = true;
    ask_page = [&, stub](std::string page_token) {
      fv1::ListHazardsRequest request;
      request.set_page_size(kHazardPageSize);
      request.set_page_token(std::move(page_token));
      peers::AddCall<fv1::ListHazardsRequest, fv1::ListHazardsResponse>(
          safety, deadline,
          [stub](auto* context, auto* request, auto* response, auto callback) {
            stub->async()->ListHazards(context, request, response, std::move(callback));
          },
          std::move(request),
          [&](const grpc::Status& status, auto& response) {
            if (!status.ok()) {
              scan.status = status;
              return;
            }
            for (fv1::Hazard& hazard : *response.mutable_hazards()) {
              scan.hazards.push_back(std::move(hazard));
            }
            if (response.next_page_token().empty()) return;
            if (++scan.pages >= kMaxHazardPages) {
              scan.too_many = true;
              return;
            }
            ask_page(response.next_page_token());
          });
    };
    ask_page("");
  }
  inventory.Wait();
  staffing.Wait();
  safety.Wait();
}

void FillConsumption(const BriefReplies& replies, absl::Duration deadline,
                     v1::WeeklyConsumption* out) {
  const auto& reply = replies.consumption;
  if (!reply.asked || !reply.status.ok()) {
    out->set_unknown(true);
    out->set_unknown_reason(UnknownReason(PeerService::kInventory, reply, deadline));
    return;
  }
  // Names are a courtesy: without them the lines show the item ids.
  std::map<std::string, std::string> labels;
  if (replies.items.asked && replies.items.status.ok()) {
    for (const iv1::Item& item : replies.items.response.items()) {
      labels[item.name()] = absl::StrCat(item.display_name(), " (", item.unit(), ")");
    }
  }
  const iv1::GetConsumptionReportResponse& report = reply.response;
  out->set_meeting_count(report.meeting_count());
  out->set_participant_count(report.participant_count());
  out->set_total_cost_fen(report.total_cost_fen());
  for (const iv1::ConsumptionLine& line : report.lines()) {
    v1::WeeklyConsumptionLine* row = out->add_lines();
    row->set_item(line.item());
    auto label = labels.find(line.item());
    if (label != labels.end()) row->set_item_display_name(label->second);
    row->set_consumed(line.consumed());
    row->set_planned(line.planned());
    row->set_cost_fen(line.cost_fen());
  }
}

void FillHazards(const HazardScan& scan, TimeWindow week, absl::Time now, absl::Duration deadline,
                 v1::WeeklyHazards* out) {
  if (!scan.asked || !scan.status.ok()) {
    out->set_unknown(true);
    out->set_unknown_reason(UnknownReason(PeerService::kSafety, scan, deadline));
    return;
  }
  if (scan.too_many) {
    out->set_unknown(true);
    out->set_unknown_reason(absl::StrCat("安全服务 (safety) 隐患超过 ",
                                         kMaxHazardPages * kHazardPageSize, " 项，未能统计"));
    return;
  }
  std::vector<HazardFact> facts;
  facts.reserve(scan.hazards.size());
  for (const fv1::Hazard& hazard : scan.hazards) {
    const fv1::HazardState state = hazard.state();
    facts.push_back(
        HazardFact{api::FromTimestamp(hazard.create_time()),
                   api::FromTimestamp(hazard.update_time()), api::FromTimestamp(hazard.deadline()),
                   state != fv1::HAZARD_STATE_RESOLVED && state != fv1::HAZARD_STATE_VERIFIED,
                   state == fv1::HAZARD_STATE_VERIFIED});
  }
  const HazardTally tally = TallyHazards(facts, week, now);
  out->set_opened(tally.opened);
  out->set_closed(tally.closed);
  out->set_overdue(tally.overdue);
  const absl::Time as_of = OverdueAsOf(week, now);
  std::vector<size_t> overdue;
  for (size_t i = 0; i < facts.size(); ++i) {
    if (IsOverdue(facts[i], as_of)) overdue.push_back(i);
  }
  std::stable_sort(overdue.begin(), overdue.end(),
                   [&](size_t a, size_t b) { return facts[a].deadline < facts[b].deadline; });
  if (overdue.size() > kMaxOverdueListed) overdue.resize(kMaxOverdueListed);
  for (size_t i : overdue) {
    const fv1::Hazard& hazard = scan.hazards[i];
    v1::OverdueHazard* row = out->add_overdue_hazards();
    row->set_hazard(hazard.name());
    row->set_place(hazard.place());
    row->set_severity(
        WithoutPrefix(fv1::HazardSeverity_Name(hazard.severity()), "HAZARD_SEVERITY_"));
    row->set_description(hazard.description());
    *row->mutable_deadline() = hazard.deadline();
    row->set_escalation_level(
        WithoutPrefix(fv1::EscalationLevel_Name(hazard.escalation_level()), "ESCALATION_LEVEL_"));
  }
}

void FillWorkload(const BriefReplies& replies, absl::Duration deadline, v1::WeeklyWorkload* out) {
  const auto& reply = replies.workload;
  if (!reply.asked || !reply.status.ok()) {
    out->set_unknown(true);
    out->set_unknown_reason(UnknownReason(PeerService::kStaffing, reply, deadline));
    return;
  }
  for (const sv1::StaffWorkload& person : reply.response.staff()) {
    v1::StaffWorkloadRow* row = out->add_staff();
    row->set_staff(person.staff());
    row->set_display_name(person.display_name());
    row->set_section(person.section());
    row->set_assigned_hours(person.assigned_hours());
    row->set_meetings(person.meetings());
    row->set_late_arrivals(person.late_arrivals());
  }
}

}  // namespace

absl::Time Reports::PeerDeadline() const { return absl::Now() + peers_.deadline; }

absl::StatusOr<v1::MeetingReadiness> Reports::GetMeetingReadiness(
    absl::string_view meeting_id, absl::string_view organizer_scope) {
  ASSIGN_OR_RETURN(ReportMeeting meeting,
                   store_.GetReportMeeting(meeting_id, kNoShowActor, organizer_scope));
  const std::vector<ReadinessReplies> replies =
      AskReadiness(peers_, {&meeting.meeting}, PeerDeadline());
  return BuildReadiness(meeting, replies.front(), peers_, clock_.Now());
}

absl::Status Reports::GetDailyServiceNotice(absl::CivilDay day,
                                            const api::ConfidentialViewer& viewer,
                                            v1::GetDailyServiceNoticeResponse* out) {
  const absl::TimeZone zone = CenterTimeZone();
  ASSIGN_OR_RETURN(
      std::vector<ReportMeeting> meetings,
      store_.ListHoldingMeetings(DayWindow(day, zone), kMaxNoticeMeetings + 1, kNoShowActor));
  if (static_cast<int>(meetings.size()) > kMaxNoticeMeetings) {
    meetings.resize(kMaxNoticeMeetings);
    out->set_truncated(true);
  }
  std::vector<const Meeting*> asked;
  asked.reserve(meetings.size());
  for (const ReportMeeting& m : meetings) asked.push_back(&m.meeting);
  const std::vector<ReadinessReplies> replies = AskReadiness(peers_, asked, PeerDeadline());
  const absl::Time now = clock_.Now();

  *out->mutable_date() = ToDate(day);
  *out->mutable_generate_time() = api::ToTimestamp(now);
  for (size_t i = 0; i < meetings.size(); ++i) {
    const ReportMeeting& report = meetings[i];
    const Meeting& m = report.meeting;
    v1::NoticeMeeting* entry = out->add_meetings();
    entry->set_meeting(MeetingName(m.id));
    entry->set_title(m.title);
    entry->set_state(static_cast<v1::MeetingState>(NumberOf(m.state)));
    *entry->mutable_start_time() = api::ToTimestamp(m.window.start);
    *entry->mutable_end_time() = api::ToTimestamp(m.window.end);
    if (m.has_room()) entry->set_room(RoomName(m.building_id, m.room_id));
    entry->set_room_display_name(report.room_display_name);
    entry->set_organizer_unit(m.organizer_unit);
    entry->mutable_contact()->set_name(m.contact_name);
    entry->mutable_contact()->set_phone(m.contact_phone);
    entry->set_expected_participants(m.expected_participants);
    entry->set_listed_attendees(report.listed_attendees);
    AddServiceProgress(report, entry->mutable_services());
    *entry->mutable_readiness() = BuildReadiness(report, replies[i], peers_, now);
    entry->set_confidential(m.confidential);
  }
  // Before rendering: the printed notice is read by everyone on duty (保密会议).
  api::MaskConfidential(*out, viewer);
  out->set_rendered_html(render::RenderDailyNotice(*out, zone));
  return absl::OkStatus();
}

absl::Status Reports::GetSignInSheet(absl::string_view meeting_id,
                                     absl::string_view organizer_scope,
                                     const api::ConfidentialViewer& viewer,
                                     v1::GetSignInSheetResponse* out) {
  ASSIGN_OR_RETURN(SignInSheetData data, store_.GetSignInSheet(meeting_id, organizer_scope));
  const Meeting& m = data.meeting;
  out->set_meeting(MeetingName(m.id));
  // The sheet lies on the desk at the door: a confidential meeting's title stays off it
  // unless the caller may see it; its attendees are on it, since they sign it.
  out->set_title(api::TitleFor(viewer, m.confidential, m.organizer_unit, m.title));
  out->set_organizer_unit(m.organizer_unit);
  *out->mutable_start_time() = api::ToTimestamp(m.window.start);
  *out->mutable_end_time() = api::ToTimestamp(m.window.end);
  out->set_room_display_name(data.room_display_name);
  for (const SignInSheetLine& line : ArrangeSignInSheet(m.attendees, data.sign_ins)) {
    v1::SignInSheetLine* entry = out->add_lines();
    v1::Attendee* attendee = entry->mutable_attendee();
    attendee->set_id(line.attendee.id);
    attendee->set_name(line.attendee.name);
    attendee->set_unit(line.attendee.unit);
    attendee->set_title(line.attendee.title);
    attendee->set_vip(line.attendee.vip);
    attendee->set_protocol_rank(line.attendee.protocol_rank);
    entry->set_walk_in(line.walk_in);
    if (line.sign_in_time.has_value()) {
      *entry->mutable_sign_in_time() = api::ToTimestamp(*line.sign_in_time);
    }
  }
  std::vector<std::string> expected;
  std::set<std::string> signed_in;
  for (const Attendee& a : m.attendees) expected.push_back(a.id);
  for (const SignInRecord& record : data.sign_ins) signed_in.insert(record.attendee_id);
  const AttendanceFigures figures = ComputeAttendance(expected, signed_in, /*walk_ins=*/0);
  out->set_expected(figures.expected);
  out->set_signed_in(figures.signed_in);
  out->set_walk_ins(figures.walk_ins);
  *out->mutable_generate_time() = api::ToTimestamp(clock_.Now());
  out->set_rendered_html(render::RenderSignInSheet(*out, CenterTimeZone()));
  return absl::OkStatus();
}

absl::Status Reports::GetWeeklyBrief(absl::CivilDay any_day, const api::ConfidentialViewer& viewer,
                                     v1::GetWeeklyBriefResponse* out) {
  const absl::TimeZone zone = CenterTimeZone();
  const absl::CivilDay monday = CenterWeekStart(any_day);
  const TimeWindow week = WeekWindow(monday, zone);
  ASSIGN_OR_RETURN(std::vector<ReportRoom> rooms, store_.ListReportRooms());
  ASSIGN_OR_RETURN(std::vector<ReportMeeting> meetings,
                   store_.ListAllMeetings(week, kMaxBriefMeetings, kNoShowActor));
  BriefReplies replies;
  AskBrief(peers_, week, monday, PeerDeadline(), replies);
  const absl::Time now = clock_.Now();

  *out->mutable_week_start() = ToDate(monday);
  *out->mutable_generate_time() = api::ToTimestamp(now);
  struct RoomFigures {
    int held = 0;
    double hours = 0;
  };
  std::map<std::string, RoomFigures> by_room;
  int held = 0;
  int cancelled = 0;
  int signed_in = 0;
  int expected = 0;
  for (const ReportMeeting& report : meetings) {
    const Meeting& m = report.meeting;
    if (m.state == MeetingState::kCancelled) ++cancelled;
    if (report.released_as_no_show) {
      v1::NoShowMeeting* no_show = out->add_no_shows();
      no_show->set_meeting(MeetingName(m.id));
      no_show->set_title(m.title);
      no_show->set_organizer_unit(m.organizer_unit);
      if (m.has_room()) no_show->set_room(RoomName(m.building_id, m.room_id));
      no_show->set_room_display_name(report.room_display_name);
      *no_show->mutable_start_time() = api::ToTimestamp(m.window.start);
      no_show->set_confidential(m.confidential);
    }
    if (!WasHeld(m.state)) continue;
    ++held;
    signed_in += report.signed_in;
    expected += m.expected_participants;
    if (m.has_room()) {
      RoomFigures& figures = by_room[RoomName(m.building_id, m.room_id)];
      ++figures.held;
      figures.hours += HeldHoursWithin(m.window, week);
    }
  }
  out->set_meetings_held(held);
  out->set_meetings_cancelled(cancelled);
  out->set_attendees_signed_in(signed_in);
  out->set_attendees_expected(expected);
  const double opening = OpeningHoursPerWeek();
  for (const ReportRoom& room : rooms) {
    const std::string name = RoomName(room.building_id, room.room_id);
    const RoomFigures figures = by_room[name];
    v1::RoomUtilization* row = out->add_rooms();
    row->set_room(name);
    row->set_room_display_name(room.display_name);
    row->set_meetings_held(figures.held);
    row->set_held_hours(figures.hours);
    row->set_opening_hours(opening);
    row->set_utilization(Utilization(figures.hours, opening));
  }
  FillConsumption(replies, peers_.deadline, out->mutable_consumption());
  FillHazards(replies.hazards, week, now, peers_.deadline, out->mutable_hazards());
  FillWorkload(replies, peers_.deadline, out->mutable_workload());
  RETURN_IF_ERROR(FillFeedbackFigures(feedback_, rooms, week, out->mutable_feedback()));
  // Before rendering, as the daily notice.
  api::MaskConfidential(*out, viewer);
  out->set_rendered_html(render::RenderWeeklyBrief(*out, zone));
  return absl::OkStatus();
}

absl::StatusOr<v1::ServiceProgress> Reports::RecordServiceDone(absl::string_view meeting_id,
                                                               int kind, absl::string_view actor) {
  ASSIGN_OR_RETURN(ServiceDone done,
                   store_.RecordServiceDone(meeting_id, kind, actor, clock_.Now()));
  // The answer shows the service as ordered, with its progress.
  ASSIGN_OR_RETURN(ReportMeeting meeting, store_.GetReportMeeting(meeting_id, kNoShowActor));
  google::protobuf::RepeatedPtrField<v1::ServiceProgress> services;
  AddServiceProgress(meeting, &services);
  for (const v1::ServiceProgress& service : services) {
    if (service.kind() == kind) return service;
  }
  // Taken off the order since (a concurrent update): report the record alone.
  v1::ServiceProgress progress;
  progress.set_kind(static_cast<v1::ServiceKind>(kind));
  progress.set_done(true);
  *progress.mutable_done_time() = api::ToTimestamp(done.time);
  progress.set_done_by(done.by);
  return progress;
}

}  // namespace huiwu::booking
