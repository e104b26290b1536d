// Inventory follows booking's meetings (issue 9, DESIGN §2): a confirmed meeting gets its
// kit reserved, a moved or resized one keeps it fitting, a cancelled or no-show one gives
// it back, a completed one has it settled. Thin: the event is unpacked and checked
// (api/meeting_events.h), the store applies it in one transaction (idempotent by the
// meeting: one kit per meeting), the rules are in domain/meeting_kit_rules.h.
//
// A shortage is never silent: ReserveKit refuses a short kit (all or nothing, for a
// person who can choose another source), but a kit reserved for a confirmed meeting is
// kept short — it holds what is available, records the rest as needed (short_lines, read
// by GetMeetingKit for the meeting's readiness) and publishes KitShort; the meeting's
// next event tops it up if stock came in.
#ifndef HUIWU_SERVICES_INVENTORY_MEETING_EVENT_HANDLER_H_
#define HUIWU_SERVICES_INVENTORY_MEETING_EVENT_HANDLER_H_

#include "absl/status/status.h"
#include "common/events/subscription.h"
#include "common/time/clock.h"
#include "huiwu/events/v1/events.pb.h"
#include "services/inventory/store/inventory_store.h"

namespace huiwu::inventory {

class MeetingEventHandler final {
 public:
  MeetingEventHandler(InventoryStore& store, const Clock& clock) : store_(store), clock_(clock) {}

  // OK when applied or when there is nothing to do (no kit, a closed kit, a type not
  // followed); INVALID_ARGUMENT for a payload that does not hold a valid meeting;
  // FAILED_PRECONDITION (NO_KIT_TEMPLATE) for a confirmed meeting without a kit norm;
  // the store's UNAVAILABLE/ABORTED, which the consumer retries.
  absl::Status Handle(const events::v1::Event& event);

 private:
  InventoryStore& store_;
  const Clock& clock_;
};

// Booking's meeting events, with a handler built on the service's own pool.
events::Subscription BookingMeetingsSubscription(const Clock& clock);

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_MEETING_EVENT_HANDLER_H_
