#include "services/safety/meeting_event_handler.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"
#include "common/log/log.h"
#include "common/server/service_host.h"
#include "common/status/status_macros.h"
#include "services/safety/api/names.h"
#include "services/safety/domain/facility.h"

namespace huiwu::safety {

absl::Status MeetingEventHandler::Handle(const events::v1::Event& event) {
  if (event.type() == booking::v1::MeetingCompleted::descriptor()->full_name()) {
    booking::v1::MeetingCompleted completed;
    RETURN_IF_ERROR(events::UnpackPayload(event, completed));
    return OnMeetingCompleted(completed);
  }
  return absl::OkStatus();
}

absl::Status MeetingEventHandler::OnMeetingCompleted(
    const booking::v1::MeetingCompleted& completed) {
  const booking::v1::Meeting& meeting = completed.meeting();
  DisinfectionTask task;
  ASSIGN_OR_RETURN(task.meeting_id, ParseId("meeting.name", meeting.name(), "meetings"));
  ASSIGN_OR_RETURN(task.room, ParseRoom("meeting.room", meeting.room()));
  if (!meeting.has_end_time()) {
    return absl::InvalidArgumentError(
        absl::StrCat(meeting.name(), " completed without an end_time; no disinfection task"));
  }
  // The event carries the meeting as completed: update_time is when it was completed.
  task.meeting_end_time = MeetingEnd(
      api::FromTimestamp(meeting.end_time()),
      meeting.has_update_time() ? api::FromTimestamp(meeting.update_time()) : absl::InfinitePast());
  ASSIGN_OR_RETURN(OpenedDisinfection result, store_.OpenMeetingDisinfection(task, clock_.Now()));
  if (result.opened) {
    log::Info("disinfection_due", {{"meeting", meeting.name()},
                                   {"room", meeting.room()},
                                   {"disinfection_task", "disinfectionTasks/" + result.task.id}});
  }
  return absl::OkStatus();
}

events::Subscription BookingEventsSubscription(const Clock& clock) {
  return events::Subscription{"booking",
                              {booking::v1::MeetingCompleted::descriptor()->full_name()},
                              [&clock](server::ServiceContext& context) -> events::EventHandler {
                                auto store = std::make_shared<SafetyStore>(context.pool);
                                auto handler = std::make_shared<MeetingEventHandler>(*store, clock);
                                return [store, handler](const events::v1::Event& event) {
                                  return handler->Handle(event);
                                };
                              }};
}

}  // namespace huiwu::safety
