#include "common/events/consumer.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/audit/audit_scope.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/log/log.h"
#include "common/server/credentials.h"
#include "common/server/peer_channel.h"
#include "common/status/errors.h"
#include "google/protobuf/util/time_util.h"
#include "huiwu/events/v1/events.grpc.pb.h"
#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"

namespace huiwu::events {
namespace {

using huiwu::events::v1::Event;

constexpr char kLockCursor[] = "SELECT position FROM event_cursors WHERE source = ? FOR UPDATE";
constexpr char kReadCursor[] = "SELECT position FROM event_cursors WHERE source = ?";
constexpr char kWriteCursor[] =
    "INSERT INTO event_cursors (source, position, update_time) VALUES (?, ?, ?) "
    "ON DUPLICATE KEY UPDATE position = VALUES(position), update_time = VALUES(update_time)";

constexpr absl::Duration kMinBackoff = absl::Milliseconds(200);
constexpr absl::Duration kMaxBackoff = absl::Seconds(5);

bool RetryLater(absl::StatusCode code) {
  return code == absl::StatusCode::kUnavailable || code == absl::StatusCode::kAborted ||
         code == absl::StatusCode::kDeadlineExceeded ||
         code == absl::StatusCode::kResourceExhausted;
}

// Takes the cursor row locked and advances it to `cursor`, unless another replica of
// this consumer (or an earlier run) already applied that event: then false, and the
// caller rolls its transaction back.
bool AdvanceCursor(db::Connection& c, const std::string& source, int64_t cursor) {
  auto& lock = c.Prepare(kLockCursor);
  lock.setString(1, source);
  std::unique_ptr<sql::ResultSet> rows(lock.executeQuery());
  if (rows->next() && rows->getInt64(1) >= cursor) return false;
  auto& write = c.Prepare(kWriteCursor);
  write.setString(1, source);
  write.setInt64(2, cursor);
  write.setDateTime(3, db::ToSqlDateTime(absl::Now()));
  write.executeUpdate();
  return true;
}

}  // namespace

Consumer::Consumer(std::string source, std::string target, const config::TlsConfig& tls,
                   std::vector<std::string> types, EventHandler handler, db::ConnectionPool& pool,
                   prometheus::Registry* registry)
    : source_(std::move(source)),
      target_(std::move(target)),
      credentials_(server::ChannelCredentials(tls)),
      types_(std::move(types)),
      handler_(std::move(handler)),
      pool_(pool) {
  if (registry == nullptr) return;
  const prometheus::Labels labels{{"source", source_}};
  auto& events = prometheus::BuildCounter()
                     .Name("huiwu_event_consumer_events_total")
                     .Help("Events taken from another service's stream, by outcome.")
                     .Register(*registry);
  applied_ = &events.Add({{"source", source_}, {"outcome", "applied"}});
  failed_ = &events.Add({{"source", source_}, {"outcome", "failed"}});
  retried_ = &events.Add({{"source", source_}, {"outcome", "retried"}});
  lag_events_ = &prometheus::BuildGauge()
                     .Name("huiwu_event_consumer_lag_events")
                     .Help("Events the producer has committed that this consumer has not applied.")
                     .Register(*registry)
                     .Add(labels);
  lag_seconds_ = &prometheus::BuildGauge()
                      .Name("huiwu_event_consumer_lag_seconds")
                      .Help("Age of the last event applied when it was applied (0 when caught up).")
                      .Register(*registry)
                      .Add(labels);
  cursor_ = &prometheus::BuildGauge()
                 .Name("huiwu_event_consumer_cursor")
                 .Help("The last cursor applied, per source.")
                 .Register(*registry)
                 .Add(labels);
}

Consumer::~Consumer() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    if (call_ != nullptr) call_->TryCancel();
  }
  if (thread_.joinable()) thread_.join();
}

void Consumer::Start() {
  thread_ = std::thread([this] { Run(); });
}

absl::StatusOr<int64_t> Consumer::StoredCursor() {
  int64_t cursor = 0;
  absl::Status status = db::ReadOnly(pool_, "ReadEventCursor", [&](db::Connection& c) {
    auto& read = c.Prepare(kReadCursor);
    read.setString(1, source_);
    std::unique_ptr<sql::ResultSet> rows(read.executeQuery());
    cursor = rows->next() ? rows->getInt64(1) : 0;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return cursor;
}

absl::Status Consumer::SaveCursor(int64_t cursor) {
  return db::InTransaction(pool_, "SaveEventCursor", [&](db::Connection& c) {
    AdvanceCursor(c, source_, cursor);
    return absl::OkStatus();
  });
}

Applied Consumer::Apply(const Event& event) {
  // Cheap first look, so a replayed event does not even run the handler; the locked look
  // in the effect's transaction below is what decides a race between replicas.
  absl::StatusOr<int64_t> stored = StoredCursor();
  if (!stored.ok()) return Applied::kRetryLater;
  if (*stored >= event.cursor()) return Applied::kAlreadyApplied;
  bool already_applied = false;
  absl::Status status;
  bool committed = false;
  {
    db::ScopedCommitHook hook([&](db::Connection& c) {
      already_applied = !AdvanceCursor(c, source_, event.cursor());
      if (!already_applied) return absl::OkStatus();
      return ErrorWithReason(absl::StatusCode::kAborted, "EVENT_ALREADY_APPLIED",
                             absl::StrCat("event ", event.cursor(), " of ", source_,
                                          " was applied by another consumer"));
    });
    // What the service does on another's event is its own mutation, recorded as the
    // system's: each transaction of the handler that changed something.
    audit::Scope audit(audit::SystemRecord(absl::StrCat("events-", source_), event.type()),
                       audit::Scope::Kind::kSystem);
    try {
      status = handler_(event);
    } catch (const std::exception& e) {
      status = absl::InternalError(absl::StrCat("handler threw: ", e.what()));
    }
    committed = hook.committed();
  }
  if (already_applied && !committed) return Applied::kAlreadyApplied;
  if (!committed) {
    if (!status.ok() && RetryLater(status.code())) {
      if (retried_ != nullptr) retried_->Increment();
      log::Warning("event_retry_later", {{"source", source_},
                                         {"cursor", absl::StrCat(event.cursor())},
                                         {"type", event.type()},
                                         {"message", status.message()}});
      return Applied::kRetryLater;
    }
    // Nothing committed with the cursor: the handler had nothing to do, or the event
    // cannot take effect. Either way the stream moves on.
    absl::Status saved = SaveCursor(event.cursor());
    if (!saved.ok()) return Applied::kRetryLater;
  }
  if (!status.ok()) {
    if (failed_ != nullptr) failed_->Increment();
    log::Error("event_not_applied", {{"source", source_},
                                     {"cursor", absl::StrCat(event.cursor())},
                                     {"type", event.type()},
                                     {"message", status.message()}});
    return Applied::kFailed;
  }
  if (applied_ != nullptr) applied_->Increment();
  return Applied::kApplied;
}

void Consumer::StreamOnce() {
  absl::StatusOr<int64_t> stored = StoredCursor();
  if (!stored.ok()) {
    log::Warning("event_cursor_unreadable",
                 {{"source", source_}, {"message", stored.status().message()}});
    return;
  }
  int64_t cursor = *stored;
  auto stub =
      huiwu::events::v1::EventService::NewStub(server::MakePeerChannel(target_, credentials_));
  grpc::ClientContext context;
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    call_ = &context;
  }
  huiwu::events::v1::StreamEventsRequest request;
  request.set_after_cursor(cursor);
  for (const std::string& type : types_) request.add_types(type);
  auto reader = stub->StreamEvents(&context, request);
  huiwu::events::v1::StreamEventsResponse response;
  bool retry_later = false;
  while (!retry_later && reader->Read(&response)) {
    for (const Event& event : response.events()) {
      if (event.cursor() <= cursor) continue;  // at least once: seen before a reconnect
      if (Apply(event) == Applied::kRetryLater) {
        retry_later = true;
        break;
      }
      cursor = event.cursor();
      if (lag_seconds_ != nullptr) {
        const absl::Time committed = absl::FromUnixMicros(
            google::protobuf::util::TimeUtil::TimestampToMicroseconds(event.commit_time()));
        lag_seconds_->Set(
            absl::ToDoubleSeconds(std::max(absl::ZeroDuration(), absl::Now() - committed)));
      }
    }
    // Progress through events filtered out: remembered so a restart does not rescan.
    if (!retry_later && response.events().empty() && response.cursor() > cursor) {
      if (SaveCursor(response.cursor()).ok()) cursor = response.cursor();
    }
    if (cursor_ != nullptr) {
      cursor_->Set(static_cast<double>(cursor));
      lag_events_->Set(static_cast<double>(std::max<int64_t>(0, response.head_cursor() - cursor)));
      if (response.head_cursor() <= cursor) lag_seconds_->Set(0);
    }
  }
  if (retry_later) context.TryCancel();
  grpc::Status finished = reader->Finish();
  {
    absl::MutexLock lock(&mu_);
    call_ = nullptr;
  }
  if (!finished.ok() && finished.error_code() != grpc::StatusCode::CANCELLED) {
    log::Warning("event_stream_ended", {{"source", source_},
                                        {"target", target_},
                                        {"code", absl::StrCat(finished.error_code())},
                                        {"message", finished.error_message()}});
  }
}

void Consumer::Run() {
  absl::Duration backoff = kMinBackoff;
  for (;;) {
    const absl::Time started = absl::Now();
    try {
      StreamOnce();
    } catch (const std::exception& e) {
      log::Error("event_consumer_failed", {{"source", source_}, {"message", e.what()}});
    }
    // A stream that lasted a while was healthy: reconnect quickly.
    backoff = absl::Now() - started > absl::Seconds(10) ? kMinBackoff
                                                        : std::min(backoff * 2, kMaxBackoff);
    absl::MutexLock lock(&mu_);
    if (mu_.AwaitWithTimeout(absl::Condition(&stopping_), backoff)) return;
  }
}

}  // namespace huiwu::events
