#include "services/safety/api/facility_requests.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/api/date.h"
#include "common/api/resource_name.h"
#include "common/api/timestamp.h"
#include "common/status/status_macros.h"
#include "services/safety/api/names.h"

namespace huiwu::safety {
namespace {

constexpr int kMaxNote = 1000;
constexpr int kMaxTitle = 100;
constexpr int kMaxContent = 5000;
constexpr int kMaxFindings = 2000;
constexpr int kMaxParticipants = 500;
// A clearance window is one meeting or one event: a month is plenty, and a bound keeps
// a typo (a year) from being read as a question.
constexpr absl::Duration kMaxWindow = absl::Hours(31 * 24);

}  // namespace

absl::StatusOr<CreateDisinfectionCommand> ParseCreateDisinfection(
    const v1::CreateDisinfectionTaskRequest& request) {
  api::FieldChecks checks;
  checks.RequestId("request_id", request.request_id());
  if (!request.has_disinfection_task()) {
    checks.Add("disinfection_task", "required");
    return checks.status();
  }
  const v1::DisinfectionTask& t = request.disinfection_task();
  CreateDisinfectionCommand command;
  auto meeting = ParseId("disinfection_task.meeting", t.meeting(), "meetings");
  if (meeting.ok()) command.task.meeting_id = *meeting;
  checks.AddFrom(meeting.status());
  auto room = ParseRoom("disinfection_task.room", t.room());
  if (room.ok()) command.task.room = *room;
  checks.AddFrom(room.status());
  auto end = checks.Time("disinfection_task.meeting_end_time", t.has_meeting_end_time(),
                         t.meeting_end_time());
  if (end.has_value()) command.task.meeting_end_time = *end;
  RETURN_IF_ERROR(checks.status());
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<CompleteDisinfectionCommand> ParseCompleteDisinfection(
    const v1::CompleteDisinfectionRequest& request) {
  api::FieldChecks checks;
  CompleteDisinfectionCommand command;
  auto id = ParseId("name", request.name(), "disinfectionTasks");
  if (id.ok()) command.task_id = *id;
  checks.AddFrom(id.status());
  command.done.performer = CheckStaff(checks, "performer", request.performer());
  checks.Enum("method", request.method(), v1::DisinfectionMethod_IsValid, false);
  command.done.method = static_cast<DisinfectionMethod>(request.method());
  if (request.has_complete_time()) {
    auto when = checks.Time("complete_time", true, request.complete_time());
    if (when.has_value()) command.done.complete_time = *when;
    command.time_given = true;
  }
  checks.Text("note", request.note(), 0, kMaxNote);
  command.done.note = request.note();
  RETURN_IF_ERROR(checks.status());
  return command;
}

absl::StatusOr<ClearanceQuery> ParseCheckClearance(const v1::CheckRoomClearanceRequest& request) {
  api::FieldChecks checks;
  ClearanceQuery query;
  auto room = ParseRoom("room", request.room());
  if (room.ok()) query.room = *room;
  checks.AddFrom(room.status());
  auto start = checks.Time("start_time", request.has_start_time(), request.start_time());
  auto end = checks.Time("end_time", request.has_end_time(), request.end_time());
  if (start.has_value() && end.has_value()) {
    if (*end <= *start) {
      checks.Add("end_time", "must be after start_time");
    } else if (*end - *start > kMaxWindow) {
      checks.Add("end_time", "the window may span at most 31 days; ask per meeting");
    }
    query.start = *start;
    query.end = *end;
  }
  RETURN_IF_ERROR(checks.status());
  return query;
}

absl::StatusOr<CreatePlanCommand> ParseCreatePlan(const v1::CreateEmergencyPlanRequest& request) {
  api::FieldChecks checks;
  CreatePlanCommand command;
  auto building = ParseId("parent", request.parent(), "buildings");
  if (building.ok()) command.plan.building_id = *building;
  checks.AddFrom(building.status());
  checks.ResourceId("emergency_plan_id", request.emergency_plan_id());
  checks.RequestId("request_id", request.request_id());
  if (!request.has_emergency_plan()) {
    checks.Add("emergency_plan", "required");
    return checks.status();
  }
  const v1::EmergencyPlan& p = request.emergency_plan();
  checks.Text("emergency_plan.title", p.title(), 1, kMaxTitle);
  checks.Enum("emergency_plan.kind", p.kind(), v1::EmergencyKind_IsValid, false);
  checks.Text("emergency_plan.content", p.content(), 1, kMaxContent);
  command.plan.responsible = CheckStaff(checks, "emergency_plan.responsible", p.responsible());
  RETURN_IF_ERROR(checks.status());
  command.plan.plan_id = request.emergency_plan_id();
  command.plan.title = p.title();
  command.plan.kind = static_cast<EmergencyKind>(p.kind());
  command.plan.content = p.content();
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<RecordDrillCommand> ParseRecordDrill(const v1::RecordDrillRequest& request) {
  api::FieldChecks checks;
  RecordDrillCommand command;
  auto plan = api::ParseResourceName("parent", request.parent(),
                                     "buildings/{building}/emergencyPlans/{plan}");
  if (plan.ok()) {
    command.drill.building_id = (*plan)[0];
    command.drill.plan_id = (*plan)[1];
  }
  checks.AddFrom(plan.status());
  checks.RequestId("request_id", request.request_id());
  if (!request.has_drill()) {
    checks.Add("drill", "required");
    return checks.status();
  }
  const v1::Drill& d = request.drill();
  if (!d.has_drill_date()) {
    checks.Add("drill.drill_date", "required");
  } else if (auto day = api::ParseDate(checks, "drill.drill_date", d.drill_date())) {
    command.drill.date = *day;
  }
  if (d.participants().empty() || d.participants_size() > kMaxParticipants) {
    checks.Add("drill.participants", "1–500 staff names are required");
  }
  std::set<std::string> seen;
  for (int i = 0; i < d.participants_size() && i < kMaxParticipants; ++i) {
    const std::string field = absl::StrCat("drill.participants[", i, "]");
    command.drill.participants.push_back(CheckStaff(checks, field, d.participants(i)));
    if (!seen.insert(d.participants(i)).second) checks.Add(field, "listed twice; list each once");
  }
  checks.Text("drill.findings", d.findings(), 0, kMaxFindings);
  command.drill.findings = d.findings();
  RETURN_IF_ERROR(checks.status());
  command.request_id = request.request_id();
  return command;
}

void ToProto(const DisinfectionTask& t, v1::DisinfectionTask* out) {
  out->set_name(absl::StrCat("disinfectionTasks/", t.id));
  out->set_meeting(absl::StrCat("meetings/", t.meeting_id));
  out->set_room(PlaceName(t.room));
  *out->mutable_meeting_end_time() = api::ToTimestamp(t.meeting_end_time);
  out->set_completed(t.completed);
  if (t.completed) {
    out->set_performer(t.performer);
    out->set_method(static_cast<v1::DisinfectionMethod>(t.method));
    *out->mutable_complete_time() = api::ToTimestamp(t.complete_time);
    out->set_note(t.note);
  }
  *out->mutable_create_time() = api::ToTimestamp(t.create_time);
}

void ToProto(const Clearance& clearance, v1::CheckRoomClearanceResponse* out) {
  out->set_clear(clearance.blocks.empty());
  for (const ClearanceBlock& b : clearance.blocks) {
    v1::ClearanceBlock* block = out->add_blocks();
    block->set_reason(static_cast<v1::ClearanceBlockReason>(b.reason));
    block->set_resource(b.resource);
    block->set_description(b.description);
  }
  if (!clearance.pre_meeting_inspection_id.empty()) {
    out->set_pre_meeting_inspection_done(true);
    out->set_pre_meeting_inspection(
        absl::StrCat("inspections/", clearance.pre_meeting_inspection_id));
  }
}

void ToProto(const EmergencyPlan& p, v1::EmergencyPlan* out) {
  out->set_name(absl::StrCat("buildings/", p.building_id, "/emergencyPlans/", p.plan_id));
  out->set_title(p.title);
  out->set_kind(static_cast<v1::EmergencyKind>(p.kind));
  out->set_content(p.content);
  out->set_responsible(p.responsible);
  *out->mutable_create_time() = api::ToTimestamp(p.create_time);
}

void ToProto(const Drill& d, v1::Drill* out) {
  out->set_name(absl::StrCat("buildings/", d.building_id, "/emergencyPlans/", d.plan_id, "/drills/",
                             d.drill_id));
  out->mutable_drill_date()->set_year(static_cast<int32_t>(d.date.year()));
  out->mutable_drill_date()->set_month(d.date.month());
  out->mutable_drill_date()->set_day(d.date.day());
  for (const std::string& p : d.participants) out->add_participants(p);
  out->set_findings(d.findings);
  *out->mutable_create_time() = api::ToTimestamp(d.create_time);
}

}  // namespace huiwu::safety
