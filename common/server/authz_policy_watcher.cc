#include "common/server/authz_policy_watcher.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/memory/memory.h"
#include "absl/strings/str_cat.h"
#include "common/log/log.h"

namespace huiwu::server {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

AuthzPolicyWatcher::AuthzPolicyWatcher(std::string path, absl::Duration refresh)
    : path_(std::move(path)), refresh_(refresh) {}

absl::StatusOr<std::unique_ptr<AuthzPolicyWatcher>> AuthzPolicyWatcher::Start(
    std::string path, absl::Duration refresh) {
  auto watcher = absl::WrapUnique(new AuthzPolicyWatcher(std::move(path), refresh));
  absl::StatusOr<std::string> text = ReadFile(watcher->path_);
  if (!text.ok()) return text.status();
  absl::StatusOr<AuthzPolicy> policy = AuthzPolicy::Parse(*text);
  if (!policy.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(watcher->path_, ": ", policy.status().message()));
  }
  {
    absl::MutexLock lock(&watcher->mu_);
    watcher->policy_ = std::make_shared<const AuthzPolicy>(*std::move(policy));
    watcher->text_ = *std::move(text);
  }
  watcher->thread_ = std::thread([w = watcher.get()] { w->Run(); });
  return watcher;
}

AuthzPolicyWatcher::~AuthzPolicyWatcher() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

std::shared_ptr<const AuthzPolicy> AuthzPolicyWatcher::current() const {
  absl::MutexLock lock(&mu_);
  return policy_;
}

int64_t AuthzPolicyWatcher::checks() const {
  absl::MutexLock lock(&mu_);
  return checks_;
}

void AuthzPolicyWatcher::Run() {
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      if (mu_.AwaitWithTimeout(absl::Condition(&stopping_), refresh_)) return;
    }
    absl::Status reloaded = Reload();
    if (!reloaded.ok()) {
      log::Error(
          "authz_policy_not_reloaded",
          {{"file", path_}, {"error", reloaded.message()}, {"kept", "the last good policy"}});
    }
    absl::MutexLock lock(&mu_);
    ++checks_;
  }
}

absl::Status AuthzPolicyWatcher::Reload() {
  absl::StatusOr<std::string> text = ReadFile(path_);
  if (!text.ok()) return text.status();
  {
    absl::MutexLock lock(&mu_);
    if (*text == text_) return absl::OkStatus();
  }
  absl::StatusOr<AuthzPolicy> policy = AuthzPolicy::Parse(*text);
  absl::MutexLock lock(&mu_);
  // Remembered even when invalid, so that a broken file is reported once, not every
  // refresh; the policy in force stays the last good one.
  text_ = *text;
  if (!policy.ok()) return policy.status();
  policy_ = std::make_shared<const AuthzPolicy>(*std::move(policy));
  log::Info("authz_policy_reloaded", {{"file", path_}, {"policy", policy_->name()}});
  return absl::OkStatus();
}

}  // namespace huiwu::server
