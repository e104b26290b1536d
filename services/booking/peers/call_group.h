// Asking other services many things at once, bounded: readiness and the reports send
// their calls to staffing, inventory and safety in parallel (callback API, no thread per
// call), at most `max_in_flight` at a time per group; the rest wait in a queue and start
// as earlier ones finish, never blocking the caller. One group per peer service, so a
// slow service's calls never hold up another's.
#ifndef HUIWU_SERVICES_BOOKING_PEERS_CALL_GROUP_H_
#define HUIWU_SERVICES_BOOKING_PEERS_CALL_GROUP_H_

#include <deque>
#include <functional>
#include <memory>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace huiwu::booking::peers {

class CallGroup final {
 public:
  // `start` begins one asynchronous call and arranges for `done` to run once when it
  // has finished (and its results are written).
  using Starter = std::function<void(std::function<void()> done)>;

  explicit CallGroup(int max_in_flight) : state_(std::make_shared<State>(max_in_flight)) {}
  // Waits for every call: callbacks write into the caller's state.
  ~CallGroup() { Wait(); }
  CallGroup(const CallGroup&) = delete;
  CallGroup& operator=(const CallGroup&) = delete;

  // Starts `start` now, or queues it while max_in_flight calls are running.
  void Add(Starter start);

  // Returns once every call added has finished. Everything the calls wrote is visible
  // to the caller afterwards.
  void Wait();

 private:
  // Shared with the calls' completions, which may still be unlocking it when Wait
  // returns and the group is destroyed.
  struct State {
    explicit State(int max) : max_in_flight(max) {}
    const int max_in_flight;
    absl::Mutex mu;
    int in_flight ABSL_GUARDED_BY(mu) = 0;
    std::deque<Starter> queued ABSL_GUARDED_BY(mu);
  };

  static void Run(const std::shared_ptr<State>& state, Starter start);
  static void Finished(const std::shared_ptr<State>& state);

  std::shared_ptr<State> state_;
};

// One unary call through the callback API with an absolute deadline. `method` is
// `[&stub](auto* context, auto* request, auto* response, auto callback) {
// stub.async()->Method(context, request, response, std::move(callback)); }`;
// `on_done(status, response)` runs on a gRPC thread when the call ends.
template <typename Request, typename Response, typename Method, typename OnDone>
void AddCall(CallGroup& group, absl::Time deadline, Method method, Request request,
             OnDone on_done) {
  group.Add([deadline, method = std::move(method), request = std::move(request),
             on_done = std::move(on_done)](std::function<void()> done) mutable {
    struct Call {
      grpc::ClientContext context;
      Request request;
      Response response;
    };
    auto call = std::make_shared<Call>();
    call->request = std::move(request);
    call->context.set_deadline(absl::ToChronoTime(deadline));
    method(&call->context, &call->request, &call->response,
           [call, on_done = std::move(on_done), done = std::move(done)](grpc::Status status) {
             on_done(status, call->response);
             done();
           });
  });
}

}  // namespace huiwu::booking::peers

#endif  // HUIWU_SERVICES_BOOKING_PEERS_CALL_GROUP_H_
