#include "common/events/sequencer.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/events/signal.h"
#include "common/log/log.h"
#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"

namespace huiwu::events {
namespace {

constexpr char kAnyUnsequenced[] = "SELECT 1 FROM event_outbox WHERE seq IS NULL LIMIT 1";
constexpr char kLockSequence[] = "SELECT last_seq FROM event_sequence WHERE id = 1 FOR UPDATE";
// A plain read sees committed rows only (READ COMMITTED): a row of a transaction still
// open is neither seen nor waited for, and gets a higher cursor in a later round.
constexpr char kSelectUnsequenced[] =
    "SELECT id FROM event_outbox WHERE seq IS NULL ORDER BY create_time, id LIMIT ?";
constexpr int kChunk = 50;

// Numbers up to kChunk rows by id in one statement: row i of the list gets base + i + 1
// (FIELD is its 1-based place; unused places hold id 0, which no row has), so cursors
// follow the list's (create_time, id) order. By primary key only: a condition on seq
// would scan its index through the rows of transactions still open and wait for their
// locks. The rows were read unsequenced under the event_sequence lock, so no other
// sequencer on this server numbers them meanwhile; one on another Galera node writes the
// same rows and certification refuses one of the two rounds.
const std::string& NumberChunkSql() {
  static const std::string* sql = [] {
    std::string places = "?";
    for (int i = 1; i < kChunk; ++i) places += ", ?";
    return new std::string("UPDATE event_outbox SET seq = ? + FIELD(id, " + places +
                           "), sequence_time = ? WHERE id IN (" + places + ")");
  }();
  return *sql;
}
constexpr char kWriteSequence[] = "UPDATE event_sequence SET last_seq = ? WHERE id = 1";
constexpr char kCountBacklog[] = "SELECT COUNT(*) FROM event_outbox WHERE seq IS NULL";
constexpr char kReadHead[] = "SELECT last_seq FROM event_sequence WHERE id = 1";
// The newest cursor among the oldest 10,000 events that is past the retention.
constexpr char kPrunable[] =
    "SELECT MAX(seq) FROM (SELECT seq, sequence_time FROM event_outbox "
    "WHERE seq IS NOT NULL ORDER BY seq LIMIT 10000) oldest WHERE sequence_time < ?";
constexpr char kMarkPruned[] =
    "UPDATE event_sequence SET pruned_through = GREATEST(pruned_through, ?) WHERE id = 1";
constexpr char kDeletePruned[] = "DELETE FROM event_outbox WHERE seq <= ?";

constexpr absl::Duration kPruneInterval = absl::Minutes(1);
constexpr int kRoundLimit = 1000;
constexpr absl::Duration kGaugeInterval = absl::Seconds(5);

}  // namespace

Sequencer::Sequencer(db::ConnectionPool& pool, config::EventsConfig config,
                     prometheus::Registry* registry)
    : pool_(pool), config_(config) {
  if (registry == nullptr) return;
  backlog_ = &prometheus::BuildGauge()
                  .Name("huiwu_event_outbox_backlog")
                  .Help("Committed events not yet given a cursor (streams cannot see them yet).")
                  .Register(*registry)
                  .Add({});
  head_ = &prometheus::BuildGauge()
               .Name("huiwu_event_outbox_head_cursor")
               .Help("The newest cursor of this service's event stream.")
               .Register(*registry)
               .Add({});
  sequenced_ = &prometheus::BuildCounter()
                    .Name("huiwu_event_outbox_sequenced_total")
                    .Help("Events given a cursor by this process.")
                    .Register(*registry)
                    .Add({});
  pruned_ = &prometheus::BuildCounter()
                 .Name("huiwu_event_outbox_pruned_total")
                 .Help("Events deleted past the retention by this process.")
                 .Register(*registry)
                 .Add({});
}

Sequencer::~Sequencer() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  EventsCommitted().Raise();  // wakes the loop at once
  if (thread_.joinable()) thread_.join();
}

void Sequencer::Start() {
  thread_ = std::thread([this] { Run(); });
}

absl::StatusOr<int> Sequencer::SequenceOnce(absl::Time now, int limit) {
  // A plain read first: a poll usually finds nothing, and the wake-up signal is the
  // process's, raised by every service's commits when several share one process (the
  // tests, the benchmark).
  bool any = false;
  absl::Status looked = db::ReadOnly(pool_, "SequenceEvents.look", [&](db::Connection& c) {
    std::unique_ptr<sql::ResultSet> rows(c.Prepare(kAnyUnsequenced).executeQuery());
    any = rows->next();
    return absl::OkStatus();
  });
  if (!looked.ok()) return looked;
  if (!any) return 0;

  int numbered = 0;
  absl::Status status = db::InTransaction(pool_, "SequenceEvents", [&](db::Connection& c) {
    numbered = 0;
    int64_t last = 0;
    {
      std::unique_ptr<sql::ResultSet> rows(c.Prepare(kLockSequence).executeQuery());
      if (rows->next()) last = rows->getInt64(1);
    }
    std::vector<int64_t> ids;
    {
      auto& select = c.Prepare(kSelectUnsequenced);
      select.setInt(1, limit);
      std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
      while (rows->next()) ids.push_back(rows->getInt64(1));
    }
    if (ids.empty()) return absl::OkStatus();
    auto& number = c.Prepare(NumberChunkSql());
    for (size_t from = 0; from < ids.size(); from += kChunk) {
      number.setInt64(1, last + static_cast<int64_t>(from));
      for (int i = 0; i < kChunk; ++i) {
        const size_t at = from + i;
        const int64_t id = at < ids.size() ? ids[at] : 0;
        number.setInt64(2 + i, id);
        number.setInt64(3 + kChunk + i, id);
      }
      number.setDateTime(2 + kChunk, db::ToSqlDateTime(now));
      numbered += number.executeUpdate();
    }
    // Every row read was numbered (nothing else numbers or deletes unnumbered rows while
    // the lock is held), so the cursors are last + 1 … last + numbered, without a gap. A
    // shortfall would leave one: the round is undone instead, and the next one reads again.
    if (numbered != static_cast<int>(ids.size())) {
      return absl::AbortedError(
          absl::StrCat("numbered ", numbered, " of ", ids.size(), " events; the round is undone"));
    }
    auto& write = c.Prepare(kWriteSequence);
    write.setInt64(1, last + numbered);
    write.executeUpdate();
    c.AfterCommit([] { EventsSequenced().Raise(); });
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (sequenced_ != nullptr) sequenced_->Increment(numbered);
  return numbered;
}

absl::StatusOr<int> Sequencer::PruneOnce(absl::Time now) {
  int deleted = 0;
  absl::Status status = db::InTransaction(pool_, "PruneEvents", [&](db::Connection& c) {
    deleted = 0;
    auto& prunable = c.Prepare(kPrunable);
    prunable.setDateTime(1, db::ToSqlDateTime(now - config_.retention));
    int64_t through = 0;
    {
      std::unique_ptr<sql::ResultSet> rows(prunable.executeQuery());
      if (!rows->next() || rows->isNull(1)) return absl::OkStatus();
      through = rows->getInt64(1);
    }
    // pruned_through first: a reader checks it after reading, so it never mistakes a gap
    // left by the deletion for the end of the stream (event_stream_service.cc).
    auto& mark = c.Prepare(kMarkPruned);
    mark.setInt64(1, through);
    mark.executeUpdate();
    auto& remove = c.Prepare(kDeletePruned);
    remove.setInt64(1, through);
    deleted = remove.executeUpdate();
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (pruned_ != nullptr) pruned_->Increment(deleted);
  return deleted;
}

void Sequencer::UpdateGauges() {
  if (backlog_ == nullptr) return;
  db::ReadOnly(pool_, "EventGauges", [&](db::Connection& c) {
    std::unique_ptr<sql::ResultSet> backlog(c.Prepare(kCountBacklog).executeQuery());
    if (backlog->next()) backlog_->Set(static_cast<double>(backlog->getInt64(1)));
    std::unique_ptr<sql::ResultSet> head(c.Prepare(kReadHead).executeQuery());
    if (head->next()) head_->Set(static_cast<double>(head->getInt64(1)));
    return absl::OkStatus();
  }).IgnoreError();
}

void Sequencer::Run() {
  absl::Time next_prune = absl::Now() + kPruneInterval;
  absl::Time next_gauges = absl::Now();
  uint64_t seen = EventsCommitted().generation();
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
    }
    try {
      for (;;) {
        absl::StatusOr<int> numbered = SequenceOnce(absl::Now(), kRoundLimit);
        if (!numbered.ok()) {
          log::Warning("sequence_events_failed", {{"message", numbered.status().message()}});
          break;
        }
        if (*numbered < kRoundLimit) break;  // caught up
      }
      if (absl::Now() >= next_prune) {
        absl::StatusOr<int> pruned = PruneOnce(absl::Now());
        if (!pruned.ok()) {
          log::Warning("prune_events_failed", {{"message", pruned.status().message()}});
        }
        next_prune = absl::Now() + kPruneInterval;
      }
      if (absl::Now() >= next_gauges) {
        UpdateGauges();
        next_gauges = absl::Now() + kGaugeInterval;
      }
    } catch (const std::exception& e) {
      log::Error("sequencer_failed", {{"message", e.what()}});
    }
    seen = EventsCommitted().WaitAfter(seen, absl::Now() + config_.poll_interval);
  }
}

}  // namespace huiwu::events
