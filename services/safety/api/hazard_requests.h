// Hazard requests: checked field by field and turned into domain values; hazards back
// into resources.
#ifndef HUIWU_SERVICES_SAFETY_API_HAZARD_REQUESTS_H_
#define HUIWU_SERVICES_SAFETY_API_HAZARD_REQUESTS_H_

#include <string>

#include "absl/status/statusor.h"
#include "huiwu/safety/v1/safety_service.pb.h"
#include "services/safety/api/names.h"
#include "services/safety/domain/hazard.h"
#include "services/safety/store/safety_store.h"

namespace huiwu::safety {

struct ReportHazardCommand {
  Hazard hazard;
  std::string request_id;
};

struct ListHazardsQuery {
  HazardFilter filter;
  int page_size = kDefaultPageSize;
  TimeKey after;
  std::string filter_text;
};

struct ChangeHazardCommand {
  std::string hazard_id;
  HazardChange change;
};

absl::StatusOr<ReportHazardCommand> ParseReportHazard(const v1::ReportHazardRequest& request);
absl::StatusOr<ListHazardsQuery> ParseListHazards(const v1::ListHazardsRequest& request);
absl::StatusOr<ChangeHazardCommand> ParseAssignHazard(const v1::AssignHazardRequest& request);
absl::StatusOr<ChangeHazardCommand> ParseStartRectification(
    const v1::StartHazardRectificationRequest& request);
absl::StatusOr<ChangeHazardCommand> ParseResolveHazard(const v1::ResolveHazardRequest& request);
absl::StatusOr<ChangeHazardCommand> ParseVerifyHazard(const v1::VerifyHazardRequest& request);
absl::StatusOr<ChangeHazardCommand> ParseReopenHazard(const v1::ReopenHazardRequest& request);
absl::StatusOr<ChangeHazardCommand> ParseReReportHazard(const v1::ReReportHazardRequest& request);

void ToProto(const Hazard& hazard, v1::Hazard* out);
std::string NextHazardsPageToken(const ListHazardsQuery& query, const Hazard& last);

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_API_HAZARD_REQUESTS_H_
