#include "tests/faults/fault_load.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/server/grpc_metrics.h"
#include "tests/faults/fault_workload.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/service_fixture.h"

namespace huiwu::testing {
namespace {

// A worker's pause between attempts: short, growing, capped (a client's backoff).
absl::Duration Backoff(int attempt) {
  return std::min(absl::Milliseconds(20) * attempt, absl::Milliseconds(500));
}

}  // namespace

bool Retryable(const grpc::Status& status) {
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return true;
    case grpc::StatusCode::ABORTED:
      return DetailsOf(status).reason != "ETAG_MISMATCH";
    default:
      return false;
  }
}

std::string CodeName(const grpc::Status& status) {
  return std::string(server::GoCodeName(static_cast<int>(status.error_code())));
}

FaultTargets::FaultTargets(const std::vector<int>& ports) {
  for (int port : ports) channels_.push_back(NewTestChannel(port));
}

void FaultTargets::Set(int slot, int port) {
  std::shared_ptr<grpc::Channel> channel = NewTestChannel(port);
  absl::MutexLock lock(&mu_);
  channels_.at(slot) = std::move(channel);
}

std::shared_ptr<grpc::Channel> FaultTargets::For(int worker) const {
  absl::MutexLock lock(&mu_);
  return channels_[worker % channels_.size()];
}

int FaultTargets::slots() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(channels_.size());
}

bool FaultCaller::stopping() const { return load_->stop_; }

grpc::Status FaultCaller::UntilAnswered(Attempt attempt) {
  grpc::Status status;
  for (attempts_ = 1; attempts_ <= load_->options_.max_attempts; ++attempts_) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + load_->options_.call_deadline));
    status = attempt(load_->targets_->For(worker_), &context);
    load_->Note(worker_, status);
    if (!Retryable(status)) return status;
    // A stopped load gives up retrying only between attempts: the last answer stands.
    if (load_->stop_) return status;
    absl::SleepFor(Backoff(attempts_));
  }
  --attempts_;
  return status;
}

void FaultCaller::Unexpected(absl::string_view method, const grpc::Status& status) {
  absl::MutexLock lock(&load_->mu_);
  ++load_->unexpected_[absl::StrCat(method, " ", CodeName(status), ": ", status.error_message())];
}

FaultLoad::FaultLoad(LoadOptions options, FaultTargets* targets, FaultWorkload* workload)
    : options_(std::move(options)), targets_(targets), workload_(workload) {
  for (int slot = 0; slot < targets_->slots(); ++slot) {
    acknowledged_by_slot_.push_back(std::make_unique<std::atomic<int64_t>>(0));
  }
}

FaultLoad::~FaultLoad() { Stop(); }

void FaultLoad::Start() {
  for (int worker = 0; worker < workload_->workers(); ++worker) {
    threads_.emplace_back([this, worker] {
      FaultCaller caller(this, worker);
      for (int n = 0; n < options_.max_units_per_worker && !stop_; ++n) {
        workload_->RunUnit(caller, n);
      }
    });
  }
}

void FaultLoad::Stop() {
  stop_ = true;
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

int64_t FaultLoad::acknowledged_through(int slot) const {
  return acknowledged_by_slot_.at(slot)->load();
}

std::map<std::string, int> FaultLoad::unexpected() const {
  absl::MutexLock lock(&mu_);
  return unexpected_;
}

std::map<std::string, int> FaultLoad::failures_by_code() const {
  absl::MutexLock lock(&mu_);
  return failures_by_code_;
}

void FaultLoad::Note(int worker, const grpc::Status& status) {
  ++calls_;
  if (status.ok()) {
    ++acknowledged_;
    ++*acknowledged_by_slot_[worker % acknowledged_by_slot_.size()];
    return;
  }
  ++failed_;
  absl::MutexLock lock(&mu_);
  ++failures_by_code_[CodeName(status)];
}

}  // namespace huiwu::testing
