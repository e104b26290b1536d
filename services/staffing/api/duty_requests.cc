#include "services/staffing/api/duty_requests.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/api/date.h"
#include "common/api/etag.h"
#include "common/api/field_checks.h"
#include "common/api/page_token.h"
#include "common/api/resource_name.h"
#include "common/api/timestamp.h"
#include "common/status/status_macros.h"
#include "common/time/center_zone.h"
#include "services/staffing/api/request_util.h"
#include "services/staffing/api/staff_requests.h"

namespace huiwu::staffing {
namespace {

constexpr char kMeetingPattern[] = "meetings/{meeting}";
constexpr char kRequirementPattern[] = "meetings/{meeting}/staffingRequirement";
constexpr char kAssignmentPattern[] = "meetings/{meeting}/assignments/{staff}";
constexpr char kRoomPattern[] = "buildings/{building}/rooms/{room}";
constexpr char kStaffPattern[] = "staff/{staff}";
constexpr int kMaxRoleCount = 100;
constexpr int64_t kMaxFineFen = 10'000'000;

}  // namespace

absl::StatusOr<std::string> ParseMeetingName(absl::string_view field, absl::string_view name) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids,
                   api::ParseResourceName(field, name, kMeetingPattern));
  return ids[0];
}

absl::StatusOr<AssignmentKey> ParseAssignmentName(absl::string_view field, absl::string_view name) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids,
                   api::ParseResourceName(field, name, kAssignmentPattern));
  return AssignmentKey{ids[0], ids[1]};
}

absl::StatusOr<StaffingRequirement> ParseSetStaffingRequirement(
    const v1::SetStaffingRequirementRequest& request) {
  api::FieldChecks checks;
  StaffingRequirement r;
  const v1::StaffingRequirement& p = request.requirement();
  r.meeting_id = OneId(checks, "requirement.meeting", p.meeting(), kMeetingPattern);
  auto start = checks.Time("requirement.start_time", p.has_start_time(), p.start_time());
  auto end = checks.Time("requirement.end_time", p.has_end_time(), p.end_time());
  if (start.has_value() && end.has_value()) {
    if (*end <= *start) {
      checks.Add("requirement.end_time", "must be after requirement.start_time");
    } else if (*end - *start > kLongestMeeting) {
      checks.Add("requirement.end_time", "at most 24 hours after requirement.start_time");
    }
  }
  auto room = api::ParseResourceName("requirement.room", p.room(), kRoomPattern);
  if (!room.ok()) {
    checks.AddFrom(room.status());
  } else {
    r.building_id = (*room)[0];
    r.room_id = (*room)[1];
  }
  checks.Int("requirement.participants", p.participants(), 1, kMaxParticipants);
  checks.Enum("requirement.kind", p.kind(), v1::MeetingKind_IsValid, /*allow_unspecified=*/false);
  checks.Int("requirement.arrive_before_minutes", p.arrive_before_minutes(), 0,
             kMaxDutyBufferMinutes);
  checks.Int("requirement.stay_after_minutes", p.stay_after_minutes(), 0, kMaxDutyBufferMinutes);
  for (int i = 0; i < p.role_counts_size(); ++i) {
    const std::string field = absl::StrCat("requirement.role_counts[", i, "]");
    std::optional<Role> role = RequiredRole(checks, field + ".role", p.role_counts(i).role());
    checks.Int(field + ".count", p.role_counts(i).count(), 0, kMaxRoleCount);
    if (role.has_value()) {
      if (r.overrides.count(*role) > 0) checks.Add(field + ".role", "given twice; once per role");
      r.overrides[*role] = p.role_counts(i).count();
    }
  }
  RETURN_IF_ERROR(checks.status());
  r.meeting = TimeWindow{*start, *end};
  r.participants = p.participants();
  r.kind = static_cast<MeetingKind>(p.kind());
  r.vip = p.vip();
  r.sound_used = p.sound_used();
  // 0 means "not given": the center's defaults (proto3 cannot tell 0 from unset).
  r.arrive_before_minutes =
      p.arrive_before_minutes() == 0 ? kDefaultArriveBeforeMinutes : p.arrive_before_minutes();
  r.stay_after_minutes =
      p.stay_after_minutes() == 0 ? kDefaultStayAfterMinutes : p.stay_after_minutes();
  return r;
}

absl::StatusOr<std::string> ParseRequirementName(const v1::GetStaffingRequirementRequest& request) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids,
                   api::ParseResourceName("name", request.name(), kRequirementPattern));
  return ids[0];
}

namespace {

AssignCommand ParseMeetingStaffRole(api::FieldChecks& checks, const std::string& meeting,
                                    const std::string& staff, int role) {
  AssignCommand command;
  command.key.meeting_id = OneId(checks, "meeting", meeting, kMeetingPattern);
  command.key.staff_id = OneId(checks, "staff", staff, kStaffPattern);
  command.role = OptionalRole(checks, "role", role);
  return command;
}

}  // namespace

absl::StatusOr<AssignCommand> ParseAssignStaff(const v1::AssignStaffRequest& request) {
  api::FieldChecks checks;
  AssignCommand command =
      ParseMeetingStaffRole(checks, request.meeting(), request.staff(), request.role());
  RETURN_IF_ERROR(checks.status());
  return command;
}

absl::StatusOr<AssignCommand> ParseExplainEligibility(
    const v1::ExplainEligibilityRequest& request) {
  api::FieldChecks checks;
  AssignCommand command =
      ParseMeetingStaffRole(checks, request.meeting(), request.staff(), request.role());
  RETURN_IF_ERROR(checks.status());
  return command;
}

absl::StatusOr<ListAssignmentsQuery> ParseListAssignments(
    const v1::ListAssignmentsRequest& request) {
  api::FieldChecks checks;
  ListAssignmentsQuery query;
  const std::string meeting = OneId(checks, "parent", request.parent(), kMeetingPattern, true);
  if (meeting != "-") query.meeting_id = meeting;
  if (!request.staff().empty()) {
    query.staff_id = OneId(checks, "staff", request.staff(), kStaffPattern);
  } else if (meeting == "-") {
    checks.Add("staff", "required with parent meetings/-; name the person");
  }
  query.page_size =
      checks.PageSize("page_size", request.page_size(), kDefaultPageSize, kMaxPageSize);
  RETURN_IF_ERROR(checks.status());
  query.filter_text = absl::StrCat("assignments|", request.parent(), "|", request.staff());
  ASSIGN_OR_RETURN(std::vector<std::string> after,
                   api::DecodePageToken("page_token", request.page_token(), query.filter_text, 2));
  if (!after.empty()) {
    int64_t micros = 0;
    if (!absl::SimpleAtoi(after[0], &micros)) {
      return InvalidFieldError("page_token", "not a token of this list; start without one");
    }
    query.after = TimeKey{absl::FromUnixMicros(micros), after[1]};
  }
  return query;
}

std::string NextAssignmentsPageToken(const ListAssignmentsQuery& query, const Assignment& last) {
  return api::EncodePageToken(query.filter_text,
                              {absl::StrCat(absl::ToUnixMicros(last.duty.start)),
                               absl::StrCat(last.meeting_id, "/", last.staff_id)});
}

absl::StatusOr<RecordDisciplineCommand> ParseRecordDiscipline(
    const v1::RecordDisciplineRequest& request) {
  api::FieldChecks checks;
  RecordDisciplineCommand command;
  command.record.staff_id = OneId(checks, "parent", request.parent(), kStaffPattern);
  const v1::DisciplineRecord& r = request.record();
  checks.Enum("record.kind", r.kind(), v1::DisciplineKind_IsValid, /*allow_unspecified=*/false);
  checks.Text("record.reason", r.reason(), 1, 500);
  checks.Text("record.recorder", r.recorder(), 1, 50);
  if (r.kind() == v1::DISCIPLINE_KIND_FINE) {
    checks.Int("record.fine_fen", r.fine_fen(), 1, kMaxFineFen);
  } else if (r.fine_fen() != 0) {
    checks.Add("record.fine_fen", "only a FINE has an amount; leave it 0");
  }
  checks.RequestId("request_id", request.request_id());
  RETURN_IF_ERROR(checks.status());
  command.record.kind = static_cast<DisciplineKind>(r.kind());
  command.record.reason = r.reason();
  command.record.recorder = r.recorder();
  command.record.fine_fen = r.fine_fen();
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<WorkloadQuery> ParseGetWorkload(const v1::GetWorkloadRequest& request) {
  api::FieldChecks checks;
  WorkloadQuery query;
  std::optional<absl::CivilDay> day;
  if (!request.has_week()) {
    checks.Add("week", "required; give any day of the week");
  } else {
    day = api::ParseDate(checks, "week", request.week());
  }
  checks.Text("section", request.section(), 0, 50);
  RETURN_IF_ERROR(checks.status());
  query.monday = CenterWeekStart(*day);
  query.section = request.section();
  return query;
}

void ToProto(const std::map<Role, int>& counts,
             google::protobuf::RepeatedPtrField<v1::RoleCount>* out) {
  for (const auto& [role, count] : counts) {
    v1::RoleCount* c = out->Add();
    c->set_role(static_cast<v1::Role>(role));
    c->set_count(count);
  }
}

void ToProto(const StaffingRequirement& r, v1::StaffingRequirement* out) {
  out->set_name(absl::StrCat("meetings/", r.meeting_id, "/staffingRequirement"));
  out->set_meeting(absl::StrCat("meetings/", r.meeting_id));
  *out->mutable_start_time() = api::ToTimestamp(r.meeting.start);
  *out->mutable_end_time() = api::ToTimestamp(r.meeting.end);
  out->set_room(absl::StrCat("buildings/", r.building_id, "/rooms/", r.room_id));
  out->set_participants(r.participants);
  out->set_kind(static_cast<v1::MeetingKind>(r.kind));
  out->set_vip(r.vip);
  out->set_sound_used(r.sound_used);
  out->set_arrive_before_minutes(r.arrive_before_minutes);
  out->set_stay_after_minutes(r.stay_after_minutes);
  ToProto(RoleCounts(r), out->mutable_role_counts());
  *out->mutable_report_time() = api::ToTimestamp(r.Duty().start);
  *out->mutable_release_time() = api::ToTimestamp(r.Duty().end);
  out->set_etag(api::EtagOf(r.version));
  out->set_state(static_cast<v1::StaffingRequirementState>(r.state));
}

void ToProto(const Assignment& a, v1::Assignment* out) {
  out->set_name(absl::StrCat("meetings/", a.meeting_id, "/assignments/", a.staff_id));
  out->set_staff(absl::StrCat("staff/", a.staff_id));
  out->set_staff_display_name(a.staff_display_name);
  out->set_role(static_cast<v1::Role>(a.role));
  *out->mutable_start_time() = api::ToTimestamp(a.duty.start);
  *out->mutable_end_time() = api::ToTimestamp(a.duty.end);
  if (a.checked_in()) *out->mutable_check_in_time() = api::ToTimestamp(a.check_in_time);
  out->set_late(a.late);
}

void ToProto(const IneligibilityReason& reason, v1::Ineligibility* out) {
  out->set_reason(static_cast<v1::IneligibilityReason>(reason.reason));
  switch (reason.reason) {
    case Ineligible::kOnLeave:
      out->set_detail(reason.detail);  // the leave's id
      break;
    case Ineligible::kAlreadyAssigned:
      out->set_detail(absl::StrCat("meetings/", reason.detail));
      break;
    default:
      out->set_detail(reason.detail);
  }
}

void ToProto(const DisciplineRecord& record, v1::DisciplineRecord* out) {
  out->set_name(absl::StrCat("staff/", record.staff_id, "/disciplineRecords/", record.id));
  out->set_kind(static_cast<v1::DisciplineKind>(record.kind));
  out->set_reason(record.reason);
  out->set_recorder(record.recorder);
  out->set_fine_fen(record.fine_fen);
  *out->mutable_record_time() = api::ToTimestamp(record.record_time);
}

void ToProto(const Workload& workload, v1::GetWorkloadResponse* out) {
  for (const WorkloadLine& line : workload.staff) {
    v1::StaffWorkload* s = out->add_staff();
    s->set_staff(absl::StrCat("staff/", line.staff_id));
    s->set_display_name(line.display_name);
    s->set_section(line.section);
    s->set_assigned_hours(absl::ToDoubleHours(line.assigned));
    s->set_meetings(line.meetings);
    s->set_late_arrivals(line.late_arrivals);
  }
  for (const WorkloadLine& line : workload.sections) {
    v1::SectionWorkload* s = out->add_sections();
    s->set_section(line.section);
    s->set_assigned_hours(absl::ToDoubleHours(line.assigned));
    s->set_meetings(line.meetings);
    s->set_late_arrivals(line.late_arrivals);
  }
}

}  // namespace huiwu::staffing
