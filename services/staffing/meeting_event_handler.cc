#include "services/staffing/meeting_event_handler.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/server/service_host.h"
#include "common/status/status_macros.h"
#include "common/time/center_zone.h"
#include "services/staffing/api/meeting_events.h"

namespace huiwu::staffing {
namespace {

void LogApplied(const events::v1::Event& event, const BookedMeeting& meeting,
                const MeetingStaffing& result) {
  if (!result.applied) return;
  const std::string cursor = absl::StrCat(event.cursor());
  const std::string assigned = absl::StrCat(result.assigned.size());
  const std::string released = absl::StrCat(result.released.size());
  const std::string shortfall = ShortfallKey(result.shortfall);
  const std::string name = absl::StrCat("meetings/", meeting.meeting_id);
  log::Info("meeting_event_applied", {{"event_type", event.type()},
                                      {"cursor", cursor},
                                      {"meeting", name},
                                      {"assigned", assigned},
                                      {"released", released},
                                      {"shortfall", shortfall}});
}

}  // namespace

absl::Status MeetingEventHandler::Handle(const events::v1::Event& event) {
  ASSIGN_OR_RETURN(MeetingEvent parsed, ParseMeetingEvent(event));
  const absl::Time now = clock_.Now();
  MeetingStaffing result;
  switch (EffectOf(parsed.type, parsed.meeting.state)) {
    case MeetingEffect::kNone:
      return absl::OkStatus();
    case MeetingEffect::kStaff: {
      ASSIGN_OR_RETURN(StaffingRequirement derived, DeriveRequirement(parsed.meeting));
      ASSIGN_OR_RETURN(result, store_.StaffMeeting(derived, now));
      break;
    }
    case MeetingEffect::kRelease: {
      ASSIGN_OR_RETURN(result, store_.ReleaseMeeting(parsed.meeting.meeting_id,
                                                     ReleaseReasonOf(parsed.type), now));
      break;
    }
    case MeetingEffect::kClose: {
      ASSIGN_OR_RETURN(result, store_.CloseMeeting(parsed.meeting.meeting_id, now));
      break;
    }
  }
  LogApplied(event, parsed.meeting, result);
  return absl::OkStatus();
}

events::Subscription MeetingEventsSubscription(const Clock& clock) {
  events::Subscription subscription;
  subscription.source = "booking";
  subscription.types = FollowedMeetingEventTypes();
  subscription.make_handler = [&clock](server::ServiceContext& context) -> events::EventHandler {
    auto handler = std::make_shared<MeetingEventHandler>(context.pool, clock, CenterTimeZone());
    return [handler](const events::v1::Event& event) { return handler->Handle(event); };
  };
  return subscription;
}

}  // namespace huiwu::staffing
