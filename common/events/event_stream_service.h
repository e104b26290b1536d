// huiwu.events.v1.EventService, served by every host over its own service's outbox.
#ifndef HUIWU_COMMON_EVENTS_EVENT_STREAM_SERVICE_H_
#define HUIWU_COMMON_EVENTS_EVENT_STREAM_SERVICE_H_

#include <atomic>
#include <functional>
#include <string>

#include "common/config/config.h"
#include "common/db/pool.h"
#include "huiwu/events/v1/events.grpc.pb.h"

namespace huiwu::events {

class EventStreamService final : public huiwu::events::v1::EventService::Service {
 public:
  // `source` is the service's name ("booking"), stamped on each event.
  // `admit` decides first whether the caller may follow the stream (the host's
  // authorization policy) and what of it: with a required subject, only events that
  // carry it are sent (a unit-bound caller's OrganizerUnitSubject). None: everyone may
  // follow everything.
  struct Admission {
    grpc::Status status;
    std::string required_subject;  // empty: any event
  };
  using Admit = std::function<Admission(const grpc::ServerContext&)>;
  EventStreamService(std::string source, db::ConnectionPool& pool, config::EventsConfig config,
                     Admit admit = nullptr)
      : source_(std::move(source)), pool_(pool), config_(config), admit_(std::move(admit)) {}

  // Sync streaming: the call holds one server thread while it lasts. It reads a batch,
  // sends what matches, and when caught up waits for this process's sequencer or the
  // poll interval (events numbered by other replicas), until the caller cancels or
  // EndStreams.
  grpc::Status StreamEvents(
      grpc::ServerContext* context, const huiwu::events::v1::StreamEventsRequest* request,
      grpc::ServerWriter<huiwu::events::v1::StreamEventsResponse>* writer) override;

  // Ends every open stream (and refuses new ones) with UNAVAILABLE, so that the server's
  // shutdown grace is spent on calls that finish, not on followers that never do: they
  // resume from their cursor on another replica, or on this one after its restart.
  void EndStreams();

 private:
  const std::string source_;
  db::ConnectionPool& pool_;
  const config::EventsConfig config_;
  const Admit admit_;
  std::atomic<bool> ending_{false};
};

}  // namespace huiwu::events

#endif  // HUIWU_COMMON_EVENTS_EVENT_STREAM_SERVICE_H_
