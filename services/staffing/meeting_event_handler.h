// Staffing follows booking's meeting events (DESIGN §2): confirmed → the requirement is
// derived and people assigned; rescheduled or changed → the assignments follow (who no
// longer fits is released, the places re-filled); cancelled, rejected or released as a
// no-show → everybody released; completed → the assignments closed. A shortfall is
// published as StaffingShortfall, never silent. Thin: parse (api/), decide (domain/),
// apply in one store transaction, which also carries the consumer's cursor.
#ifndef HUIWU_SERVICES_STAFFING_MEETING_EVENT_HANDLER_H_
#define HUIWU_SERVICES_STAFFING_MEETING_EVENT_HANDLER_H_

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "common/events/subscription.h"
#include "common/time/clock.h"
#include "huiwu/events/v1/events.pb.h"
#include "services/staffing/store/staffing_store.h"

namespace huiwu::staffing {

class MeetingEventHandler final {
 public:
  MeetingEventHandler(db::ConnectionPool& pool, const Clock& clock, absl::TimeZone zone)
      : store_(pool, zone), clock_(clock) {}

  // OK when applied or nothing to do; the store's UNAVAILABLE/ABORTED (retried by the
  // consumer); INVALID_ARGUMENT for a malformed event and FAILED_PRECONDITION
  // (MEETING_NOT_STAFFABLE) for a meeting staffing cannot staff as one duty (both
  // logged and skipped by the consumer).
  absl::Status Handle(const events::v1::Event& event);

 private:
  StaffingStore store_;
  const Clock& clock_;
};

// Booking's meeting events, handled by a MeetingEventHandler; `clock` must outlive it.
events::Subscription MeetingEventsSubscription(const Clock& clock);

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_MEETING_EVENT_HANDLER_H_
