#include "services/booking/reports/feedback_report.h"

#include <map>
#include <string>

#include "common/status/status_macros.h"
#include "services/booking/api/feedback_requests.h"
#include "services/booking/domain/feedback_figures.h"

namespace huiwu::booking {

absl::Status FillFeedbackFigures(FeedbackStore& store, const std::vector<ReportRoom>& rooms,
                                 TimeWindow period, v1::FeedbackFigures* out) {
  ASSIGN_OR_RETURN(FeedbackPeriod facts, store.ReadPeriod(period));
  std::map<RoomKey2, std::string> names;
  for (const ReportRoom& room : rooms) {
    names[{room.building_id, room.room_id}] = room.display_name;
  }
  ToProto(TallyFeedback(facts.meetings_completed, facts.evaluations, facts.complaints), names, out);
  return absl::OkStatus();
}

}  // namespace huiwu::booking
