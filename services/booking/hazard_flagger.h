// Booking's consumer of safety's hazard events (DESIGN §2): a hazard that blocks a room
// (high: its room; critical: every room of its building) flags the meetings still to be
// held there, so the dispatch hub (信息处理中心) can move them. They are not cancelled:
// the hazard may be fixed in time, and moving a meeting is the hub's decision.
#ifndef HUIWU_SERVICES_BOOKING_HAZARD_FLAGGER_H_
#define HUIWU_SERVICES_BOOKING_HAZARD_FLAGGER_H_

#include "absl/status/status.h"
#include "common/events/subscription.h"
#include "common/time/clock.h"
#include "huiwu/events/v1/events.pb.h"
#include "services/booking/domain/scheduling_limits.h"
#include "services/booking/store/booking_store.h"

namespace huiwu::booking {

class HazardFlagger final {
 public:
  HazardFlagger(BookingStore& store, const Clock& clock) : store_(store), clock_(clock) {}

  // One event of safety's stream (events::EventHandler): flags in one transaction, each
  // meeting once per hazard, so a redelivered event or the hazard's escalation after its
  // opening flags nothing twice. OK when the hazard blocks no room; INVALID_ARGUMENT
  // for an event that is not a hazard event or names no valid place (skipped).
  absl::Status Handle(const huiwu::events::v1::Event& event) const;

 private:
  BookingStore& store_;
  const Clock& clock_;
};

// Safety's HazardOpened, HazardEscalated and HazardReopened, handled by a HazardFlagger
// over the service's database. `clock` and `policy` must outlive the host.
events::Subscription HazardSubscription(const Clock& clock, const SchedulingPolicy& policy);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_HAZARD_FLAGGER_H_
