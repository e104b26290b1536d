// A process-wide "something changed" signal: waiters wake when it is raised or when
// their deadline passes, whichever comes first. Raised after a local commit that wrote
// events (the sequencer wakes) and after the sequencer numbered events (streams wake);
// events committed by other replicas are found by the periodic look instead.
#ifndef HUIWU_COMMON_EVENTS_SIGNAL_H_
#define HUIWU_COMMON_EVENTS_SIGNAL_H_

#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace huiwu::events {

class Signal final {
 public:
  // The current generation; pass it to WaitAfter.
  uint64_t generation() const;
  void Raise();
  // Waits until the generation moves past `seen` or `deadline`; returns the generation.
  uint64_t WaitAfter(uint64_t seen, absl::Time deadline) const;

 private:
  mutable absl::Mutex mu_;
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
};

// Raised by Publish's commit: the sequencer has work.
Signal& EventsCommitted();
// Raised by the sequencer: streams have new cursors to read.
Signal& EventsSequenced();

}  // namespace huiwu::events

#endif  // HUIWU_COMMON_EVENTS_SIGNAL_H_
