// ListMeetings requests: filters validated and turned into a store query, with keyset
// page tokens bound to the filters.
#ifndef HUIWU_SERVICES_BOOKING_API_MEETING_LIST_REQUESTS_H_
#define HUIWU_SERVICES_BOOKING_API_MEETING_LIST_REQUESTS_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/api/field_checks.h"
#include "huiwu/booking/v1/booking_service.pb.h"
#include "services/booking/domain/meeting.h"
#include "services/booking/store/booking_store.h"

namespace huiwu::booking {

struct ListMeetingsQuery {
  MeetingFilter filter;
  int page_size = 0;
  // The last meeting of the previous page (keyset on (start_time, meeting_id)).
  std::optional<absl::Time> after_start;
  std::string after_id;
  std::string filter_text;  // canonical filter, bound into page tokens
};

absl::StatusOr<ListMeetingsQuery> ParseListMeetings(const v1::ListMeetingsRequest& request);
std::string NextMeetingsPageToken(const ListMeetingsQuery& query, const Meeting& last);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_API_MEETING_LIST_REQUESTS_H_
