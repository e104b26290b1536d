// BookingService: seating by rank (座次) and nameplates (桌牌).
#include "common/status/status_macros.h"
#include "services/booking/api/seating_requests.h"
#include "services/booking/booking_service.h"

namespace huiwu::booking {

grpc::Status BookingService::GetSeatingPlan(grpc::ServerContext* context,
                                            const v1::GetSeatingPlanRequest* request,
                                            v1::GetSeatingPlanResponse* response) {
  return calls_.Serve(*context, "GetSeatingPlan", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(SeatingPlanCall call, ParseGetSeatingPlan(*request));
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    return reports_->GetSeatingPlan(call, scope, response);
  });
}

}  // namespace huiwu::booking
