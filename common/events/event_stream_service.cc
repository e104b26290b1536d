#include "common/events/event_stream_service.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <algorithm>
#include <istream>
#include <iterator>
#include <memory>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/api/field_checks.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/events/signal.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "google/protobuf/util/time_util.h"

namespace huiwu::events {
namespace {

using huiwu::events::v1::Event;
using huiwu::events::v1::StreamEventsRequest;
using huiwu::events::v1::StreamEventsResponse;

constexpr char kDomain[] = "events.huiwu";
constexpr int kBatch = 500;
constexpr int64_t kMaxCursor = int64_t{1} << 62;
constexpr int kMaxFilters = 50;

constexpr char kReadEvents[] =
    "SELECT seq, type, subjects, payload, sequence_time FROM event_outbox "
    "WHERE seq > ? ORDER BY seq LIMIT ?";
constexpr char kReadSequence[] = "SELECT last_seq, pruned_through FROM event_sequence WHERE id = 1";

struct Batch {
  std::vector<Event> events;  // every event read, matching or not
  int64_t head = 0;
  int64_t pruned_through = 0;
};

absl::Status CheckRequest(const StreamEventsRequest& request) {
  api::FieldChecks checks;
  checks.Int("after_cursor", request.after_cursor(), 0, kMaxCursor);
  if (request.types_size() > kMaxFilters) {
    checks.Add("types", absl::StrCat("at most ", kMaxFilters, " types"));
  } else {
    for (int i = 0; i < request.types_size(); ++i) {
      checks.Text(absl::StrCat("types[", i, "]"), request.types(i), 1, 200);
    }
  }
  if (request.subjects_size() > kMaxFilters) {
    checks.Add("subjects", absl::StrCat("at most ", kMaxFilters, " subjects"));
  } else {
    for (int i = 0; i < request.subjects_size(); ++i) {
      checks.Text(absl::StrCat("subjects[", i, "]"), request.subjects(i), 1, 300);
    }
  }
  return checks.status();
}

absl::StatusOr<Batch> ReadBatch(db::ConnectionPool& pool, const std::string& source,
                                int64_t after) {
  Batch batch;
  absl::Status status = db::ReadOnly(pool, "StreamEvents", [&](db::Connection& c) {
    batch = Batch{};
    auto& read = c.Prepare(kReadEvents);
    read.setInt64(1, after);
    read.setInt(2, kBatch);
    std::unique_ptr<sql::ResultSet> rows(read.executeQuery());
    while (rows->next()) {
      Event& event = batch.events.emplace_back();
      event.set_cursor(rows->getInt64(1));
      event.set_type(std::string(rows->getString(2)));
      for (absl::string_view subject :
           absl::StrSplit(std::string(rows->getString(3)), '\n', absl::SkipEmpty())) {
        event.add_subjects(std::string(subject));
      }
      std::unique_ptr<std::istream> blob(rows->getBlob(4));
      std::string payload{std::istreambuf_iterator<char>(*blob), std::istreambuf_iterator<char>()};
      event.mutable_payload()->set_type_url(absl::StrCat("type.googleapis.com/", event.type()));
      event.mutable_payload()->set_value(std::move(payload));
      *event.mutable_commit_time() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
          absl::ToUnixMicros(db::FromSqlDateTime(std::string(rows->getString(5)))));
      event.set_source(source);
    }
    // Read after the events: if nothing past `after` had been pruned when they were
    // read, pruned_through (which only grows) is still at most `after` now.
    std::unique_ptr<sql::ResultSet> sequence(c.Prepare(kReadSequence).executeQuery());
    if (sequence->next()) {
      batch.head = sequence->getInt64(1);
      batch.pruned_through = sequence->getInt64(2);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return batch;
}

}  // namespace

grpc::Status EventStreamService::StreamEvents(grpc::ServerContext* context,
                                              const StreamEventsRequest* request,
                                              grpc::ServerWriter<StreamEventsResponse>* writer) {
  Admission admitted;
  if (admit_) {
    admitted = admit_(*context);
    if (!admitted.status.ok()) return admitted.status;
  }
  absl::Status checked = CheckRequest(*request);
  if (!checked.ok()) return ToGrpcStatus(checked, kDomain);
  const absl::flat_hash_set<std::string> types(request->types().begin(), request->types().end());
  const absl::flat_hash_set<std::string> subjects(request->subjects().begin(),
                                                  request->subjects().end());
  auto matches = [&](const Event& event) {
    if (!types.empty() && !types.contains(event.type())) return false;
    if (!admitted.required_subject.empty() &&
        std::find(event.subjects().begin(), event.subjects().end(), admitted.required_subject) ==
            event.subjects().end()) {
      return false;
    }
    if (subjects.empty()) return true;
    for (const std::string& subject : event.subjects()) {
      if (subjects.contains(subject)) return true;
    }
    return false;
  };

  int64_t cursor = request->after_cursor();
  while (!context->IsCancelled()) {
    // Taken before looking at ending_: EndStreams raises the signal after setting it, so
    // the wait below cannot miss it.
    const uint64_t seen = EventsSequenced().generation();
    if (ending_.load()) {
      return grpc::Status(
          grpc::StatusCode::UNAVAILABLE,
          absl::StrCat("the ", source_, " server is shutting down; resume after cursor ", cursor,
                       " on another replica or after its restart"));
    }
    absl::StatusOr<Batch> batch = ReadBatch(pool_, source_, cursor);
    if (!batch.ok()) return ToGrpcStatus(batch.status(), kDomain);
    if (cursor != 0 && cursor < batch->pruned_through) {
      return ToGrpcStatus(
          ErrorWithReason(absl::StatusCode::kOutOfRange, "CURSOR_EXPIRED",
                          absl::StrCat("after_cursor ", cursor,
                                       " is older than the retention: "
                                       "events through ",
                                       batch->pruned_through,
                                       " were deleted; resume from 0 (the oldest retained) "
                                       "and reconcile what was missed")),
          kDomain);
    }
    if (!batch->events.empty()) {
      cursor = batch->events.back().cursor();
      StreamEventsResponse response;
      for (Event& event : batch->events) {
        if (matches(event)) *response.add_events() = std::move(event);
      }
      response.set_cursor(cursor);
      response.set_head_cursor(std::max(batch->head, cursor));
      if (!writer->Write(response)) return grpc::Status::OK;           // the caller went away
      if (static_cast<int>(batch->events.size()) == kBatch) continue;  // more to read
    }
    EventsSequenced().WaitAfter(seen, absl::Now() + config_.poll_interval);
  }
  return grpc::Status::OK;
}

void EventStreamService::EndStreams() {
  ending_.store(true);
  // Wakes the streams waiting for new events; they see ending_ at the top of their loop.
  EventsSequenced().Raise();
}

}  // namespace huiwu::events
