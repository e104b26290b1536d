// BookingService: service evaluation (服务评价), complaints (投诉) and the feedback report.
// An organizer unit's system rates and complains only about its own unit's meetings:
// another unit's meeting or complaint is NOT_FOUND, as elsewhere (issue 11).
#include "common/server/actor.h"
#include "common/status/status_macros.h"
#include "common/time/center_zone.h"
#include "services/booking/api/feedback_requests.h"
#include "services/booking/booking_service.h"
#include "services/booking/domain/calendar.h"
#include "services/booking/domain/organizer_scope.h"
#include "services/booking/reports/feedback_report.h"

namespace huiwu::booking {

grpc::Status BookingService::SubmitServiceEvaluation(
    grpc::ServerContext* context, const v1::SubmitServiceEvaluationRequest* request,
    v1::SubmitServiceEvaluationResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "SubmitServiceEvaluation", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(SubmitEvaluationCommand command, ParseSubmitServiceEvaluation(*request));
        ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
        ASSIGN_OR_RETURN(
            ServiceEvaluation stored,
            feedback_store_.SubmitEvaluation(command.evaluation, command.request_id,
                                             server::ActorOf(*context), scope, clock_.Now()));
        ToProto(stored, response->mutable_evaluation());
        return absl::OkStatus();
      });
}

grpc::Status BookingService::GetServiceEvaluation(grpc::ServerContext* context,
                                                  const v1::GetServiceEvaluationRequest* request,
                                                  v1::GetServiceEvaluationResponse* response) {
  return calls_.Serve(*context, "GetServiceEvaluation", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string meeting_id, ParseGetServiceEvaluation(*request));
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    ASSIGN_OR_RETURN(ServiceEvaluation evaluation,
                     feedback_store_.GetEvaluation(meeting_id, scope));
    ToProto(evaluation, response->mutable_evaluation());
    return absl::OkStatus();
  });
}

grpc::Status BookingService::RecordComplaint(grpc::ServerContext* context,
                                             const v1::RecordComplaintRequest* request,
                                             v1::RecordComplaintResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "RecordComplaint", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
        ASSIGN_OR_RETURN(RecordComplaintCommand command, ParseRecordComplaint(*request, scope));
        // A unit's system complains in its own name only (leaving the unit out is fine:
        // it is the caller's).
        if (!command.complaint.organizer_unit.empty()) {
          RETURN_IF_ERROR(
              CheckActsFor("complaint.organizer_unit", command.complaint.organizer_unit, scope));
        }
        ASSIGN_OR_RETURN(Complaint complaint, feedback_store_.RecordComplaint(
                                                  command.complaint, command.request_id,
                                                  server::ActorOf(*context), scope, clock_.Now()));
        ToProto(complaint, /*with_history=*/true, response->mutable_complaint());
        return absl::OkStatus();
      });
}

namespace {

// One step of a complaint's lifecycle, for the three methods below.
template <typename Response>
absl::Status StepComplaint(FeedbackStore& store, const absl::StatusOr<ComplaintStepCommand>& parsed,
                           const grpc::ServerContext& context, absl::string_view scope,
                           absl::Time now, Response* response) {
  RETURN_IF_ERROR(parsed.status());
  ASSIGN_OR_RETURN(Complaint complaint,
                   store.ChangeComplaint(parsed->complaint_id, parsed->etag, parsed->action,
                                         parsed->text, server::ActorOf(context), scope, now));
  ToProto(complaint, /*with_history=*/true, response->mutable_complaint());
  return absl::OkStatus();
}

}  // namespace

grpc::Status BookingService::AssignComplaint(grpc::ServerContext* context,
                                             const v1::AssignComplaintRequest* request,
                                             v1::AssignComplaintResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "AssignComplaint", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
        return StepComplaint(feedback_store_, ParseAssignComplaint(*request), *context, scope,
                             clock_.Now(), response);
      });
}

grpc::Status BookingService::AnswerComplaint(grpc::ServerContext* context,
                                             const v1::AnswerComplaintRequest* request,
                                             v1::AnswerComplaintResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "AnswerComplaint", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
        return StepComplaint(feedback_store_, ParseAnswerComplaint(*request), *context, scope,
                             clock_.Now(), response);
      });
}

grpc::Status BookingService::CloseComplaint(grpc::ServerContext* context,
                                            const v1::CloseComplaintRequest* request,
                                            v1::CloseComplaintResponse* response) {
  return calls_.ServeMutation(*context, *request, "CloseComplaint", response,
                              [&]() -> absl::Status {
                                ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
                                return StepComplaint(feedback_store_, ParseCloseComplaint(*request),
                                                     *context, scope, clock_.Now(), response);
                              });
}

grpc::Status BookingService::GetComplaint(grpc::ServerContext* context,
                                          const v1::GetComplaintRequest* request,
                                          v1::GetComplaintResponse* response) {
  return calls_.Serve(*context, "GetComplaint", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string complaint_id, ParseGetComplaint(*request));
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    ASSIGN_OR_RETURN(Complaint complaint, feedback_store_.GetComplaint(complaint_id, scope));
    ToProto(complaint, /*with_history=*/true, response->mutable_complaint());
    return absl::OkStatus();
  });
}

grpc::Status BookingService::ListComplaints(grpc::ServerContext* context,
                                            const v1::ListComplaintsRequest* request,
                                            v1::ListComplaintsResponse* response) {
  return calls_.Serve(*context, "ListComplaints", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ListComplaintsQuery query, ParseListComplaints(*request));
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    std::optional<std::string> unit = ScopedUnitFilter(query.filter.organizer_unit, scope);
    if (!unit.has_value()) return absl::OkStatus();  // another unit's: none exist for it
    query.filter.organizer_unit = *unit;
    // One more than a page tells whether another page follows.
    ASSIGN_OR_RETURN(std::vector<Complaint> complaints,
                     feedback_store_.ListComplaints(query.filter, query.after_time, query.after_id,
                                                    query.page_size + 1));
    const bool more = static_cast<int>(complaints.size()) > query.page_size;
    if (more) complaints.pop_back();
    for (const Complaint& c : complaints) {
      ToProto(c, /*with_history=*/false, response->add_complaints());
    }
    if (more) response->set_next_page_token(NextComplaintsPageToken(query, complaints.back()));
    return absl::OkStatus();
  });
}

grpc::Status BookingService::GetFeedbackReport(grpc::ServerContext* context,
                                               const v1::GetFeedbackReportRequest* request,
                                               v1::GetFeedbackReportResponse* response) {
  return calls_.Serve(*context, "GetFeedbackReport", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(auto range, ParseGetFeedbackReport(*request));
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    RETURN_IF_ERROR(CheckCenterWide("the feedback report", scope));
    const absl::TimeZone zone = CenterTimeZone();
    const TimeWindow period{DayWindow(range.first, zone).start, DayWindow(range.second, zone).end};
    ASSIGN_OR_RETURN(std::vector<ReportRoom> rooms, report_store_.ListReportRooms());
    return FillFeedbackFigures(feedback_store_, rooms, period, response->mutable_figures());
  });
}

}  // namespace huiwu::booking
