// The events of safety's changes (proto/huiwu/safety/v1/events.proto), written to the
// transactional outbox by the store transaction that makes the change (DESIGN §2): the
// change and its event commit together or not at all. A payload carries the resource
// as the API returns it (api/'s ToProto), so a consumer never needs a Get to see it.
#ifndef HUIWU_SERVICES_SAFETY_STORE_SAFETY_EVENTS_H_
#define HUIWU_SERVICES_SAFETY_STORE_SAFETY_EVENTS_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/db/connection.h"
#include "services/safety/domain/checklist.h"
#include "services/safety/domain/facility.h"
#include "services/safety/domain/hazard.h"
#include "services/safety/domain/place.h"

namespace huiwu::safety {

// A hazard's events, one per step of its life.
enum class HazardEvent {
  kOpened,
  kAssigned,
  kRectificationStarted,
  kEscalated,  // automatic at the deadline, or re-reported by hand (再次上报)
  kResolved,
  kVerified,
  kReopened,
};

// The event a hand-made hazard change publishes.
HazardEvent EventOf(HazardAction action);

// The place's subjects: its name and, for a room, its building, so that a follower of
// the building (booking, for critical hazards) sees its rooms' events too.
std::vector<std::string> PlaceSubjects(const Place& place);

// Each appends one event in the caller's transaction (events::Publish); throw like the
// driver.
void PublishHazard(db::Connection& c, HazardEvent event, const Hazard& hazard, absl::Time now);
void PublishDisinfectionDue(db::Connection& c, const DisinfectionTask& task, absl::Time now);
void PublishDisinfectionDone(db::Connection& c, const DisinfectionTask& task, absl::Time now);
void PublishInspectionSubmitted(db::Connection& c, const Inspection& inspection, absl::Time now);

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_STORE_SAFETY_EVENTS_H_
