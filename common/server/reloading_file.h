// A configuration file re-read while the service runs (as gRPC's
// FileWatcherAuthorizationPolicyProvider does for its policy): an admin edits the file
// under deploy/authz and the next calls are judged by it, without a restart. A file that
// no longer parses is logged and the last good version stays in force — a typo must not
// open every method, nor close them all. Used for the authorization policy, the
// data-access file (which unit a caller acts for, who sees personal data) and booking's
// sign-in keys (--sign_in_key_file). last_error() says when the file on disk is not the
// version in force, for a health detail.
//
// `T` has `static absl::StatusOr<T> Parse(absl::string_view text)` and
// `const std::string& name() const`.
#ifndef HUIWU_COMMON_SERVER_RELOADING_FILE_H_
#define HUIWU_COMMON_SERVER_RELOADING_FILE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/memory/memory.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/log/log.h"

namespace huiwu::server {

// The whole file, or INVALID_ARGUMENT naming it.
absl::StatusOr<std::string> ReadWholeFile(const std::string& path);

template <typename T>
class ReloadingFile final {
 public:
  // Reads `path` now (an unreadable or invalid file: INVALID_ARGUMENT naming it; the
  // service does not start) and then every `refresh`.
  static absl::StatusOr<std::unique_ptr<ReloadingFile>> Start(std::string path,
                                                              absl::Duration refresh) {
    auto file = absl::WrapUnique(new ReloadingFile(std::move(path), refresh));
    absl::StatusOr<std::string> text = ReadWholeFile(file->path_);
    if (!text.ok()) return text.status();
    absl::StatusOr<T> value = T::Parse(*text);
    if (!value.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(file->path_, ": ", value.status().message()));
    }
    {
      absl::MutexLock lock(&file->mu_);
      file->value_ = std::make_shared<const T>(*std::move(value));
      file->text_ = *std::move(text);
    }
    file->thread_ = std::thread([f = file.get()] { f->Run(); });
    return file;
  }

  ~ReloadingFile() {
    {
      absl::MutexLock lock(&mu_);
      stopping_ = true;
    }
    if (thread_.joinable()) thread_.join();
  }
  ReloadingFile(const ReloadingFile&) = delete;
  ReloadingFile& operator=(const ReloadingFile&) = delete;

  std::shared_ptr<const T> current() const {
    absl::MutexLock lock(&mu_);
    return value_;
  }

  // How many times the file was checked after the first read: a test waits for a check
  // instead of guessing a time.
  int64_t checks() const {
    absl::MutexLock lock(&mu_);
    return checks_;
  }

  // Why the file as it was at the last check is not in force — it could not be read, or
  // it does not parse (INVALID_ARGUMENT naming the file and what is wrong) — or OK. The
  // last good version serves meanwhile; this lets health say so, since a log line alone
  // is easily missed by the admin who made the edit.
  absl::Status last_error() const {
    absl::MutexLock lock(&mu_);
    return last_error_;
  }

 private:
  ReloadingFile(std::string path, absl::Duration refresh)
      : path_(std::move(path)), refresh_(refresh) {}

  void Run() {
    for (;;) {
      {
        absl::MutexLock lock(&mu_);
        if (mu_.AwaitWithTimeout(absl::Condition(&stopping_), refresh_)) return;
      }
      absl::Status reloaded = Reload();
      if (!reloaded.ok()) {
        log::Error(
            "config_file_not_reloaded",
            {{"file", path_}, {"error", reloaded.message()}, {"kept", "the last good version"}});
      }
      absl::MutexLock lock(&mu_);
      ++checks_;
    }
  }

  // Re-reads the file; returns the error that kept the old version, if any.
  absl::Status Reload() {
    absl::StatusOr<std::string> text = ReadWholeFile(path_);
    if (!text.ok()) {
      absl::MutexLock lock(&mu_);
      last_error_ = text.status();
      // Forgotten, so that the file, once readable again, is parsed again even unchanged.
      text_.reset();
      return text.status();
    }
    {
      absl::MutexLock lock(&mu_);
      if (text_.has_value() && *text == *text_) return absl::OkStatus();
    }
    absl::StatusOr<T> value = T::Parse(*text);
    absl::MutexLock lock(&mu_);
    // Remembered even when invalid, so that a broken file is reported once, not every
    // refresh; the version in force stays the last good one.
    text_ = *text;
    if (!value.ok()) {
      last_error_ = absl::InvalidArgumentError(absl::StrCat(path_, ": ", value.status().message()));
      return value.status();
    }
    value_ = std::make_shared<const T>(*std::move(value));
    last_error_ = absl::OkStatus();
    log::Info("config_file_reloaded", {{"file", path_}, {"name", value_->name()}});
    return absl::OkStatus();
  }

  const std::string path_;
  const absl::Duration refresh_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const T> value_ ABSL_GUARDED_BY(mu_);
  // The text last read, in force or not; nullopt after a failed read.
  std::optional<std::string> text_ ABSL_GUARDED_BY(mu_);
  absl::Status last_error_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int64_t checks_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_RELOADING_FILE_H_
