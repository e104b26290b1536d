// Waiting for something that happens in another thread or process: poll a condition
// with a bound, never sleep a guessed time.
#ifndef HUIWU_TESTS_SUPPORT_POLL_H_
#define HUIWU_TESTS_SUPPORT_POLL_H_

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace huiwu::testing {

// True as soon as `condition()` is; false if it still is not after `timeout`.
template <typename Condition>
bool PollUntil(Condition condition, absl::Duration timeout,
               absl::Duration interval = absl::Milliseconds(20)) {
  const absl::Time deadline = absl::Now() + timeout;
  for (;;) {
    if (condition()) return true;
    if (absl::Now() >= deadline) return false;
    absl::SleepFor(interval);
  }
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_POLL_H_
