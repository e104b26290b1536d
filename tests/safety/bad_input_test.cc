// Every class of bad input to the safety API gets INVALID_ARGUMENT naming the field
// (google.rpc.BadRequest and the message), and writes nothing.
#include "tests/support/bad_input.h"

#include <functional>
#include <string>
#include <vector>

#include "common/api/timestamp.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/safety/safety_test_util.h"
#include "tests/support/safety_fixture.h"

namespace huiwu::testing {
namespace {

using Stub = sv1::SafetyService::Stub;

// Adds a case: `good` spoiled by `spoil` must be refused naming `field`.
template <typename Request, typename Response>
void Add(std::vector<BadInputFor<Stub>>& cases, const Request& good,
         grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
         std::string what, std::string field, std::function<void(Request&)> spoil) {
  Request request = good;
  spoil(request);
  cases.push_back(Case(std::move(what), std::move(field), method, request));
}

const std::vector<std::string> kTables = {
    "checklist_templates", "checklist_revisions", "checklist_items",    "inspection_schedules",
    "inspection_tasks",    "inspections",         "inspection_answers", "hazards",
    "hazard_escalations",  "disinfection_tasks",  "emergency_plans",    "drills",
    "idempotency_keys"};

class SafetyBadInputTest : public SafetyFixture {};

TEST_F(SafetyBadInputTest, EachBadFieldIsNamedAndNothingIsWritten) {
  ASSERT_TRUE(CreatePatrolTemplate(*stub_).ok());
  const sv1::Hazard hazard = Report(*stub_, SampleHazard(kRoom301, sv1::HAZARD_SEVERITY_HIGH));
  std::vector<BadInputFor<Stub>> cases;

  sv1::CreateChecklistTemplateRequest tmpl;
  tmpl.set_checklist_template_id("post-meeting");
  *tmpl.mutable_checklist_template() = PatrolTemplate();
  const auto create_template = &Stub::CreateChecklistTemplate;
  Add<sv1::CreateChecklistTemplateRequest>(cases, tmpl, create_template, "upper-case id",
                                           "checklist_template_id",
                                           [](auto& r) { r.set_checklist_template_id("Post"); });
  Add<sv1::CreateChecklistTemplateRequest>(
      cases, tmpl, create_template, "no items", "checklist_template.items",
      [](auto& r) { r.mutable_checklist_template()->clear_items(); });
  Add<sv1::CreateChecklistTemplateRequest>(
      cases, tmpl, create_template, "duplicate item", "checklist_template.items[1].item_id",
      [](auto& r) {
        r.mutable_checklist_template()->mutable_items(1)->set_item_id("exits-clear");
      });
  Add<sv1::CreateChecklistTemplateRequest>(
      cases, tmpl, create_template, "reversed bounds", "checklist_template.items[1].max_value",
      [](auto& r) { r.mutable_checklist_template()->mutable_items(1)->set_max_value(0.5); });
  Add<sv1::CreateChecklistTemplateRequest>(
      cases, tmpl, create_template, "pass/fail without severity",
      "checklist_template.items[0].failure_severity",
      [](auto& r) { r.mutable_checklist_template()->mutable_items(0)->clear_failure_severity(); });
  Add<sv1::CreateChecklistTemplateRequest>(
      cases, tmpl, create_template, "unknown kind", "checklist_template.items[2].kind",
      [](auto& r) {
        r.mutable_checklist_template()->mutable_items(2)->set_kind(
            static_cast<sv1::ChecklistItemKind>(42));
      });
  Add<sv1::CreateChecklistTemplateRequest>(
      cases, tmpl, create_template, "oversized display name", "checklist_template.display_name",
      [](auto& r) { r.mutable_checklist_template()->set_display_name(std::string(101, 'x')); });

  sv1::CreateInspectionScheduleRequest schedule;
  {
    sv1::InspectionSchedule* s = schedule.mutable_inspection_schedule();
    s->set_display_name("巡查");
    s->set_checklist_template(kPatrolTemplate);
    s->set_place(kAuditorium);
    s->set_frequency(sv1::INSPECTION_FREQUENCY_EVERY_TWO_HOURS);
    *s->mutable_first_time() = api::ToTimestamp(clock_.Now());
    s->set_active_start_hour(8);
    s->set_active_end_hour(18);
  }
  const auto create_schedule = &Stub::CreateInspectionSchedule;
  Add<sv1::CreateInspectionScheduleRequest>(
      cases, schedule, create_schedule, "bad place", "inspection_schedule.place",
      [](auto& r) { r.mutable_inspection_schedule()->set_place("rooms/301"); });
  Add<sv1::CreateInspectionScheduleRequest>(
      cases, schedule, create_schedule, "no frequency", "inspection_schedule.frequency",
      [](auto& r) { r.mutable_inspection_schedule()->clear_frequency(); });
  Add<sv1::CreateInspectionScheduleRequest>(
      cases, schedule, create_schedule, "no first time", "inspection_schedule.first_time",
      [](auto& r) { r.mutable_inspection_schedule()->clear_first_time(); });
  Add<sv1::CreateInspectionScheduleRequest>(
      cases, schedule, create_schedule, "reversed hours", "inspection_schedule.active_end_hour",
      [](auto& r) { r.mutable_inspection_schedule()->set_active_end_hour(6); });
  Add<sv1::CreateInspectionScheduleRequest>(
      cases, schedule, create_schedule, "hour 25", "inspection_schedule.active_end_hour",
      [](auto& r) { r.mutable_inspection_schedule()->set_active_end_hour(25); });
  Add<sv1::CreateInspectionScheduleRequest>(
      cases, schedule, create_schedule, "bad template name",
      "inspection_schedule.checklist_template",
      [](auto& r) { r.mutable_inspection_schedule()->set_checklist_template("daily"); });

  sv1::SubmitInspectionRequest submit;
  {
    sv1::Inspection* in = submit.mutable_inspection();
    in->set_checklist_template(kPatrolTemplate);
    in->set_place(kRoom301);
    in->set_inspector("staff/f-021");
    in->set_supervisor("staff/s-001");
    in->add_answers()->set_item_id("exits-clear");
    in->mutable_answers(0)->set_passed(false);
  }
  const auto submit_inspection = &Stub::SubmitInspection;
  Add<sv1::SubmitInspectionRequest>(
      cases, submit, submit_inspection, "self-signed", "inspection.supervisor",
      [](auto& r) { r.mutable_inspection()->set_supervisor("staff/f-021"); });
  Add<sv1::SubmitInspectionRequest>(cases, submit, submit_inspection, "no inspector",
                                    "inspection.inspector",
                                    [](auto& r) { r.mutable_inspection()->clear_inspector(); });
  Add<sv1::SubmitInspectionRequest>(
      cases, submit, submit_inspection, "answer without value", "inspection.answers[0]",
      [](auto& r) { r.mutable_inspection()->mutable_answers(0)->clear_passed(); });
  Add<sv1::SubmitInspectionRequest>(cases, submit, submit_inspection, "bad inspection id",
                                    "inspection_id",
                                    [](auto& r) { r.set_inspection_id("x'; DROP TABLE x; --"); });
  Add<sv1::SubmitInspectionRequest>(cases, submit, submit_inspection, "unanswered items",
                                    "inspection.answers", [](auto&) {});

  sv1::ReportHazardRequest report;
  *report.mutable_hazard() = SampleHazard(kRoom301, sv1::HAZARD_SEVERITY_LOW);
  const auto report_hazard = &Stub::ReportHazard;
  Add<sv1::ReportHazardRequest>(cases, report, report_hazard, "no severity", "hazard.severity",
                                [](auto& r) { r.mutable_hazard()->clear_severity(); });
  Add<sv1::ReportHazardRequest>(
      cases, report, report_hazard, "unknown kind", "hazard.kind",
      [](auto& r) { r.mutable_hazard()->set_kind(static_cast<sv1::HazardKind>(9)); });
  Add<sv1::ReportHazardRequest>(cases, report, report_hazard, "empty description",
                                "hazard.description",
                                [](auto& r) { r.mutable_hazard()->set_description(""); });
  Add<sv1::ReportHazardRequest>(cases, report, report_hazard, "reporter not staff",
                                "hazard.reporter",
                                [](auto& r) { r.mutable_hazard()->set_reporter("zhangsan"); });
  Add<sv1::ReportHazardRequest>(cases, report, report_hazard, "bad request id", "request_id",
                                [](auto& r) { r.set_request_id("has space"); });

  sv1::AssignHazardRequest assign;
  assign.set_name(hazard.name());
  assign.set_assignee("staff/f-031");
  Add<sv1::AssignHazardRequest>(cases, assign, &Stub::AssignHazard, "bad hazard name", "name",
                                [](auto& r) { r.set_name("hazard/1"); });
  Add<sv1::AssignHazardRequest>(cases, assign, &Stub::AssignHazard, "no assignee", "assignee",
                                [](auto& r) { r.clear_assignee(); });
  sv1::ResolveHazardRequest resolve;
  resolve.set_name(hazard.name());
  resolve.set_resolver("staff/f-031");
  Add<sv1::ResolveHazardRequest>(cases, resolve, &Stub::ResolveHazard, "no resolution",
                                 "resolution", [](auto&) {});
  sv1::ReopenHazardRequest reopen;
  reopen.set_name(hazard.name());
  Add<sv1::ReopenHazardRequest>(cases, reopen, &Stub::ReopenHazard, "no reason", "reason",
                                [](auto&) {});
  sv1::ReReportHazardRequest rereport;
  rereport.set_name(hazard.name());
  rereport.set_reporter("staff/f-007");
  Add<sv1::ReReportHazardRequest>(cases, rereport, &Stub::ReReportHazard, "oversized etag", "etag",
                                  [](auto& r) { r.set_etag(std::string(65, '9')); });
  sv1::ListHazardsRequest list;
  Add<sv1::ListHazardsRequest>(cases, list, &Stub::ListHazards, "negative page size", "page_size",
                               [](auto& r) { r.set_page_size(-1); });
  Add<sv1::ListHazardsRequest>(cases, list, &Stub::ListHazards, "forged page token", "page_token",
                               [](auto& r) { r.set_page_token("abc"); });

  sv1::CreateDisinfectionTaskRequest disinfection;
  disinfection.mutable_disinfection_task()->set_meeting("meetings/3f9c2a7d5e1b4c08");
  disinfection.mutable_disinfection_task()->set_room(kRoom301);
  *disinfection.mutable_disinfection_task()->mutable_meeting_end_time() =
      api::ToTimestamp(clock_.Now());
  const auto create_disinfection = &Stub::CreateDisinfectionTask;
  Add<sv1::CreateDisinfectionTaskRequest>(
      cases, disinfection, create_disinfection, "building instead of room",
      "disinfection_task.room",
      [](auto& r) { r.mutable_disinfection_task()->set_room(kCityHall); });
  Add<sv1::CreateDisinfectionTaskRequest>(
      cases, disinfection, create_disinfection, "no end time", "disinfection_task.meeting_end_time",
      [](auto& r) { r.mutable_disinfection_task()->clear_meeting_end_time(); });
  Add<sv1::CreateDisinfectionTaskRequest>(
      cases, disinfection, create_disinfection, "end time in 1970",
      "disinfection_task.meeting_end_time",
      [](auto& r) { r.mutable_disinfection_task()->mutable_meeting_end_time()->set_seconds(5); });
  sv1::CompleteDisinfectionRequest complete;
  complete.set_name("disinfectionTasks/0123456789abcdef");
  complete.set_performer("staff/f-040");
  complete.set_method(sv1::DISINFECTION_METHOD_STEAM);
  Add<sv1::CompleteDisinfectionRequest>(cases, complete, &Stub::CompleteDisinfection, "no method",
                                        "method", [](auto& r) { r.clear_method(); });

  sv1::CheckRoomClearanceRequest clearance;
  clearance.set_room(kRoom301);
  *clearance.mutable_start_time() = api::ToTimestamp(clock_.Now());
  *clearance.mutable_end_time() = api::ToTimestamp(clock_.Now() + absl::Hours(2));
  const auto check = &Stub::CheckRoomClearance;
  Add<sv1::CheckRoomClearanceRequest>(cases, clearance, check, "building", "room",
                                      [](auto& r) { r.set_room(kCityHall); });
  Add<sv1::CheckRoomClearanceRequest>(
      cases, clearance, check, "reversed window", "end_time",
      [&](auto& r) { *r.mutable_end_time() = api::ToTimestamp(clock_.Now() - absl::Hours(1)); });
  Add<sv1::CheckRoomClearanceRequest>(cases, clearance, check, "no start", "start_time",
                                      [](auto& r) { r.clear_start_time(); });

  sv1::CreateEmergencyPlanRequest plan;
  plan.set_parent(kCityHall);
  plan.set_emergency_plan_id("fire");
  plan.mutable_emergency_plan()->set_title("火灾应急预案");
  plan.mutable_emergency_plan()->set_kind(sv1::EMERGENCY_KIND_FIRE);
  plan.mutable_emergency_plan()->set_content("发现火情立即报警，组织疏散。");
  plan.mutable_emergency_plan()->set_responsible("staff/s-001");
  const auto create_plan = &Stub::CreateEmergencyPlan;
  Add<sv1::CreateEmergencyPlanRequest>(cases, plan, create_plan, "room as parent", "parent",
                                       [](auto& r) { r.set_parent(kRoom301); });
  Add<sv1::CreateEmergencyPlanRequest>(
      cases, plan, create_plan, "no content", "emergency_plan.content",
      [](auto& r) { r.mutable_emergency_plan()->clear_content(); });
  sv1::RecordDrillRequest drill;
  drill.set_parent("buildings/city-hall/emergencyPlans/fire");
  drill.mutable_drill()->mutable_drill_date()->set_year(2026);
  drill.mutable_drill()->mutable_drill_date()->set_month(11);
  drill.mutable_drill()->mutable_drill_date()->set_day(20);
  drill.mutable_drill()->add_participants("staff/s-001");
  const auto record = &Stub::RecordDrill;
  Add<sv1::RecordDrillRequest>(cases, drill, record, "30 February", "drill.drill_date.day",
                               [](auto& r) {
                                 r.mutable_drill()->mutable_drill_date()->set_month(2);
                                 r.mutable_drill()->mutable_drill_date()->set_day(30);
                               });
  Add<sv1::RecordDrillRequest>(cases, drill, record, "duplicate participant",
                               "drill.participants[1]",
                               [](auto& r) { r.mutable_drill()->add_participants("staff/s-001"); });
  sv1::ListAuditRecordsRequest audit;
  audit.mutable_start_time()->set_seconds(1900000000);
  audit.mutable_end_time()->set_seconds(1800000000);
  cases.push_back(Case("audit range backwards", "end_time", &Stub::ListAuditRecords, audit));
  audit.Clear();
  audit.set_resource(std::string(301, 'x'));
  cases.push_back(Case("audit resource too long", "resource", &Stub::ListAuditRecords, audit));

  ExpectEachRefusedAndNothingWritten(*stub_, cases, database_, kTables, "safety.huiwu");
}

}  // namespace
}  // namespace huiwu::testing
