#include "tools/bench/event_bench.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/db/pool.h"
#include "huiwu/events/v1/events.grpc.pb.h"
#include "tools/bench/in_process.h"

namespace huiwu::bench {
namespace {

namespace ev1 = events::v1;

constexpr char kSubmitted[] = "huiwu.booking.v1.MeetingSubmitted";
// How long the follower may take, after the load, to receive the events of the meetings
// created: one still missing then counts as NOT_RECEIVED.
constexpr absl::Duration kDrain = absl::Seconds(10);

// The newest cursor booking has numbered: the follower starts after it, so that it reads
// only this load's events, not the earlier rows' backlog.
absl::StatusOr<int64_t> HeadCursor(const config::DatabaseConfig& database) {
  db::ConnectionPool pool(database, nullptr);
  auto connection = pool.OpenConnection();
  if (!connection.ok()) return connection.status();
  try {
    (*connection)->SetAutocommit(true);
    std::unique_ptr<sql::Statement> statement((*connection)->raw().createStatement());
    std::unique_ptr<sql::ResultSet> row(
        statement->executeQuery("SELECT last_seq FROM event_sequence WHERE id = 1"));
    if (!row->next()) return absl::InternalError("booking has no event_sequence row");
    return row->getInt64(1);
  } catch (const sql::SQLException& e) {
    return absl::InternalError(absl::StrCat("reading booking's head cursor: ", e.what()));
  }
}

// What the follower received: each meeting's event and when it came.
struct Receipts {
  absl::Mutex mu;
  std::unordered_map<std::string, absl::Time> at ABSL_GUARDED_BY(mu);
};

}  // namespace

EventStreamResult MeasureEventStream(BookingBench& booking, const LoadPlan& plan) {
  EventStreamResult result;
  result.received.callers = plan.callers;
  const absl::StatusOr<int64_t> head = HeadCursor(booking.database());
  if (!head.ok()) {
    ++result.received.errors[absl::StrCat("bench: ", head.status().message())];
    return result;
  }

  auto stub = ev1::EventService::NewStub(LoopbackChannel(booking.grpc_port()));
  grpc::ClientContext context;
  context.AddMetadata("x-huiwu-actor", "bench/dispatcher");
  ev1::StreamEventsRequest request;
  request.set_after_cursor(*head);
  request.add_types(kSubmitted);
  std::unique_ptr<grpc::ClientReader<ev1::StreamEventsResponse>> reader =
      stub->StreamEvents(&context, request);
  Receipts receipts;
  grpc::Status stream_status;
  std::thread follower([&] {
    ev1::StreamEventsResponse response;
    while (reader->Read(&response)) {
      const absl::Time now = absl::Now();
      absl::MutexLock lock(&receipts.mu);
      for (const ev1::Event& event : response.events()) {
        for (const std::string& subject : event.subjects()) {
          if (absl::StartsWith(subject, "meetings/")) {
            receipts.at.emplace(subject, now);
            break;
          }
        }
      }
    }
    stream_status = reader->Finish();
  });

  struct Answer {
    std::string meeting;
    absl::Time sent;
    absl::Time answered;
  };
  absl::Mutex answers_mu;
  std::vector<Answer> answers;
  // RunLoad's span, give or take the microseconds between here and its own clock reading.
  const absl::Time measure_from = absl::Now() + plan.warm_up;
  const absl::Time measure_until = measure_from + plan.measure;
  result.created = RunLoad(plan, [&](int, int64_t, std::string* label) {
    std::string name;
    const absl::Time sent = absl::Now();
    const grpc::Status status = booking.CreateNotice(&name);
    if (status.ok()) {
      const absl::Time answered = absl::Now();
      absl::MutexLock lock(&answers_mu);
      answers.push_back({std::move(name), sent, answered});
    }
    return Labelled(status, label);
  });
  const absl::Time load_end = absl::Now();

  // Until every meeting's event came, or kDrain passed.
  for (const absl::Time until = load_end + kDrain; absl::Now() < until;) {
    bool all = true;
    {
      absl::MutexLock lock(&receipts.mu);
      for (const Answer& answer : answers) {
        if (!receipts.at.contains(answer.meeting)) {
          all = false;
          break;
        }
      }
    }
    if (all) break;
    absl::SleepFor(absl::Milliseconds(5));
  }
  context.TryCancel();
  follower.join();
  if (stream_status.error_code() != grpc::StatusCode::CANCELLED) {
    ++result.received.errors[absl::StrCat("stream ended: ", stream_status.error_message())];
  }

  // The events of the meetings whose CreateMeeting RunLoad measured (sent in its span),
  // received from the span's start until the last of them came.
  absl::MutexLock lock(&receipts.mu);
  absl::Time last_receipt = measure_from;
  for (const Answer& answer : answers) {
    const auto receipt = receipts.at.find(answer.meeting);
    if (receipt == receipts.at.end()) {
      ++result.received.errors["NOT_RECEIVED"];
      continue;
    }
    if (answer.sent < measure_from || answer.sent >= measure_until) continue;
    ++result.received.ok;
    last_receipt = std::max(last_receipt, receipt->second);
    absl::Duration lag = receipt->second - answer.answered;
    if (lag < absl::ZeroDuration()) {
      ++result.before_answer;
      lag = absl::ZeroDuration();
    }
    result.received.latencies.Add(lag);
  }
  result.received.elapsed = last_receipt - measure_from;
  return result;
}

}  // namespace huiwu::bench
