// Checklist, schedule, task and inspection requests: checked field by field and turned
// into domain values; domain values back into resources.
#ifndef HUIWU_SERVICES_SAFETY_API_CHECKLIST_REQUESTS_H_
#define HUIWU_SERVICES_SAFETY_API_CHECKLIST_REQUESTS_H_

#include <string>

#include "absl/status/statusor.h"
#include "huiwu/safety/v1/safety_service.pb.h"
#include "services/safety/api/names.h"
#include "services/safety/domain/checklist.h"
#include "services/safety/domain/schedule.h"
#include "services/safety/store/safety_store.h"

namespace huiwu::safety {

struct CreateTemplateCommand {
  ChecklistTemplate tmpl;
  std::string request_id;
};

struct ListTemplatesQuery {
  int page_size = kDefaultPageSize;
  std::string after_id;
};

struct CreateScheduleCommand {
  InspectionSchedule schedule;
  std::string request_id;
};

struct ListTasksQuery {
  TaskFilter filter;
  int page_size = kDefaultPageSize;
  TimeKey after;
  std::string filter_text;  // bound into page tokens
};

struct SubmitInspectionCommand {
  Inspection inspection;
  std::string request_id;
};

absl::StatusOr<CreateTemplateCommand> ParseCreateTemplate(
    const v1::CreateChecklistTemplateRequest& request);
absl::StatusOr<ListTemplatesQuery> ParseListTemplates(
    const v1::ListChecklistTemplatesRequest& request);
absl::StatusOr<CreateScheduleCommand> ParseCreateSchedule(
    const v1::CreateInspectionScheduleRequest& request);
absl::StatusOr<ListTasksQuery> ParseListTasks(const v1::ListInspectionTasksRequest& request);
absl::StatusOr<SubmitInspectionCommand> ParseSubmitInspection(
    const v1::SubmitInspectionRequest& request);

void ToProto(const ChecklistTemplate& tmpl, v1::ChecklistTemplate* out);
void ToProto(const InspectionSchedule& schedule, v1::InspectionSchedule* out);
void ToProto(const InspectionTask& task, absl::Time now, v1::InspectionTask* out);
void ToProto(const Inspection& inspection, v1::Inspection* out);

std::string NextTemplatesPageToken(const ChecklistTemplate& last);
std::string NextTasksPageToken(const ListTasksQuery& query, const InspectionTask& last);

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_API_CHECKLIST_REQUESTS_H_
