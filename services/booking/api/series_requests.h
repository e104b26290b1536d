// Recurring series requests (例会: the weekly leadership meeting): validated, expanded
// into their occurrences and checked against the scheduling limits before anything is
// written; and series and per-occurrence results back into resources.
#ifndef HUIWU_SERVICES_BOOKING_API_SERIES_REQUESTS_H_
#define HUIWU_SERVICES_BOOKING_API_SERIES_REQUESTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "huiwu/booking/v1/booking_service.pb.h"
#include "services/booking/domain/meeting.h"
#include "services/booking/domain/recurrence.h"
#include "services/booking/domain/scheduling_limits.h"
#include "services/booking/store/booking_store.h"

namespace huiwu::booking {

struct CreateSeriesCommand {
  Meeting first;  // the template: every occurrence copies it at its own time
  RecurrenceRule rule;
  std::vector<TimeWindow> windows;  // the occurrences, in time order; windows[0] is first's
  std::vector<SkippedDay> skipped;  // holidays the rule fell on, left out
  std::string request_id;
};

struct ConfirmSeriesCommand {
  std::string series_id;
  TransitionCommand confirm;  // kConfirm; its room is for occurrences that name none
};

// "meetingSeries/{series}" → the id.
absl::StatusOr<std::string> ParseSeriesName(absl::string_view field, absl::string_view name);

// Validates the template meeting ("meeting.…") and the recurrence ("recurrence.…"),
// expands it in the center's zone with the policy's working calendar and checks every
// occurrence against the kind's limits: an occurrence too far ahead is
// FAILED_PRECONDITION (reason TOO_FAR_AHEAD) naming its number and local date in
// metadata "occurrence" and "occurrence_date"; dates in a year the calendar lacks are
// FAILED_PRECONDITION (reason WORKING_CALENDAR_YEAR_MISSING) naming the year.
absl::StatusOr<CreateSeriesCommand> ParseCreateMeetingSeries(
    const v1::CreateMeetingSeriesRequest& request, const SchedulingPolicy& policy, absl::Time now);
absl::StatusOr<ConfirmSeriesCommand> ParseConfirmMeetingSeries(
    const v1::ConfirmMeetingSeriesRequest& request);

void ToProto(const MeetingSeriesRecord& series, v1::MeetingSeries* out);
void ToProto(const OccurrenceResult& result, v1::OccurrenceResult* out);
void ToProto(const SkippedDay& skipped, v1::WorkingDay* out);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_API_SERIES_REQUESTS_H_
