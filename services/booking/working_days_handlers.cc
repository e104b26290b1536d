// BookingService: the center's working days (法定节假日与调休), for the other services'
// rosters and for anyone planning around the holidays.
#include "common/status/status_macros.h"
#include "services/booking/api/working_days_requests.h"
#include "services/booking/booking_service.h"

namespace huiwu::booking {

grpc::Status BookingService::GetWorkingDays(grpc::ServerContext* context,
                                            const v1::GetWorkingDaysRequest* request,
                                            v1::GetWorkingDaysResponse* response) {
  return calls_.Serve(*context, "GetWorkingDays", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(DayRange range, ParseGetWorkingDays(*request));
    return DescribeRange(policy_.calendar(), range, response);
  });
}

}  // namespace huiwu::booking
