#include "services/booking/peers/call_group.h"

#include <utility>

namespace huiwu::booking::peers {

void CallGroup::Add(Starter start) {
  {
    absl::MutexLock lock(&state_->mu);
    if (state_->in_flight >= state_->max_in_flight) {
      state_->queued.push_back(std::move(start));
      return;
    }
    ++state_->in_flight;
  }
  Run(state_, std::move(start));
}

void CallGroup::Run(const std::shared_ptr<State>& state, Starter start) {
  start([state] { Finished(state); });
}

// A finished call hands its place to the next queued one, started from the gRPC thread
// that finished it: starting a callback-API call does not block.
void CallGroup::Finished(const std::shared_ptr<State>& state) {
  Starter next;
  {
    absl::MutexLock lock(&state->mu);
    if (state->queued.empty()) {
      --state->in_flight;
      return;
    }
    next = std::move(state->queued.front());
    state->queued.pop_front();
  }
  Run(state, std::move(next));
}

void CallGroup::Wait() {
  State* state = state_.get();
  absl::MutexLock lock(&state->mu);
  state->mu.Await(absl::Condition(
      +[](State* s)
           ABSL_NO_THREAD_SAFETY_ANALYSIS { return s->in_flight == 0 && s->queued.empty(); },
      state));
}

}  // namespace huiwu::booking::peers
