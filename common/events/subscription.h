// What a service consumes from another service's event stream: the source, the event
// types and what to do with each event. The host runs one consumer per subscription.
#ifndef HUIWU_COMMON_EVENTS_SUBSCRIPTION_H_
#define HUIWU_COMMON_EVENTS_SUBSCRIPTION_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "huiwu/events/v1/events.pb.h"

namespace huiwu::server {
struct ServiceContext;
}

namespace huiwu::events {

// Applies one event. Runs on the consumer's thread. The consumer's cursor is written by
// the FIRST transaction the handler commits through db::InTransaction, inside it (a
// db::ScopedCommitHook), so an event's effect and the consumer's position commit
// together: exactly once across crashes and restarts of either side, and across
// consumer replicas (a replica that finds the event already applied rolls its
// transaction back). A handler should therefore make its effect in one transaction.
// Returns:
//   OK                 applied (or nothing to do: the cursor still advances);
//   UNAVAILABLE, ABORTED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED
//                      not now: the same event is retried after a backoff;
//   anything else      the event cannot take effect (logged and counted as
//                      huiwu_event_consumer_failures_total); the cursor advances.
using EventHandler = std::function<absl::Status(const huiwu::events::v1::Event& event)>;

struct Subscription {
  // The producing service ("booking"): names the cursor row and the metrics, and picks
  // its address from config.peers (empty switches the subscription off, logged at start).
  std::string source;
  // Full message names of the payloads wanted; the stream is filtered by the producer.
  std::vector<std::string> types;
  // Builds the handler once, at start-up, with the service's context.
  std::function<EventHandler(server::ServiceContext&)> make_handler;
};

// The event's payload as `T`; INVALID_ARGUMENT when it holds another type.
template <typename T>
absl::Status UnpackPayload(const huiwu::events::v1::Event& event, T& out) {
  if (event.payload().UnpackTo(&out)) return absl::OkStatus();
  return absl::InvalidArgumentError("event " + std::to_string(event.cursor()) + " of type " +
                                    event.type() + " does not hold a " +
                                    T::descriptor()->full_name());
}

}  // namespace huiwu::events

#endif  // HUIWU_COMMON_EVENTS_SUBSCRIPTION_H_
