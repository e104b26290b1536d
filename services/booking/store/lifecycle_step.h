// One step of a meeting's lifecycle inside the caller's transaction, shared by the
// store's files: BookingStore::Transition runs it for one meeting, the series store runs
// it once per occurrence (confirm) or for a meeting and its later occurrences (cancel).
#ifndef HUIWU_SERVICES_BOOKING_STORE_LIFECYCLE_STEP_H_
#define HUIWU_SERVICES_BOOKING_STORE_LIFECYCLE_STEP_H_

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/db/connection.h"
#include "services/booking/domain/meeting.h"
#include "services/booking/store/booking_store.h"

namespace huiwu::booking {

// The longest a room can be held for one meeting: the longest meeting plus the largest
// set-up and clean-up buffers the API accepts.
absl::Duration LongestHold(absl::Duration longest_meeting);

// Moves `meeting`, loaded with its row lock, by `command.action`: checks the lifecycle
// (NextState), allocates the room (Confirm, via HoldRoom) or frees it (Reject, Cancel,
// ReleaseNoShow), writes the row and appends the history entry. Does not check the etag
// or the request_id: those belong to the call, not to the step. On error the caller
// must roll back (HoldRoom may have written the room's booking counter).
absl::Status ApplyTransition(db::Connection& c, Meeting& meeting, const TransitionCommand& command,
                             absl::Duration longest_meeting, absl::Time now);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_STORE_LIFECYCLE_STEP_H_
