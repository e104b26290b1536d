#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/safety/api/checklist_requests.h"
#include "services/safety/safety_service.h"

namespace huiwu::safety {

grpc::Status SafetyService::CreateChecklistTemplate(
    grpc::ServerContext* context, const v1::CreateChecklistTemplateRequest* request,
    v1::CreateChecklistTemplateResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "CreateChecklistTemplate", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(CreateTemplateCommand command, ParseCreateTemplate(*request));
        ASSIGN_OR_RETURN(ChecklistTemplate created,
                         store_.CreateTemplate(command.tmpl, command.request_id, clock_.Now()));
        ToProto(created, response->mutable_checklist_template());
        return absl::OkStatus();
      });
}

grpc::Status SafetyService::ListChecklistTemplates(grpc::ServerContext* context,
                                                   const v1::ListChecklistTemplatesRequest* request,
                                                   v1::ListChecklistTemplatesResponse* response) {
  return calls_.Serve(*context, "ListChecklistTemplates", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ListTemplatesQuery query, ParseListTemplates(*request));
    // One more than a page tells whether another page follows.
    ASSIGN_OR_RETURN(std::vector<ChecklistTemplate> templates,
                     store_.ListTemplates(query.after_id, query.page_size + 1));
    const bool more = static_cast<int>(templates.size()) > query.page_size;
    if (more) templates.pop_back();
    for (const ChecklistTemplate& t : templates) ToProto(t, response->add_checklist_templates());
    if (more) response->set_next_page_token(NextTemplatesPageToken(templates.back()));
    return absl::OkStatus();
  });
}

grpc::Status SafetyService::CreateInspectionSchedule(
    grpc::ServerContext* context, const v1::CreateInspectionScheduleRequest* request,
    v1::CreateInspectionScheduleResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "CreateInspectionSchedule", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(CreateScheduleCommand command, ParseCreateSchedule(*request));
        ASSIGN_OR_RETURN(InspectionSchedule created,
                         store_.CreateSchedule(command.schedule, command.request_id, clock_.Now()));
        ToProto(created, response->mutable_inspection_schedule());
        return absl::OkStatus();
      });
}

grpc::Status SafetyService::ListInspectionTasks(grpc::ServerContext* context,
                                                const v1::ListInspectionTasksRequest* request,
                                                v1::ListInspectionTasksResponse* response) {
  return calls_.Serve(*context, "ListInspectionTasks", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ListTasksQuery query, ParseListTasks(*request));
    const absl::Time now = clock_.Now();
    ASSIGN_OR_RETURN(std::vector<InspectionTask> tasks,
                     store_.ListTasks(query.filter, query.after, query.page_size + 1, now));
    const bool more = static_cast<int>(tasks.size()) > query.page_size;
    if (more) tasks.pop_back();
    for (const InspectionTask& t : tasks) ToProto(t, now, response->add_inspection_tasks());
    if (more) response->set_next_page_token(NextTasksPageToken(query, tasks.back()));
    return absl::OkStatus();
  });
}

grpc::Status SafetyService::SubmitInspection(grpc::ServerContext* context,
                                             const v1::SubmitInspectionRequest* request,
                                             v1::SubmitInspectionResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "SubmitInspection", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(SubmitInspectionCommand command, ParseSubmitInspection(*request));
        ASSIGN_OR_RETURN(
            Inspection stored,
            store_.SubmitInspection(command.inspection, command.request_id, clock_.Now()));
        ToProto(stored, response->mutable_inspection());
        return absl::OkStatus();
      });
}

}  // namespace huiwu::safety
