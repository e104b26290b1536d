// The authorization policy file, re-read while the service runs (as gRPC's
// FileWatcherAuthorizationPolicyProvider does): an admin edits deploy/authz's file and
// the next calls are judged by it, without a restart. A file that no longer parses is
// logged and the last good policy stays in force — a typo must not open every method,
// nor close them all.
#ifndef HUIWU_COMMON_SERVER_AUTHZ_POLICY_WATCHER_H_
#define HUIWU_COMMON_SERVER_AUTHZ_POLICY_WATCHER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/server/authz_policy.h"

namespace huiwu::server {

class AuthzPolicyWatcher final {
 public:
  // Reads `path` now (an unreadable or invalid file: INVALID_ARGUMENT, the service does
  // not start) and then every `refresh`.
  static absl::StatusOr<std::unique_ptr<AuthzPolicyWatcher>> Start(std::string path,
                                                                   absl::Duration refresh);
  ~AuthzPolicyWatcher();
  AuthzPolicyWatcher(const AuthzPolicyWatcher&) = delete;
  AuthzPolicyWatcher& operator=(const AuthzPolicyWatcher&) = delete;

  std::shared_ptr<const AuthzPolicy> current() const;
  // How many times the file was checked after the first read: a test waits for a check
  // instead of guessing a time.
  int64_t checks() const;

 private:
  AuthzPolicyWatcher(std::string path, absl::Duration refresh);
  void Run();
  // Re-reads the file; returns the error that kept the old policy, if any.
  absl::Status Reload();

  const std::string path_;
  const absl::Duration refresh_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const AuthzPolicy> policy_ ABSL_GUARDED_BY(mu_);
  std::string text_ ABSL_GUARDED_BY(mu_);  // of the policy in force
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int64_t checks_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_AUTHZ_POLICY_WATCHER_H_
