// Follows another service's event stream for one Subscription: streams from the cursor
// kept in this service's own database, applies each event through the subscription's
// handler with the cursor written in the same transaction (subscription.h), and
// reconnects with backoff when the producer is down or restarts.
#ifndef HUIWU_COMMON_EVENTS_CONSUMER_H_
#define HUIWU_COMMON_EVENTS_CONSUMER_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/config/tls_config.h"
#include "common/db/pool.h"
#include "common/events/subscription.h"
#include "grpcpp/client_context.h"
#include "grpcpp/security/credentials.h"

namespace prometheus {
class Counter;
class Gauge;
class Registry;
}  // namespace prometheus

namespace huiwu::events {

// What happened to one event.
enum class Applied { kApplied, kAlreadyApplied, kFailed, kRetryLater };

class Consumer final {
 public:
  // `registry` may be null (no metrics).
  // `tls`: how to reach `target` (common/server/credentials.h).
  Consumer(std::string source, std::string target, const config::TlsConfig& tls,
           std::vector<std::string> types, EventHandler handler, db::ConnectionPool& pool,
           prometheus::Registry* registry);
  ~Consumer();  // cancels the stream and joins the thread

  void Start();

  // Applies one event now, on the calling thread (the loop's step; tests drive it).
  Applied Apply(const huiwu::events::v1::Event& event);

  // The stored cursor: the last event applied (0: none yet).
  absl::StatusOr<int64_t> StoredCursor();

 private:
  void Run();
  // Streams until the stream ends or an event must be retried later.
  void StreamOnce();
  absl::Status SaveCursor(int64_t cursor);

  const std::string source_;
  const std::string target_;
  // Made once: each stream's new channel shares them (and their file watcher).
  const std::shared_ptr<grpc::ChannelCredentials> credentials_;
  const std::vector<std::string> types_;
  const EventHandler handler_;
  db::ConnectionPool& pool_;

  prometheus::Counter* applied_ = nullptr;
  prometheus::Counter* failed_ = nullptr;
  prometheus::Counter* retried_ = nullptr;
  prometheus::Gauge* lag_events_ = nullptr;
  prometheus::Gauge* lag_seconds_ = nullptr;
  prometheus::Gauge* cursor_ = nullptr;

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  grpc::ClientContext* call_ ABSL_GUARDED_BY(mu_) = nullptr;  // the open stream, to cancel
  std::thread thread_;
};

}  // namespace huiwu::events

#endif  // HUIWU_COMMON_EVENTS_CONSUMER_H_
