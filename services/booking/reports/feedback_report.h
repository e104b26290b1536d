// Ratings (服务评价) and complaints (投诉) of a period per room, as the feedback report
// and the weekly brief (每周业务简报) show them: booking's own data only.
#ifndef HUIWU_SERVICES_BOOKING_REPORTS_FEEDBACK_REPORT_H_
#define HUIWU_SERVICES_BOOKING_REPORTS_FEEDBACK_REPORT_H_

#include <vector>

#include "absl/status/status.h"
#include "huiwu/booking/v1/feedback.pb.h"
#include "services/booking/domain/time_window.h"
#include "services/booking/store/feedback_store.h"
#include "services/booking/store/report_store.h"

namespace huiwu::booking {

// The figures of `period`: evaluations of the meetings starting in it, complaints
// recorded in it. `rooms` names the rooms (ReportStore::ListReportRooms); a retired
// room is shown by its resource name.
absl::Status FillFeedbackFigures(FeedbackStore& store, const std::vector<ReportRoom>& rooms,
                                 TimeWindow period, v1::FeedbackFigures* out);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_REPORTS_FEEDBACK_REPORT_H_
