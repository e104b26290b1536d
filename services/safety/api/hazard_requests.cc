#include "services/safety/api/hazard_requests.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/api/etag.h"
#include "common/api/page_token.h"
#include "common/api/resource_name.h"
#include "common/api/timestamp.h"
#include "common/status/status_macros.h"

namespace huiwu::safety {
namespace {

constexpr int kMaxText = 1000;

// The hazard name every transition request carries; its id goes into the command.
ChangeHazardCommand Start(api::FieldChecks& checks, absl::string_view name, HazardAction action,
                          absl::string_view etag) {
  ChangeHazardCommand command;
  auto id = ParseId("name", name, "hazards");
  if (id.ok()) command.hazard_id = *id;
  checks.AddFrom(id.status());
  CheckEtagField(checks, "etag", etag);
  command.change.action = action;
  command.change.etag = std::string(etag);
  return command;
}

}  // namespace

absl::StatusOr<ReportHazardCommand> ParseReportHazard(const v1::ReportHazardRequest& request) {
  api::FieldChecks checks;
  checks.RequestId("request_id", request.request_id());
  if (!request.has_hazard()) {
    checks.Add("hazard", "required");
    return checks.status();
  }
  const v1::Hazard& h = request.hazard();
  ReportHazardCommand command;
  checks.Enum("hazard.kind", h.kind(), v1::HazardKind_IsValid, false);
  checks.Enum("hazard.severity", h.severity(), v1::HazardSeverity_IsValid, false);
  auto place = ParsePlace("hazard.place", h.place());
  if (place.ok()) command.hazard.place = *place;
  checks.AddFrom(place.status());
  checks.Text("hazard.description", h.description(), 1, kMaxText);
  command.hazard.reporter = CheckStaff(checks, "hazard.reporter", h.reporter());
  RETURN_IF_ERROR(checks.status());
  command.hazard.kind = static_cast<HazardKind>(h.kind());
  command.hazard.severity = static_cast<Severity>(h.severity());
  command.hazard.description = h.description();
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<ListHazardsQuery> ParseListHazards(const v1::ListHazardsRequest& request) {
  api::FieldChecks checks;
  ListHazardsQuery query;
  query.page_size =
      checks.PageSize("page_size", request.page_size(), kDefaultPageSize, kMaxPageSize);
  if (!request.building().empty()) {
    auto building = ParseId("building", request.building(), "buildings");
    if (building.ok()) query.filter.building_id = *building;
    checks.AddFrom(building.status());
  }
  query.filter.open_only = request.open_only();
  RETURN_IF_ERROR(checks.status());
  query.filter_text = absl::StrCat("hazards|", request.building(), "|", request.open_only());
  ASSIGN_OR_RETURN(std::vector<std::string> after,
                   api::DecodePageToken("page_token", request.page_token(), query.filter_text, 2));
  if (!after.empty()) {
    int64_t micros = 0;
    if (!absl::SimpleAtoi(after[0], &micros)) {
      return InvalidFieldError("page_token", "not a page token of this list; start over");
    }
    query.after = TimeKey{absl::FromUnixMicros(micros), after[1]};
  }
  return query;
}

absl::StatusOr<ChangeHazardCommand> ParseAssignHazard(const v1::AssignHazardRequest& request) {
  api::FieldChecks checks;
  ChangeHazardCommand command =
      Start(checks, request.name(), HazardAction::kAssign, request.etag());
  command.change.staff = CheckStaff(checks, "assignee", request.assignee());
  RETURN_IF_ERROR(checks.status());
  return command;
}

absl::StatusOr<ChangeHazardCommand> ParseStartRectification(
    const v1::StartHazardRectificationRequest& request) {
  api::FieldChecks checks;
  ChangeHazardCommand command =
      Start(checks, request.name(), HazardAction::kStartRectification, request.etag());
  RETURN_IF_ERROR(checks.status());
  return command;
}

absl::StatusOr<ChangeHazardCommand> ParseResolveHazard(const v1::ResolveHazardRequest& request) {
  api::FieldChecks checks;
  ChangeHazardCommand command =
      Start(checks, request.name(), HazardAction::kResolve, request.etag());
  command.change.staff = CheckStaff(checks, "resolver", request.resolver());
  checks.Text("resolution", request.resolution(), 1, kMaxText);
  command.change.text = request.resolution();
  RETURN_IF_ERROR(checks.status());
  return command;
}

absl::StatusOr<ChangeHazardCommand> ParseVerifyHazard(const v1::VerifyHazardRequest& request) {
  api::FieldChecks checks;
  ChangeHazardCommand command =
      Start(checks, request.name(), HazardAction::kVerify, request.etag());
  command.change.staff = CheckStaff(checks, "verifier", request.verifier());
  RETURN_IF_ERROR(checks.status());
  return command;
}

absl::StatusOr<ChangeHazardCommand> ParseReopenHazard(const v1::ReopenHazardRequest& request) {
  api::FieldChecks checks;
  ChangeHazardCommand command =
      Start(checks, request.name(), HazardAction::kReopen, request.etag());
  checks.Text("reason", request.reason(), 1, kMaxText);
  command.change.text = request.reason();
  RETURN_IF_ERROR(checks.status());
  return command;
}

absl::StatusOr<ChangeHazardCommand> ParseReReportHazard(const v1::ReReportHazardRequest& request) {
  api::FieldChecks checks;
  ChangeHazardCommand command =
      Start(checks, request.name(), HazardAction::kReReport, request.etag());
  command.change.staff = CheckStaff(checks, "reporter", request.reporter());
  checks.Text("note", request.note(), 0, kMaxText);
  command.change.text = request.note();
  RETURN_IF_ERROR(checks.status());
  return command;
}

void ToProto(const Hazard& h, v1::Hazard* out) {
  out->set_name(absl::StrCat("hazards/", h.id));
  out->set_kind(static_cast<v1::HazardKind>(h.kind));
  out->set_severity(static_cast<v1::HazardSeverity>(h.severity));
  out->set_place(PlaceName(h.place));
  out->set_description(h.description);
  out->set_reporter(h.reporter);
  out->set_state(static_cast<v1::HazardState>(h.state));
  out->set_assignee(h.assignee);
  *out->mutable_deadline() = api::ToTimestamp(h.deadline);
  out->set_escalation_level(static_cast<v1::EscalationLevel>(h.escalation_level));
  for (const Escalation& e : h.escalations) {
    v1::Escalation* escalation = out->add_escalations();
    escalation->set_level(static_cast<v1::EscalationLevel>(e.level));
    *escalation->mutable_escalate_time() = api::ToTimestamp(e.time);
    escalation->set_manual(e.manual);
    escalation->set_actor(e.actor);
    escalation->set_note(e.note);
  }
  if (!h.source_inspection_id.empty()) {
    out->set_source_inspection(absl::StrCat("inspections/", h.source_inspection_id));
    out->set_source_item(h.source_item_id);
  }
  out->set_resolution(h.resolution);
  out->set_resolver(h.resolver);
  out->set_verifier(h.verifier);
  out->set_etag(api::EtagOf(h.version));
  *out->mutable_create_time() = api::ToTimestamp(h.create_time);
  *out->mutable_update_time() = api::ToTimestamp(h.update_time);
}

std::string NextHazardsPageToken(const ListHazardsQuery& query, const Hazard& last) {
  return api::EncodePageToken(query.filter_text,
                              {absl::StrCat(absl::ToUnixMicros(last.create_time)), last.id});
}

}  // namespace huiwu::safety
