// The fault test's client load on booking, as a careful integrator runs it: each worker
// books meetings one after another (CreateMeeting, then ConfirmMeeting), every call
// with a request_id and a deadline, and retries a call that failed retryably
// (UNAVAILABLE, ABORTED, DEADLINE_EXCEEDED) with the same request_id until it gets an
// answer. It records what every call was answered, so that afterwards what the service
// acknowledged can be checked against what the database holds.
#ifndef HUIWU_TESTS_FAULTS_BOOKING_LOAD_H_
#define HUIWU_TESTS_FAULTS_BOOKING_LOAD_H_

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/config/config.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"

namespace huiwu::testing {

// Where the workers send their calls: one address per slot (a replica), changed when a
// replica is restarted on a new port. Worker w uses slot w % slots.
class BookingTargets final {
 public:
  explicit BookingTargets(const std::vector<int>& ports);
  void Set(int slot, int port);
  std::shared_ptr<booking::v1::BookingService::Stub> For(int worker) const;
  int slots() const;

 private:
  mutable absl::Mutex mu_;
  std::vector<std::shared_ptr<booking::v1::BookingService::Stub>> stubs_ ABSL_GUARDED_BY(mu_);
};

// One booking by one worker: a meeting whose title is unique to it, so that the
// database shows it (and any duplicate of it) without the service's answer.
struct BookingRecord {
  std::string title;
  std::string room;        // "buildings/…/rooms/…"
  std::string meeting;     // the name CreateMeeting answered ("" before that)
  bool created = false;    // CreateMeeting answered OK
  bool confirmed = false;  // ConfirmMeeting answered OK
  bool refused = false;    // ConfirmMeeting answered ROOM_CONFLICT: a normal answer
};

struct LoadOptions {
  std::vector<std::string> rooms;  // booked in turn
  absl::Time first_slot;           // meetings start on the hour from here…
  int slots = 200;                 // …at one of this many hours, at random
  int workers = 8;
  int max_bookings_per_worker = 2000;  // the load's bound in count (Stop() bounds its time)
  absl::Duration call_deadline = absl::Seconds(5);
  // Retries of one call before the worker gives it up (its outcome stays unknown).
  int max_attempts = 400;
};

class BookingLoad final {
 public:
  BookingLoad(LoadOptions options, BookingTargets* targets);
  ~BookingLoad();  // stops the workers

  void Start();
  // Ends the load: each worker finishes the call it is on (and its retries), then stops.
  void Stop();

  // While running: calls answered OK so far, and calls answered with an error.
  int64_t acknowledged() const { return acknowledged_.load(); }
  int64_t failed() const { return failed_.load(); }
  // Calls answered OK through slot `slot`'s replica (for "the majority kept serving").
  int64_t acknowledged_through(int slot) const;

  // After Stop(): every booking, and every answer other than OK, ROOM_CONFLICT and
  // the retryable codes, by "CODE: message".
  const std::vector<BookingRecord>& records() const { return records_; }
  int64_t calls() const { return calls_.load(); }
  std::map<std::string, int> unexpected() const;
  // Failed calls by code name (all of them, retryable ones included).
  std::map<std::string, int> failures_by_code() const;

 private:
  void Work(int worker, std::vector<BookingRecord>* out);
  // One call, retried with the same request as long as the answer is retryable.
  template <typename Call>
  grpc::Status CallUntilAnswered(int worker, Call call);
  void Note(int worker, const grpc::Status& status);

  const LoadOptions options_;
  BookingTargets* const targets_;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> calls_{0};
  std::atomic<int64_t> acknowledged_{0};
  std::atomic<int64_t> failed_{0};
  std::vector<std::unique_ptr<std::atomic<int64_t>>> acknowledged_by_slot_;
  mutable absl::Mutex mu_;
  std::map<std::string, int> unexpected_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, int> failures_by_code_ ABSL_GUARDED_BY(mu_);
  std::vector<std::vector<BookingRecord>> per_worker_;
  std::vector<std::thread> threads_;
  std::vector<BookingRecord> records_;
};

// What the database holds against what was acknowledged.
struct BookingAudit {
  int64_t acknowledged = 0;  // bookings whose create (and confirm, if answered) was OK
  int64_t lost = 0;          // acknowledged but not stored as answered
  int64_t duplicated = 0;    // meetings stored more than once for one booking
  int64_t phantom = 0;       // refused (ROOM_CONFLICT), yet stored as holding the room
  int64_t overlaps = 0;      // pairs of holds of one room that overlap
  std::vector<std::string> problems;  // the first few, for the failure message
};
BookingAudit AuditBookings(const std::vector<BookingRecord>& records,
                           const config::DatabaseConfig& database);

// The line the README's reliability section quotes.
std::string FaultSummary(const std::string& scenario, int64_t calls, const BookingAudit& audit,
                         absl::Duration recovery);

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_FAULTS_BOOKING_LOAD_H_
