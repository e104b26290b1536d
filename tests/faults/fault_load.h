// The fault tests' client load, for any service, as a careful integrator runs it:
// workers call one after another, every call with a deadline, and retry a call that
// failed retryably (UNAVAILABLE, ABORTED, DEADLINE_EXCEEDED) with the same request —
// its request_id makes that safe — until it gets an answer. What a worker calls is the
// service's FaultWorkload (fault_workload.h); the load counts every answer, so that
// afterwards what the service acknowledged can be checked against the database.
#ifndef HUIWU_TESTS_FAULTS_FAULT_LOAD_H_
#define HUIWU_TESTS_FAULTS_FAULT_LOAD_H_

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace huiwu::testing {

class FaultWorkload;

// Where the workers send their calls: one replica per slot, changed when a replica is
// restarted on a new port. Worker w uses slot w % slots; each slot has a TCP
// connection of its own.
class FaultTargets final {
 public:
  explicit FaultTargets(const std::vector<int>& ports);
  void Set(int slot, int port);
  std::shared_ptr<grpc::Channel> For(int worker) const;
  int slots() const;

 private:
  mutable absl::Mutex mu_;
  std::vector<std::shared_ptr<grpc::Channel>> channels_ ABSL_GUARDED_BY(mu_);
};

// The load's bounds; how many workers is the workload's (FaultWorkload::workers()).
struct LoadOptions {
  int max_units_per_worker = 2000;  // the load's bound in count (Stop() bounds its time)
  absl::Duration call_deadline = absl::Seconds(5);
  // Retries of one call before the worker gives it up (its outcome stays unknown).
  int max_attempts = 400;
};

class FaultLoad;

// What a workload's unit of work calls through: one worker's view of the load.
class FaultCaller final {
 public:
  using Attempt = absl::FunctionRef<grpc::Status(const std::shared_ptr<grpc::Channel>& channel,
                                                 grpc::ClientContext* context)>;

  int worker() const { return worker_; }
  // The load is stopping: a unit should not start another call.
  bool stopping() const;
  // Calls until answered: `attempt` with a fresh deadline on the worker's current
  // target, again after a pause as long as the answer is retryable.
  grpc::Status UntilAnswered(Attempt attempt);
  // How many attempts the last UntilAnswered made: an answer after a retry may be the
  // echo of an attempt whose answer was lost ("already done").
  int attempts() const { return attempts_; }
  // An answer the workload does not expect: reported by the test.
  void Unexpected(absl::string_view method, const grpc::Status& status);

 private:
  friend class FaultLoad;
  FaultCaller(FaultLoad* load, int worker) : load_(load), worker_(worker) {}
  FaultLoad* load_;
  int worker_;
  int attempts_ = 0;
};

// `rpc` of the generated Stub type, until answered.
template <typename Stub, typename Request, typename Response>
grpc::Status Call(FaultCaller& caller,
                  grpc::Status (Stub::*rpc)(grpc::ClientContext*, const Request&, Response*),
                  const Request& request, Response* response) {
  return caller.UntilAnswered(
      [&](const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext* context) {
        Stub stub(channel);
        return (stub.*rpc)(context, request, response);
      });
}

// What a retrying client retries: the service did not answer (restarting, database
// gone), or the change collided and may go through again. A stale etag is not among
// them: the same request would collide forever; the client reads again instead.
bool Retryable(const grpc::Status& status);

// The code as the metrics and logs spell it ("Unavailable").
std::string CodeName(const grpc::Status& status);

class FaultLoad final {
 public:
  FaultLoad(LoadOptions options, FaultTargets* targets, FaultWorkload* workload);
  ~FaultLoad();  // stops the workers

  void Start();
  // Ends the load: each worker finishes the call it is on (and its retries), then stops.
  void Stop();

  // While running: calls answered OK so far, and calls answered with an error.
  int64_t acknowledged() const { return acknowledged_.load(); }
  int64_t failed() const { return failed_.load(); }
  // Calls answered OK through slot `slot`'s replica (for "the majority kept serving").
  int64_t acknowledged_through(int slot) const;
  int64_t calls() const { return calls_.load(); }
  // Answers the workload did not expect, by "Method CODE: message".
  std::map<std::string, int> unexpected() const;
  // Failed calls by code name (all of them, retryable ones included).
  std::map<std::string, int> failures_by_code() const;

 private:
  friend class FaultCaller;
  void Note(int worker, const grpc::Status& status);

  const LoadOptions options_;
  FaultTargets* const targets_;
  FaultWorkload* const workload_;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> calls_{0};
  std::atomic<int64_t> acknowledged_{0};
  std::atomic<int64_t> failed_{0};
  std::vector<std::unique_ptr<std::atomic<int64_t>>> acknowledged_by_slot_;
  mutable absl::Mutex mu_;
  std::map<std::string, int> unexpected_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, int> failures_by_code_ ABSL_GUARDED_BY(mu_);
  std::vector<std::thread> threads_;
};

// What each worker recorded, kept apart while they run (no lock: a worker appends to
// its own list only), joined once they stopped.
template <typename Record>
class WorkerRecords final {
 public:
  explicit WorkerRecords(int workers) : per_worker_(workers) {}
  void Add(int worker, Record record) { per_worker_.at(worker).push_back(std::move(record)); }
  std::vector<Record> All() const {
    std::vector<Record> all;
    for (const auto& records : per_worker_) all.insert(all.end(), records.begin(), records.end());
    return all;
  }

 private:
  std::vector<std::vector<Record>> per_worker_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_FAULTS_FAULT_LOAD_H_
