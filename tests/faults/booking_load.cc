#include "tests/faults/booking_load.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/api/timestamp.h"
#include "common/server/grpc_metrics.h"
#include "tests/booking/meeting_race_util.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/service_fixture.h"
#include "tests/support/sql_rows.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

// What a client retries: the service did not answer (restarting, database gone), or
// the change collided and may go through again. The request_id makes a retry safe.
bool Retryable(grpc::StatusCode code) {
  return code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::ABORTED ||
         code == grpc::StatusCode::DEADLINE_EXCEEDED;
}

std::string CodeName(const grpc::Status& status) {
  return std::string(server::GoCodeName(static_cast<int>(status.error_code())));
}

// A worker's pause between attempts: short, growing, capped (a client's backoff).
absl::Duration Backoff(int attempt) {
  return std::min(absl::Milliseconds(20) * attempt, absl::Milliseconds(500));
}

constexpr size_t kProblemsShown = 10;

}  // namespace

BookingTargets::BookingTargets(const std::vector<int>& ports) {
  for (size_t slot = 0; slot < ports.size(); ++slot) {
    stubs_.push_back(v1::BookingService::NewStub(NewTestChannel(ports[slot])));
  }
}

void BookingTargets::Set(int slot, int port) {
  auto stub = std::shared_ptr<v1::BookingService::Stub>(
      v1::BookingService::NewStub(NewTestChannel(port)));
  absl::MutexLock lock(&mu_);
  stubs_.at(slot) = std::move(stub);
}

std::shared_ptr<v1::BookingService::Stub> BookingTargets::For(int worker) const {
  absl::MutexLock lock(&mu_);
  return stubs_[worker % stubs_.size()];
}

int BookingTargets::slots() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(stubs_.size());
}

BookingLoad::BookingLoad(LoadOptions options, BookingTargets* targets)
    : options_(std::move(options)), targets_(targets) {
  for (int slot = 0; slot < targets_->slots(); ++slot) {
    acknowledged_by_slot_.push_back(std::make_unique<std::atomic<int64_t>>(0));
  }
}

BookingLoad::~BookingLoad() { Stop(); }

void BookingLoad::Start() {
  per_worker_.resize(options_.workers);
  for (int worker = 0; worker < options_.workers; ++worker) {
    threads_.emplace_back([this, worker] { Work(worker, &per_worker_[worker]); });
  }
}

void BookingLoad::Stop() {
  stop_ = true;
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
  if (records_.empty()) {
    for (auto& records : per_worker_) {
      records_.insert(records_.end(), records.begin(), records.end());
    }
  }
}

int64_t BookingLoad::acknowledged_through(int slot) const {
  return acknowledged_by_slot_.at(slot)->load();
}

std::map<std::string, int> BookingLoad::unexpected() const {
  absl::MutexLock lock(&mu_);
  return unexpected_;
}

std::map<std::string, int> BookingLoad::failures_by_code() const {
  absl::MutexLock lock(&mu_);
  return failures_by_code_;
}

void BookingLoad::Note(int worker, const grpc::Status& status) {
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

template <typename Call>
grpc::Status BookingLoad::CallUntilAnswered(int worker, Call call) {
  grpc::Status status;
  for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + options_.call_deadline));
    status = call(*targets_->For(worker), &context);
    Note(worker, status);
    if (!Retryable(status.error_code())) return status;
    // A stopped load gives up retrying only between attempts: the last answer stands.
    if (stop_) return status;
    absl::SleepFor(Backoff(attempt));
  }
  return status;
}

void BookingLoad::Work(int worker, std::vector<BookingRecord>* out) {
  std::mt19937 random(worker + 1);
  std::uniform_int_distribution<int> slot(0, options_.slots - 1);
  for (int n = 0; n < options_.max_bookings_per_worker && !stop_; ++n) {
    BookingRecord record;
    record.title = absl::StrCat("fault-", worker, "-", n);
    record.room = options_.rooms[(worker + n) % options_.rooms.size()];
    const absl::Time start = options_.first_slot + absl::Hours(slot(random));

    v1::CreateMeetingRequest create;
    *create.mutable_meeting() = SampleMeeting(record.room, start, start + absl::Hours(1));
    create.mutable_meeting()->set_title(record.title);
    create.set_request_id(absl::StrCat("create-", record.title));
    v1::CreateMeetingResponse created;
    const grpc::Status create_status =
        CallUntilAnswered(worker, [&](v1::BookingService::Stub& stub, grpc::ClientContext* c) {
          return stub.CreateMeeting(c, create, &created);
        });
    if (create_status.ok()) {
      record.created = true;
      record.meeting = created.meeting().name();
    } else if (!Retryable(create_status.error_code())) {
      absl::MutexLock lock(&mu_);
      ++unexpected_[absl::StrCat("CreateMeeting ", CodeName(create_status), ": ",
                                 create_status.error_message())];
    }
    if (record.created && !stop_) {
      v1::ConfirmMeetingRequest confirm;
      confirm.set_name(record.meeting);
      confirm.set_request_id(absl::StrCat("confirm-", record.title));
      v1::ConfirmMeetingResponse confirmed;
      const grpc::Status confirm_status =
          CallUntilAnswered(worker, [&](v1::BookingService::Stub& stub, grpc::ClientContext* c) {
            return stub.ConfirmMeeting(c, confirm, &confirmed);
          });
      if (confirm_status.ok()) {
        record.confirmed = true;
      } else if (confirm_status.error_code() == grpc::StatusCode::FAILED_PRECONDITION &&
                 DetailsOf(confirm_status).reason == "ROOM_CONFLICT") {
        record.refused = true;
      } else if (!Retryable(confirm_status.error_code())) {
        absl::MutexLock lock(&mu_);
        ++unexpected_[absl::StrCat("ConfirmMeeting ", CodeName(confirm_status), ": ",
                                   confirm_status.error_message())];
      }
    }
    out->push_back(std::move(record));
  }
}

BookingAudit AuditBookings(const std::vector<BookingRecord>& records,
                           const config::DatabaseConfig& database) {
  BookingAudit audit;
  // title → the meetings stored under it, and which of them hold their room.
  std::map<std::string, std::vector<std::string>> stored;
  for (const std::string& row :
       QueryRows(database, "SELECT title, meeting_id FROM meetings WHERE title LIKE 'fault-%'")) {
    std::vector<std::string> columns = absl::StrSplit(row, '|');
    stored[columns[0]].push_back(absl::StrCat("meetings/", columns[1]));
  }
  std::set<std::string> holding;
  for (const std::string& id : QueryRows(database, "SELECT meeting_id FROM occupancies")) {
    holding.insert(absl::StrCat("meetings/", id));
  }
  auto problem = [&](std::string text) {
    if (audit.problems.size() < kProblemsShown) audit.problems.push_back(std::move(text));
  };
  for (const BookingRecord& record : records) {
    const auto it = stored.find(record.title);
    const std::vector<std::string> none;
    const std::vector<std::string>& meetings = it != stored.end() ? it->second : none;
    if (meetings.size() > 1) {
      audit.duplicated += static_cast<int64_t>(meetings.size()) - 1;
      problem(absl::StrCat(record.title, " stored ", meetings.size(), " times: ",
                           absl::StrJoin(meetings, ", ")));
    }
    if (!record.created) continue;
    ++audit.acknowledged;
    if (std::find(meetings.begin(), meetings.end(), record.meeting) == meetings.end()) {
      ++audit.lost;
      problem(absl::StrCat(record.title, ": created as ", record.meeting, ", not stored"));
    } else if (record.confirmed && holding.count(record.meeting) == 0) {
      ++audit.lost;
      problem(absl::StrCat(record.title, ": ", record.meeting, " confirmed, holds no room"));
    } else if (record.refused && holding.count(record.meeting) != 0) {
      ++audit.phantom;
      problem(absl::StrCat(record.title, ": ", record.meeting, " refused, yet holds its room"));
    }
  }
  audit.overlaps = QueryInt(database, kOverlappingHolds);
  return audit;
}

std::string FaultSummary(const std::string& scenario, int64_t calls, const BookingAudit& audit,
                         absl::Duration recovery) {
  return absl::StrCat("fault test, ", scenario, ": calls ", calls, ", acknowledged bookings ",
                      audit.acknowledged, ", lost ", audit.lost, ", duplicated ", audit.duplicated,
                      ", refused yet stored ", audit.phantom, ", overlapping holds ", audit.overlaps, ", time to recover ",
                      absl::FormatDuration(recovery));
}

}  // namespace huiwu::testing
