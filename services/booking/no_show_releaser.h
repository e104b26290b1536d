// Releases rooms booked and not used (DESIGN §1, sign-in 签到): a CONFIRMED meeting nobody
// signed in to by N minutes after its start (N per kind, see scheduling_limits.h) is
// cancelled as a no-show and its room freed for other units; never a VIP meeting.
#ifndef HUIWU_SERVICES_BOOKING_NO_SHOW_RELEASER_H_
#define HUIWU_SERVICES_BOOKING_NO_SHOW_RELEASER_H_

#include <utility>

#include "absl/time/time.h"
#include "common/time/clock.h"
#include "services/booking/domain/scheduling_limits.h"
#include "services/booking/store/booking_store.h"

namespace huiwu::booking {

inline constexpr char kNoShowActor[] = "system/no-show";

class NoShowReleaser final {
 public:
  // The sweep looks back this far: an index range over recent starts, not the whole
  // history. A meeting left CONFIRMED longer (the service was down for a week) stays for
  // the dispatch hub to close by hand.
  static constexpr absl::Duration kLookback = absl::Hours(7 * 24);
  // At most this many candidates per sweep; the next sweep takes the rest.
  static constexpr int kMaxPerSweep = 500;

  // `store`, `clock` and `policy` must outlive the releaser. `clearance` (RoomClearance's
  // check; empty: not checked) is asked before a release may confirm a notice waiting
  // for the freed room, as a cancel asks it (BookingStore::Transition).
  NoShowReleaser(BookingStore& store, const Clock& clock, const SchedulingPolicy& policy,
                 ClearanceCheck clearance = {})
      : store_(store), clock_(clock), policy_(policy), clearance_(std::move(clearance)) {}

  // One sweep: reads the CONFIRMED meetings without sign-in that started at least the
  // smallest release delay ago, decides each with ShouldReleaseNoShow, releases those
  // due. Returns how many this sweep released. Safe to run on several replicas at once:
  // the release re-checks the state and the sign-ins under the meeting's row lock, so a
  // meeting is released once and one signed in to meanwhile is kept. Errors are logged.
  int RunOnce();

 private:
  BookingStore& store_;
  const Clock& clock_;
  const SchedulingPolicy& policy_;
  const ClearanceCheck clearance_;
};

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_NO_SHOW_RELEASER_H_
