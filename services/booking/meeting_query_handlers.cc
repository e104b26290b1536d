// BookingService: listing meetings and changing their details.
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/booking/api/meeting_list_requests.h"
#include "services/booking/api/meeting_requests.h"
#include "services/booking/api/meeting_update_requests.h"
#include "services/booking/booking_service.h"
#include "services/booking/domain/organizer_scope.h"

namespace huiwu::booking {

grpc::Status BookingService::ListMeetings(grpc::ServerContext* context,
                                          const v1::ListMeetingsRequest* request,
                                          v1::ListMeetingsResponse* response) {
  return calls_.Serve(*context, "ListMeetings", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ListMeetingsQuery query, ParseListMeetings(*request));
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    std::optional<std::string> unit = ScopedUnitFilter(query.filter.organizer_unit, scope);
    if (!unit.has_value()) return absl::OkStatus();
    MeetingFilter filter = query.filter;
    filter.organizer_unit = *std::move(unit);
    // A title search must not find a confidential meeting the caller sees as 内部会议.
    ASSIGN_OR_RETURN(api::ConfidentialViewer viewer, ViewerOf(*context));
    filter.title_sees_confidential = viewer.sees_all;
    filter.title_viewer_unit = viewer.organizer_unit;
    // One more than a page tells whether another page follows.
    ASSIGN_OR_RETURN(
        std::vector<Meeting> meetings,
        store_.ListMeetings(filter, query.after_start, query.after_id, query.page_size + 1));
    const bool more = static_cast<int>(meetings.size()) > query.page_size;
    if (more) meetings.pop_back();
    for (const Meeting& meeting : meetings) ToProto(meeting, response->add_meetings());
    if (more) response->set_next_page_token(NextMeetingsPageToken(query, meetings.back()));
    return absl::OkStatus();
  });
}

grpc::Status BookingService::UpdateMeeting(grpc::ServerContext* context,
                                           const v1::UpdateMeetingRequest* request,
                                           v1::UpdateMeetingResponse* response) {
  return calls_.ServeMutation(*context, *request, "UpdateMeeting", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(UpdateMeetingCommand command, ParseUpdateMeeting(*request));
    ASSIGN_OR_RETURN(std::string scope, OrganizerScopeOf(*context));
    ASSIGN_OR_RETURN(Meeting meeting,
                     store_.UpdateMeeting(
                         command.meeting_id, command.etag, command.following,
                         [&](Meeting& stored) -> absl::Status {
                           RETURN_IF_ERROR(ApplyMeetingUpdate(command, policy_, stored));
                           return CheckActsFor("meeting.organizer_unit", stored.organizer_unit,
                                               scope);
                         },
                         clock_.Now(), scope));
    ToProto(meeting, response->mutable_meeting());
    return absl::OkStatus();
  });
}

}  // namespace huiwu::booking
