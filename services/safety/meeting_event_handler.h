// Safety's side of booking's events: a completed meeting opens the disinfection task of
// its room (一会一消毒: tea sets are disinfected after every meeting), and the room is
// blocked for later meetings until the task is done (CheckRoomClearance).
#ifndef HUIWU_SERVICES_SAFETY_MEETING_EVENT_HANDLER_H_
#define HUIWU_SERVICES_SAFETY_MEETING_EVENT_HANDLER_H_

#include "absl/status/status.h"
#include "common/events/subscription.h"
#include "common/time/clock.h"
#include "huiwu/booking/v1/events.pb.h"
#include "huiwu/events/v1/events.pb.h"
#include "services/safety/store/safety_store.h"

namespace huiwu::safety {

class MeetingEventHandler final {
 public:
  // `store` and `clock` must outlive the handler.
  MeetingEventHandler(SafetyStore& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Applies one of booking's events in one store transaction, idempotently by the
  // meeting (one task per meeting however often the event arrives). Other types: OK,
  // nothing to do. A payload that cannot be a completed meeting (no room, a malformed
  // name): INVALID_ARGUMENT, which the consumer logs and skips; database trouble:
  // UNAVAILABLE or ABORTED, which it retries.
  absl::Status Handle(const events::v1::Event& event);

 private:
  absl::Status OnMeetingCompleted(const booking::v1::MeetingCompleted& completed);

  SafetyStore& store_;
  const Clock& clock_;
};

// Booking's event types safety follows. Only MeetingCompleted: a cancelled or released
// (no-show) meeting never served tea in the room, so there is nothing to disinfect.
events::Subscription BookingEventsSubscription(const Clock& clock);

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_MEETING_EVENT_HANDLER_H_
