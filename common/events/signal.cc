#include "common/events/signal.h"

namespace huiwu::events {

uint64_t Signal::generation() const {
  absl::MutexLock lock(&mu_);
  return generation_;
}

void Signal::Raise() {
  absl::MutexLock lock(&mu_);
  ++generation_;
}

uint64_t Signal::WaitAfter(uint64_t seen, absl::Time deadline) const {
  absl::MutexLock lock(&mu_);
  auto moved = [this, seen]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return generation_ != seen; };
  mu_.AwaitWithDeadline(absl::Condition(&moved), deadline);
  return generation_;
}

Signal& EventsCommitted() {
  static Signal* signal = new Signal;
  return *signal;
}

Signal& EventsSequenced() {
  static Signal* signal = new Signal;
  return *signal;
}

}  // namespace huiwu::events
