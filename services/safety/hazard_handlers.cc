#include "common/audit/list_audit_records.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/safety/api/hazard_requests.h"
#include "services/safety/safety_service.h"

namespace huiwu::safety {

grpc::Status SafetyService::ReportHazard(grpc::ServerContext* context,
                                         const v1::ReportHazardRequest* request,
                                         v1::ReportHazardResponse* response) {
  return calls_.ServeMutation(*context, *request, "ReportHazard", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ReportHazardCommand command, ParseReportHazard(*request));
    ASSIGN_OR_RETURN(Hazard hazard,
                     store_.ReportHazard(command.hazard, command.request_id, clock_.Now()));
    ToProto(hazard, response->mutable_hazard());
    return absl::OkStatus();
  });
}

grpc::Status SafetyService::GetHazard(grpc::ServerContext* context,
                                      const v1::GetHazardRequest* request,
                                      v1::GetHazardResponse* response) {
  return calls_.Serve(*context, "GetHazard", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string id, ParseId("name", request->name(), "hazards"));
    ASSIGN_OR_RETURN(Hazard hazard, store_.GetHazard(id));
    ToProto(hazard, response->mutable_hazard());
    return absl::OkStatus();
  });
}

grpc::Status SafetyService::ListHazards(grpc::ServerContext* context,
                                        const v1::ListHazardsRequest* request,
                                        v1::ListHazardsResponse* response) {
  return calls_.Serve(*context, "ListHazards", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ListHazardsQuery query, ParseListHazards(*request));
    ASSIGN_OR_RETURN(std::vector<Hazard> hazards,
                     store_.ListHazards(query.filter, query.after, query.page_size + 1));
    const bool more = static_cast<int>(hazards.size()) > query.page_size;
    if (more) hazards.pop_back();
    for (const Hazard& h : hazards) ToProto(h, response->add_hazards());
    if (more) response->set_next_page_token(NextHazardsPageToken(query, hazards.back()));
    return absl::OkStatus();
  });
}

namespace {

// Every transition has the same shape: parse, change under the row lock, answer.
template <typename Request, typename Response>
grpc::Status ServeTransition(const server::CallGate& calls, const grpc::ServerContext& context,
                             SafetyStore& store, const Clock& clock, absl::string_view method,
                             const Request& request, Response* response,
                             absl::StatusOr<ChangeHazardCommand> (*parse)(const Request&)) {
  return calls.ServeMutation(context, request, method, response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ChangeHazardCommand command, parse(request));
    ASSIGN_OR_RETURN(Hazard hazard,
                     store.ChangeHazard(command.hazard_id, command.change, clock.Now()));
    ToProto(hazard, response->mutable_hazard());
    return absl::OkStatus();
  });
}

}  // namespace

grpc::Status SafetyService::AssignHazard(grpc::ServerContext* context,
                                         const v1::AssignHazardRequest* request,
                                         v1::AssignHazardResponse* response) {
  return ServeTransition(calls_, *context, store_, clock_, "AssignHazard", *request, response,
                         ParseAssignHazard);
}

grpc::Status SafetyService::StartHazardRectification(
    grpc::ServerContext* context, const v1::StartHazardRectificationRequest* request,
    v1::StartHazardRectificationResponse* response) {
  return ServeTransition(calls_, *context, store_, clock_, "StartHazardRectification", *request,
                         response, ParseStartRectification);
}

grpc::Status SafetyService::ResolveHazard(grpc::ServerContext* context,
                                          const v1::ResolveHazardRequest* request,
                                          v1::ResolveHazardResponse* response) {
  return ServeTransition(calls_, *context, store_, clock_, "ResolveHazard", *request, response,
                         ParseResolveHazard);
}

grpc::Status SafetyService::VerifyHazard(grpc::ServerContext* context,
                                         const v1::VerifyHazardRequest* request,
                                         v1::VerifyHazardResponse* response) {
  return ServeTransition(calls_, *context, store_, clock_, "VerifyHazard", *request, response,
                         ParseVerifyHazard);
}

grpc::Status SafetyService::ReopenHazard(grpc::ServerContext* context,
                                         const v1::ReopenHazardRequest* request,
                                         v1::ReopenHazardResponse* response) {
  return ServeTransition(calls_, *context, store_, clock_, "ReopenHazard", *request, response,
                         ParseReopenHazard);
}

grpc::Status SafetyService::ReReportHazard(grpc::ServerContext* context,
                                           const v1::ReReportHazardRequest* request,
                                           v1::ReReportHazardResponse* response) {
  return ServeTransition(calls_, *context, store_, clock_, "ReReportHazard", *request, response,
                         ParseReReportHazard);
}

grpc::Status SafetyService::ListAuditRecords(grpc::ServerContext* context,
                                             const v1::ListAuditRecordsRequest* request,
                                             v1::ListAuditRecordsResponse* response) {
  return calls_.Serve(*context, "ListAuditRecords", response, [&] {
    return audit::ServeListAuditRecords(audit_pool_, *request, response);
  });
}

}  // namespace huiwu::safety
