// Numbers committed outbox events (their cursors), in a transaction of its own, one
// sequencer at a time.
//
// The trap it avoids: ids allocated by concurrent transactions commit out of id order
// (and on Galera each node allocates its own id stride), so a reader that takes
// "everything after id N" can pass over an event that commits late, and never see it.
// Here a cursor is given only to committed rows, and every sequencing round takes the
// event_sequence row (FOR UPDATE, and writes it): rounds are serialized on one server
// and, on Galera, certification lets one round of two racing nodes commit and the
// other retry. So cursors become visible in increasing order: when a reader sees cursor
// N, every cursor below N is already visible, on every node.
#ifndef HUIWU_COMMON_EVENTS_SEQUENCER_H_
#define HUIWU_COMMON_EVENTS_SEQUENCER_H_

#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/config/config.h"
#include "common/db/pool.h"

namespace prometheus {
class Counter;
class Gauge;
class Registry;
}  // namespace prometheus

namespace huiwu::events {

class Sequencer final {
 public:
  // `registry` may be null (no metrics).
  Sequencer(db::ConnectionPool& pool, config::EventsConfig config, prometheus::Registry* registry);
  ~Sequencer();  // stops the thread

  // Runs the loop on a thread: numbers events as local commits signal them and, every
  // poll interval, those committed elsewhere; prunes past the retention once a minute.
  void Start();

  // One round: numbers up to `limit` committed, unnumbered events in (commit time, id)
  // order; returns how many.
  absl::StatusOr<int> SequenceOnce(absl::Time now, int limit = 1000);
  // Deletes up to 10,000 numbered events older than the retention and records the
  // newest deleted cursor (pruned_through); returns how many.
  absl::StatusOr<int> PruneOnce(absl::Time now);

 private:
  void Run();
  void UpdateGauges();

  db::ConnectionPool& pool_;
  const config::EventsConfig config_;
  prometheus::Gauge* backlog_ = nullptr;
  prometheus::Gauge* head_ = nullptr;
  prometheus::Counter* sequenced_ = nullptr;
  prometheus::Counter* pruned_ = nullptr;

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace huiwu::events

#endif  // HUIWU_COMMON_EVENTS_SEQUENCER_H_
