// Every handler's entry, the same in every service: the per-caller rate limit first, then
// the handler body through ServeCall (absl::Status → grpc::Status); for a mutation, an
// audit::Scope around the body, so the audit record commits with the change, and a
// record of the refusal when the mutation was refused.
#ifndef HUIWU_COMMON_SERVER_CALL_GATE_H_
#define HUIWU_COMMON_SERVER_CALL_GATE_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/db/pool.h"
#include "common/metrics/caller_counter.h"
#include "common/server/authz_policy_watcher.h"
#include "common/server/data_access.h"
#include "common/server/rate_limiter.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/status.h"

namespace google::protobuf {
class Message;
}
namespace prometheus {
class Registry;
}

namespace huiwu::server {

class CallGate final {
 public:
  // What a call is limited by; CallerOf (port dropped, RateLimitKey) unless a test says.
  using KeyOf = std::function<std::string(const grpc::ServerContext&)>;

  // `grpc_service` is the full service name ("huiwu.booking.v1.BookingService"),
  // `error_domain` the ErrorInfo domain ("booking.huiwu").
  CallGate(std::string grpc_service, std::string error_domain, db::ConnectionPool& pool,
           RateLimiter& limiter, KeyOf key_of = nullptr);

  // A read: not audited. Once `body` filled `response`, its personal data is masked
  // for a caller that may not see it (common/api/personal_data.h), and so is the content
  // of confidential meetings (common/api/confidential.h).
  grpc::Status Serve(const grpc::ServerContext& context, absl::string_view method,
                     google::protobuf::Message* response,
                     absl::FunctionRef<absl::Status()> body) const;

  // A mutation. Its OK record is written in the transaction that commits the change; a
  // refusal (bad input, a rule, a conflict, a lost race) is recorded afterwards, in a
  // short transaction of its own, because the change's transaction — if one was opened
  // at all — rolled back and took everything in it along. Refusals the database or the
  // rate limit caused (UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, CANCELLED)
  // are not recorded: writing them would fail too, or would let a flood write to the
  // database after all. A request with a request_id carries its body's fingerprint to
  // db::ClaimRequestId, which refuses the id reused with another body.
  // Its answer is masked as Serve's.
  grpc::Status ServeMutation(const grpc::ServerContext& context,
                             const google::protobuf::Message& request, absl::string_view method,
                             google::protobuf::Message* response,
                             absl::FunctionRef<absl::Status()> body) const;

  const std::string& error_domain() const { return error_domain_; }

  // From now on every call must be allowed by `policy`, and sees of the records what
  // `data_access` grants (neither owned; both outlive the gate). Refusals are counted in
  // `registry` (huiwu_authz_refusals_total, by caller). Without them (TLS off: the local
  // run's plaintext mode, tests) nothing is checked and every caller sees everything.
  void EnforcePolicy(const AuthzPolicyWatcher* policy, const DataAccessWatcher* data_access,
                     prometheus::Registry* registry);

  // OK, or PERMISSION_DENIED naming who may call `path` ("/package.Service/Method"):
  // the caller's certificate identity against the policy in force, then against the
  // data-access file (a unit-bound caller bound to no unit is refused).
  grpc::Status Authorize(const grpc::ServerContext& context, absl::string_view path) const;

  // What the caller may see of the records: the organizer unit it acts for, personal
  // data (common/server/data_access.h). PERMISSION_DENIED NO_ORGANIZER_UNIT when the file
  // changed since Authorize and now binds the caller to no unit.
  absl::StatusOr<CallerAccess> AccessOf(const grpc::ServerContext& context) const;

 private:
  // Authorize, then the rate limit: OK, PERMISSION_DENIED, or RESOURCE_EXHAUSTED with
  // RetryInfo.
  grpc::Status Admit(const grpc::ServerContext& context, absl::string_view method) const;
  // Masks `response`'s personal data unless the caller may see it, and the content of
  // confidential meetings it may not see (common/api/confidential.h).
  void MaskFor(const grpc::ServerContext& context, google::protobuf::Message& response) const;

  std::string grpc_service_;
  std::string error_domain_;
  db::ConnectionPool& pool_;
  RateLimiter& limiter_;
  KeyOf key_of_;
  const AuthzPolicyWatcher* policy_ = nullptr;
  const DataAccessWatcher* data_access_ = nullptr;
  std::unique_ptr<metrics::CallerCounter> refusals_;
};

// SHA-256 of `request`'s deterministic serialization with its request_id cleared: what
// makes two requests "the same request" for idempotency (32 raw bytes).
std::string RequestFingerprint(const google::protobuf::Message& request);

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_CALL_GATE_H_
