// Who may call which method: gRPC's authorization policy (the JSON format of gRPC's
// authz policy, gRFC A43), evaluated by us. gRPC 1.51 has the engine, but Debian 12's
// packages leave out the library that reads the policy
// (grpc::experimental::FileWatcherAuthorizationPolicyProvider and the C functions under
// it are not in libgrpc++ / libgrpc), so the same file is read and applied here, with
// gRPC's semantics:
//   - a rule matches when its source and its request match; a missing or empty list
//     matches anything;
//   - source.principals: the caller's certificate identity (URI SAN); "*" any
//     authenticated caller, "x*" a prefix, "*x" a suffix, else exact;
//   - request.paths: "/package.Service/Method", with the same patterns;
//   - any matching deny rule refuses; else any matching allow rule admits; else the
//     call is refused (deny by default).
// request.headers is not supported: a policy that uses it is refused when loaded rather
// than applied in part. When a gRPC with the provider is packaged, the same file works
// with it.
#ifndef HUIWU_COMMON_SERVER_AUTHZ_POLICY_H_
#define HUIWU_COMMON_SERVER_AUTHZ_POLICY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace huiwu::server {

struct AuthzDecision {
  bool allowed = false;
  std::string rule;  // the rule that decided; empty when no rule matched (the default)
  // Who may call this method (the principals of the allow rules whose paths match), for
  // the refusal's message: what the caller would need.
  std::vector<std::string> allowed_principals;
};

class AuthzPolicy final {
 public:
  // INVALID_ARGUMENT naming what is wrong (not JSON, no name, a rule without a name, a
  // field of the wrong type, headers).
  static absl::StatusOr<AuthzPolicy> Parse(absl::string_view json);

  // `principal`: the caller's identity, empty when it is not authenticated; `path`:
  // "/huiwu.booking.v1.BookingService/ConfirmMeeting".
  AuthzDecision Evaluate(absl::string_view principal, absl::string_view path) const;

  const std::string& name() const { return name_; }

 private:
  struct Rule {
    std::string name;
    std::vector<std::string> principals;  // empty: any caller
    std::vector<std::string> paths;       // empty: any path
  };
  static bool Matches(const Rule& rule, absl::string_view principal, absl::string_view path);

  std::string name_;
  std::vector<Rule> deny_;
  std::vector<Rule> allow_;
};

// A policy pattern against a value: "*" any non-empty value, "x*" prefix, "*x" suffix,
// else exact.
bool MatchesPolicyPattern(absl::string_view pattern, absl::string_view value);

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_AUTHZ_POLICY_H_
