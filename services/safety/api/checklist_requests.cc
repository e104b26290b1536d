#include "services/safety/api/checklist_requests.h"

#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/api/page_token.h"
#include "common/api/timestamp.h"
#include "common/status/status_macros.h"
#include "services/safety/api/names.h"

namespace huiwu::safety {
namespace {

constexpr int kMaxDisplayName = 100;
constexpr int kMaxDescription = 1000;
constexpr int kMaxItems = 100;
constexpr int kMaxTitle = 200;
constexpr int kMaxUnit = 20;
constexpr int kMaxAnswers = 100;
constexpr int kMaxText = 1000;
constexpr int kMaxPhotoUri = 500;

ChecklistItem CheckItem(api::FieldChecks& checks, const std::string& field,
                        const v1::ChecklistItem& item) {
  ChecklistItem out;
  checks.ResourceId(field + ".item_id", item.item_id());
  checks.Text(field + ".title", item.title(), 1, kMaxTitle);
  checks.Enum(field + ".kind", item.kind(), v1::ChecklistItemKind_IsValid, false);
  checks.Text(field + ".unit", item.unit(), 0, kMaxUnit);
  out.item_id = item.item_id();
  out.title = item.title();
  out.kind = static_cast<ItemKind>(item.kind());
  out.unit = item.unit();
  if (item.kind() == v1::CHECKLIST_ITEM_KIND_NUMBER) {
    if (!(item.min_value() <= item.max_value())) {  // also catches NaN
      checks.Add(field + ".max_value", "must be at least min_value");
    }
    out.min_value = item.min_value();
    out.max_value = item.max_value();
  } else if (item.min_value() != 0 || item.max_value() != 0) {
    checks.Add(field + ".min_value", "bounds apply to NUMBER items only; leave them 0");
  }
  const bool can_fail = item.kind() == v1::CHECKLIST_ITEM_KIND_PASS_FAIL ||
                        item.kind() == v1::CHECKLIST_ITEM_KIND_NUMBER;
  // Only an item that can fail opens a hazard, so only it says which.
  checks.Enum(field + ".failure_severity", item.failure_severity(), v1::HazardSeverity_IsValid,
              /*allow_unspecified=*/!can_fail);
  checks.Enum(field + ".failure_hazard_kind", item.failure_hazard_kind(), v1::HazardKind_IsValid,
              /*allow_unspecified=*/!can_fail);
  if (can_fail) {
    out.failure_severity = static_cast<Severity>(item.failure_severity());
    out.failure_hazard_kind = static_cast<HazardKind>(item.failure_hazard_kind());
  }
  return out;
}

}  // namespace

absl::StatusOr<CreateTemplateCommand> ParseCreateTemplate(
    const v1::CreateChecklistTemplateRequest& request) {
  api::FieldChecks checks;
  checks.ResourceId("checklist_template_id", request.checklist_template_id());
  checks.RequestId("request_id", request.request_id());
  if (!request.has_checklist_template()) {
    checks.Add("checklist_template", "required");
    return checks.status();
  }
  const v1::ChecklistTemplate& t = request.checklist_template();
  CreateTemplateCommand command;
  checks.Text("checklist_template.display_name", t.display_name(), 1, kMaxDisplayName);
  checks.Text("checklist_template.description", t.description(), 0, kMaxDescription);
  if (t.items().empty() || t.items_size() > kMaxItems) {
    checks.Add("checklist_template.items", "1–100 items are required");
  }
  std::set<std::string> ids;
  for (int i = 0; i < t.items_size() && i < kMaxItems; ++i) {
    const std::string field = absl::StrCat("checklist_template.items[", i, "]");
    command.tmpl.items.push_back(CheckItem(checks, field, t.items(i)));
    if (!ids.insert(t.items(i).item_id()).second) {
      checks.Add(field + ".item_id", "duplicate item_id; give each item its own");
    }
  }
  RETURN_IF_ERROR(checks.status());
  command.tmpl.id = request.checklist_template_id();
  command.tmpl.display_name = t.display_name();
  command.tmpl.description = t.description();
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<ListTemplatesQuery> ParseListTemplates(
    const v1::ListChecklistTemplatesRequest& request) {
  ListTemplatesQuery query;
  ASSIGN_OR_RETURN(query.page_size, api::EffectivePageSize("page_size", request.page_size(),
                                                           kDefaultPageSize, kMaxPageSize));
  ASSIGN_OR_RETURN(std::vector<std::string> after,
                   api::DecodePageToken("page_token", request.page_token(), "templates", 1));
  if (!after.empty()) query.after_id = after[0];
  return query;
}

absl::StatusOr<CreateScheduleCommand> ParseCreateSchedule(
    const v1::CreateInspectionScheduleRequest& request) {
  api::FieldChecks checks;
  checks.RequestId("request_id", request.request_id());
  if (!request.has_inspection_schedule()) {
    checks.Add("inspection_schedule", "required");
    return checks.status();
  }
  const v1::InspectionSchedule& s = request.inspection_schedule();
  CreateScheduleCommand command;
  InspectionSchedule& out = command.schedule;
  checks.Text("inspection_schedule.display_name", s.display_name(), 1, kMaxDisplayName);
  auto tmpl = ParseId("inspection_schedule.checklist_template", s.checklist_template(),
                      "checklistTemplates");
  if (tmpl.ok()) out.template_id = *tmpl;
  checks.AddFrom(tmpl.status());
  auto place = ParsePlace("inspection_schedule.place", s.place());
  if (place.ok()) out.place = *place;
  checks.AddFrom(place.status());
  checks.Enum("inspection_schedule.frequency", s.frequency(), v1::InspectionFrequency_IsValid,
              false);
  out.frequency = static_cast<Frequency>(s.frequency());
  auto first = checks.Time("inspection_schedule.first_time", s.has_first_time(), s.first_time());
  if (first.has_value()) out.first_time = *first;
  out.active_start_hour = s.active_start_hour();
  out.active_end_hour = s.active_end_hour();
  if (s.frequency() != 0 && v1::InspectionFrequency_IsValid(s.frequency())) {
    checks.AddFrom(CheckActiveHours(out, "inspection_schedule."));
  }
  out.display_name = s.display_name();
  out.mandatory = s.mandatory();
  RETURN_IF_ERROR(checks.status());
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<ListTasksQuery> ParseListTasks(const v1::ListInspectionTasksRequest& request) {
  api::FieldChecks checks;
  ListTasksQuery query;
  query.page_size =
      checks.PageSize("page_size", request.page_size(), kDefaultPageSize, kMaxPageSize);
  if (!request.place().empty()) {
    auto place = ParsePlace("place", request.place());
    if (place.ok()) query.filter.place = *place;
    checks.AddFrom(place.status());
  }
  if (!request.schedule().empty()) {
    auto schedule = ParseId("schedule", request.schedule(), "inspectionSchedules");
    if (schedule.ok()) query.filter.schedule_id = *schedule;
    checks.AddFrom(schedule.status());
  }
  query.filter.overdue_only = request.overdue_only();
  query.filter.include_done = request.include_done();
  RETURN_IF_ERROR(checks.status());
  query.filter_text = absl::StrCat("tasks|", request.place(), "|", request.schedule(), "|",
                                   request.overdue_only(), "|", request.include_done());
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

absl::StatusOr<SubmitInspectionCommand> ParseSubmitInspection(
    const v1::SubmitInspectionRequest& request) {
  api::FieldChecks checks;
  if (!request.inspection_id().empty()) checks.ResourceId("inspection_id", request.inspection_id());
  checks.RequestId("request_id", request.request_id());
  if (!request.has_inspection()) {
    checks.Add("inspection", "required");
    return checks.status();
  }
  const v1::Inspection& in = request.inspection();
  SubmitInspectionCommand command;
  Inspection& out = command.inspection;
  out.id = request.inspection_id();
  auto tmpl =
      ParseId("inspection.checklist_template", in.checklist_template(), "checklistTemplates");
  if (tmpl.ok()) out.template_id = *tmpl;
  checks.AddFrom(tmpl.status());
  checks.Int("inspection.template_revision", in.template_revision(), 0, 1'000'000);
  out.template_revision = in.template_revision();
  auto place = ParsePlace("inspection.place", in.place());
  if (place.ok()) out.place = *place;
  checks.AddFrom(place.status());
  if (!in.task().empty()) {
    auto task = ParseId("inspection.task", in.task(), "inspectionTasks");
    if (task.ok()) out.task_id = *task;
    checks.AddFrom(task.status());
  }
  out.inspector = CheckStaff(checks, "inspection.inspector", in.inspector());
  out.supervisor = CheckStaff(checks, "inspection.supervisor", in.supervisor());
  // Signed by two people: the inspector does not countersign their own round.
  if (!in.inspector().empty() && in.inspector() == in.supervisor()) {
    checks.Add("inspection.supervisor", "must be someone other than the inspector");
  }
  if (in.answers().empty() || in.answers_size() > kMaxAnswers) {
    checks.Add("inspection.answers", "1–100 answers are required, one per item");
  }
  for (int i = 0; i < in.answers_size() && i < kMaxAnswers; ++i) {
    const v1::Answer& a = in.answers(i);
    const std::string field = absl::StrCat("inspection.answers[", i, "]");
    checks.ResourceId(field + ".item_id", a.item_id());
    Answer answer;
    answer.item_id = a.item_id();
    switch (a.value_case()) {
      case v1::Answer::kPassed:
        answer.kind = ItemKind::kPassFail;
        answer.passed = a.passed();
        break;
      case v1::Answer::kNumber:
        answer.kind = ItemKind::kNumber;
        answer.number = a.number();
        if (a.number() != a.number()) checks.Add(field + ".number", "must be a number, not NaN");
        break;
      case v1::Answer::kText:
        answer.kind = ItemKind::kText;
        answer.text = a.text();
        checks.Text(field + ".text", a.text(), 0, kMaxText);
        break;
      case v1::Answer::kPhotoUri:
        answer.kind = ItemKind::kPhoto;
        answer.text = a.photo_uri();
        checks.Text(field + ".photo_uri", a.photo_uri(), 1, kMaxPhotoUri);
        break;
      case v1::Answer::VALUE_NOT_SET:
        checks.Add(field, "a value is required: passed, number, text or photo_uri");
        break;
    }
    out.answers.push_back(std::move(answer));
  }
  RETURN_IF_ERROR(checks.status());
  command.request_id = request.request_id();
  return command;
}

void ToProto(const ChecklistTemplate& t, v1::ChecklistTemplate* out) {
  out->set_name(absl::StrCat("checklistTemplates/", t.id));
  out->set_display_name(t.display_name);
  out->set_description(t.description);
  for (const ChecklistItem& item : t.items) {
    v1::ChecklistItem* i = out->add_items();
    i->set_item_id(item.item_id);
    i->set_title(item.title);
    i->set_kind(static_cast<v1::ChecklistItemKind>(item.kind));
    i->set_min_value(item.min_value);
    i->set_max_value(item.max_value);
    i->set_unit(item.unit);
    if (CanFail(item.kind)) {
      i->set_failure_severity(static_cast<v1::HazardSeverity>(item.failure_severity));
      i->set_failure_hazard_kind(static_cast<v1::HazardKind>(item.failure_hazard_kind));
    }
  }
  out->set_revision(t.revision);
  *out->mutable_create_time() = api::ToTimestamp(t.create_time);
}

void ToProto(const InspectionSchedule& s, v1::InspectionSchedule* out) {
  out->set_name(absl::StrCat("inspectionSchedules/", s.id));
  out->set_display_name(s.display_name);
  out->set_checklist_template(absl::StrCat("checklistTemplates/", s.template_id));
  out->set_place(PlaceName(s.place));
  out->set_frequency(static_cast<v1::InspectionFrequency>(s.frequency));
  *out->mutable_first_time() = api::ToTimestamp(s.first_time);
  out->set_active_start_hour(s.active_start_hour);
  out->set_active_end_hour(s.active_end_hour);
  out->set_mandatory(s.mandatory);
  *out->mutable_create_time() = api::ToTimestamp(s.create_time);
}

void ToProto(const InspectionTask& t, absl::Time now, v1::InspectionTask* out) {
  out->set_name(absl::StrCat("inspectionTasks/", t.id));
  out->set_schedule(absl::StrCat("inspectionSchedules/", t.schedule_id));
  out->set_checklist_template(absl::StrCat("checklistTemplates/", t.template_id));
  out->set_place(PlaceName(t.place));
  *out->mutable_start_time() = api::ToTimestamp(t.start);
  *out->mutable_due_time() = api::ToTimestamp(t.due);
  out->set_mandatory(t.mandatory);
  if (!t.inspection_id.empty()) out->set_inspection(absl::StrCat("inspections/", t.inspection_id));
  out->set_overdue(t.inspection_id.empty() && t.due <= now);
}

void ToProto(const Inspection& in, v1::Inspection* out) {
  out->set_name(absl::StrCat("inspections/", in.id));
  out->set_checklist_template(absl::StrCat("checklistTemplates/", in.template_id));
  out->set_template_revision(in.template_revision);
  out->set_place(PlaceName(in.place));
  if (!in.task_id.empty()) out->set_task(absl::StrCat("inspectionTasks/", in.task_id));
  out->set_inspector(in.inspector);
  out->set_supervisor(in.supervisor);
  for (const Answer& a : in.answers) {
    v1::Answer* answer = out->add_answers();
    answer->set_item_id(a.item_id);
    switch (a.kind) {
      case ItemKind::kPassFail:
        answer->set_passed(a.passed);
        break;
      case ItemKind::kNumber:
        answer->set_number(a.number);
        break;
      case ItemKind::kText:
        answer->set_text(a.text);
        break;
      case ItemKind::kPhoto:
        answer->set_photo_uri(a.text);
        break;
    }
  }
  for (const std::string& item : in.failed_items) out->add_failed_items(item);
  for (const std::string& id : in.hazard_ids) out->add_hazards(absl::StrCat("hazards/", id));
  out->set_submission(in.submission);
  *out->mutable_submit_time() = api::ToTimestamp(in.submit_time);
}

std::string NextTemplatesPageToken(const ChecklistTemplate& last) {
  return api::EncodePageToken("templates", {last.id});
}

std::string NextTasksPageToken(const ListTasksQuery& query, const InspectionTask& last) {
  return api::EncodePageToken(query.filter_text,
                              {absl::StrCat(absl::ToUnixMicros(last.due)), last.id});
}

}  // namespace huiwu::safety
