#include "tools/huiwuctl/safety_commands.h"

#include <cstdio>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "common/api/timestamp.h"
#include "common/time/center_zone.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "huiwu/safety/v1/safety_service.grpc.pb.h"
#include "tools/huiwuctl/rpc_error.h"
#include "tools/huiwuctl/safety_seed.h"
#include "tools/huiwuctl/table.h"

ABSL_FLAG(std::string, safety_addr, "127.0.0.1:50054",
          "host:port of the safety service's gRPC endpoint (seed-safety, hazards, clearance).");
ABSL_FLAG(std::string, room, "", "clearance: the room, e.g. buildings/city-hall/rooms/301.");

namespace huiwu::ctl {
namespace {

namespace v1 = safety::v1;

// The daily fire patrol starts at 08:30, before the first meetings.
constexpr int kPatrolHour = 8;
constexpr int kPatrolMinute = 30;
constexpr char kSupervisor[] = "staff/s-001";

std::unique_ptr<v1::SafetyService::Stub> SafetyStub(const CommandContext& context) {
  return v1::SafetyService::NewStub(
      grpc::CreateChannel(absl::GetFlag(FLAGS_safety_addr), context.credentials));
}

struct Tally {
  int done = 0;
  int failed = 0;
  bool stop = false;

  // Counts one call; a systemic failure (server down, deadline) stops the seeding.
  void Note(absl::string_view what, const grpc::Status& status, absl::string_view outcome) {
    if (status.ok() || status.error_code() == grpc::StatusCode::ALREADY_EXISTS) {
      ++done;
      std::printf("%.*s: %.*s\n", static_cast<int>(what.size()), what.data(),
                  static_cast<int>(outcome.size()), outcome.data());
      return;
    }
    ++failed;
    PrintRpcError(what, status);
    stop = IsSystemic(status);
  }
};

grpc::Status CreateSchedule(const CommandContext& context, v1::SafetyService::Stub& stub,
                            const std::string& request_id, const std::string& name,
                            const std::string& place, v1::InspectionFrequency frequency,
                            absl::Time first, bool mandatory) {
  v1::CreateInspectionScheduleRequest request;
  // A fixed request_id: seeding again returns the first schedule instead of a second one.
  request.set_request_id(request_id);
  v1::InspectionSchedule* s = request.mutable_inspection_schedule();
  s->set_display_name(name);
  s->set_checklist_template(frequency == v1::INSPECTION_FREQUENCY_QUARTERLY
                                ? "checklistTemplates/quarterly-fire-inspection"
                                : "checklistTemplates/daily-fire-patrol");
  s->set_place(place);
  s->set_frequency(frequency);
  *s->mutable_first_time() = api::ToTimestamp(first);
  s->set_mandatory(mandatory);
  v1::CreateInspectionScheduleResponse response;
  return stub.CreateInspectionSchedule(context.NewCall(request_id).get(), request, &response);
}

int SeedSafety(const CommandContext& context, const std::vector<std::string>& args) {
  if (RejectArgs("seed-safety", args)) return kExitUsage;
  auto stub = SafetyStub(context);
  Tally tally;
  // Templates: an unchanged template is no new revision, so this is safe to repeat.
  for (const TemplateSeed& seed : SeedTemplates()) {
    if (tally.stop) break;
    v1::CreateChecklistTemplateRequest request;
    request.set_checklist_template_id(seed.template_id);
    *request.mutable_checklist_template() = seed.checklist_template;
    v1::CreateChecklistTemplateResponse response;
    const grpc::Status status =
        stub->CreateChecklistTemplate(context.NewCall().get(), request, &response);
    tally.Note(absl::StrCat("checklist template checklistTemplates/", seed.template_id), status,
               absl::StrCat("revision ", response.checklist_template().revision()));
  }
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), CenterTimeZone());
  const absl::Time tomorrow_patrol = absl::FromCivil(
      absl::CivilMinute(today.year(), today.month(), today.day(), kPatrolHour, kPatrolMinute) +
          24 * 60,
      CenterTimeZone());
  const absl::CivilMonth this_month(today);
  const absl::CivilMonth next_quarter(this_month.year(),
                                      ((this_month.month() - 1) / 3 + 1) * 3 + 1);
  const absl::Time quarter_start =
      absl::FromCivil(absl::CivilHour(next_quarter) + 9, CenterTimeZone());
  for (const std::string& building : SeedBuildingIds()) {
    if (tally.stop) break;
    const std::string place = absl::StrCat("buildings/", building);
    tally.Note(
        absl::StrCat("daily fire patrol of ", place),
        CreateSchedule(context, *stub, absl::StrCat("seed-daily-patrol-", building), "每日消防巡查",
                       place, v1::INSPECTION_FREQUENCY_DAILY, tomorrow_patrol, /*mandatory=*/true),
        "scheduled");
    tally.Note(absl::StrCat("quarterly fire inspection of ", place),
               CreateSchedule(context, *stub, absl::StrCat("seed-quarterly-fire-", building),
                              "季度消防检查", place, v1::INSPECTION_FREQUENCY_QUARTERLY,
                              quarter_start, /*mandatory=*/true),
               "scheduled");
    v1::CreateEmergencyPlanRequest plan;
    plan.set_parent(place);
    plan.set_emergency_plan_id("general");
    plan.set_request_id(absl::StrCat("seed-plan-", building));
    v1::EmergencyPlan* p = plan.mutable_emergency_plan();
    p->set_title("突发事件应急预案");
    p->set_kind(v1::EMERGENCY_KIND_GENERAL);
    p->set_content(
        "火灾：立即报警(119)，切断电源，按疏散指示组织人员撤离，使用灭火器扑救初期火灾。"
        "盗窃：保护现场，报告安保和公安(110)，清点会议物品和资料。"
        "漏水：关闭水阀，转移设备和资料，报告物业维修，必要时调整会场。"
        "停电：启用应急照明，安抚与会人员，联系供电维修。事后逐级上报并记录。");
    p->set_responsible(kSupervisor);
    v1::CreateEmergencyPlanResponse created;
    const grpc::Status status =
        stub->CreateEmergencyPlan(context.NewCall(plan.request_id()).get(), plan, &created);
    tally.Note(absl::StrCat("emergency plan ", place, "/emergencyPlans/general"), status,
               status.ok() ? "loaded" : "already present");
  }
  std::printf("seed-safety: %d loaded or present, %d failed\n", tally.done, tally.failed);
  return tally.failed == 0 ? kExitOk : kExitFailed;
}

int ListOpenHazards(const CommandContext& context, const std::vector<std::string>& args) {
  if (RejectArgs("hazards", args)) return kExitUsage;
  auto stub = SafetyStub(context);
  v1::ListHazardsRequest request;
  request.set_open_only(true);
  request.set_page_size(200);
  std::vector<std::vector<std::string>> rows;
  for (;;) {
    v1::ListHazardsResponse response;
    const grpc::Status status = stub->ListHazards(context.NewCall().get(), request, &response);
    if (!status.ok()) {
      PrintRpcError("list hazards", status);
      return kExitFailed;
    }
    for (const v1::Hazard& h : response.hazards()) {
      rows.push_back(
          {h.name(), WithoutPrefix(v1::HazardSeverity_Name(h.severity()), "HAZARD_SEVERITY_"),
           h.place(), WithoutPrefix(v1::HazardState_Name(h.state()), "HAZARD_STATE_"),
           WithoutPrefix(v1::EscalationLevel_Name(h.escalation_level()), "ESCALATION_LEVEL_"),
           h.description()});
    }
    if (response.next_page_token().empty() || response.next_page_token() == request.page_token()) {
      break;
    }
    request.set_page_token(response.next_page_token());
  }
  PrintTable({"HAZARD", "SEVERITY", "PLACE", "STATE", "REPORTED TO", "DESCRIPTION"}, rows);
  return kExitOk;
}

int Clearance(const CommandContext& context, const std::vector<std::string>& args) {
  if (RejectArgs("clearance", args)) return kExitUsage;
  const std::string room = absl::GetFlag(FLAGS_room);
  if (room.empty()) {
    std::fprintf(stderr,
                 "huiwuctl clearance: --room is required, e.g. "
                 "--room=buildings/city-hall/rooms/301\n");
    return kExitUsage;
  }
  auto stub = SafetyStub(context);
  v1::CheckRoomClearanceRequest request;
  request.set_room(room);
  const absl::Time now = absl::Now();
  *request.mutable_start_time() = api::ToTimestamp(now);
  *request.mutable_end_time() = api::ToTimestamp(now + absl::Hours(2));
  v1::CheckRoomClearanceResponse response;
  const grpc::Status status = stub->CheckRoomClearance(context.NewCall().get(), request, &response);
  if (!status.ok()) {
    PrintRpcError("check clearance", status);
    return kExitFailed;
  }
  std::printf("%s: %s\n", room.c_str(), response.clear() ? "clear" : "blocked");
  for (const v1::ClearanceBlock& b : response.blocks()) {
    std::printf(
        "  %s %s: %s\n",
        WithoutPrefix(v1::ClearanceBlockReason_Name(b.reason()), "CLEARANCE_BLOCK_REASON_").c_str(),
        b.resource().c_str(), b.description().c_str());
  }
  // 会前检查: informational, never a block.
  std::printf("  pre-meeting inspection: %s\n", response.pre_meeting_inspection_done()
                                                    ? response.pre_meeting_inspection().c_str()
                                                    : "none in the last 4 hours");
  return kExitOk;
}

}  // namespace

std::vector<Command> SafetyCommands() {
  return {
      {"seed-safety", "seed-safety",
       "load the safety templates, patrol schedules and emergency plans; safe to run again",
       SeedSafety},
      {"hazards", "hazards", "list the open hazards with who they are reported to",
       ListOpenHazards},
      {"clearance", "clearance --room=NAME", "may the room be used for the next two hours?",
       Clearance},
  };
}

}  // namespace huiwu::ctl
