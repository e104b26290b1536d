// The automatic re-report (再次上报、多次上报直到问题解决): an open hazard past its deadline
// is reported one level up, and again at each further deadline until it is resolved.
#ifndef HUIWU_SERVICES_SAFETY_ESCALATOR_H_
#define HUIWU_SERVICES_SAFETY_ESCALATOR_H_

#include "common/time/clock.h"
#include "services/safety/store/safety_store.h"

namespace huiwu::safety {

class Escalator final {
 public:
  // At most this many hazards per pass; the next pass takes the rest.
  static constexpr int kMaxPerPass = 500;

  // `store` and `clock` must outlive the escalator.
  Escalator(SafetyStore& store, const Clock& clock) : store_(store), clock_(clock) {}

  // One pass at the clock's now: each open hazard past its deadline is escalated once
  // (a hazard overdue by several periods climbs one step per pass). Safe with several
  // replicas: each step is a guarded row write (SafetyStore::EscalateIfDue), so it
  // happens once. Returns how many steps this pass took. Errors are logged.
  int RunOnce();

 private:
  SafetyStore& store_;
  const Clock& clock_;
};

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_ESCALATOR_H_
