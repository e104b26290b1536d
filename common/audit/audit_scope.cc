#include "common/audit/audit_scope.h"

#include <cppconn/prepared_statement.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/sql_time.h"
#include "common/status/grpc_status.h"

namespace huiwu::audit {
namespace {

thread_local Scope* t_current = nullptr;

constexpr char kInsertRecord[] =
    "INSERT INTO audit_records (record_time, caller, person, method, resource, request_id, "
    "outcome, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

// The columns' widths: what a client sent is cut to fit rather than failing the change.
constexpr int kMaxText = 300;

}  // namespace

Scope::Scope(Record fallback, Kind kind, std::string request_fingerprint, std::string container)
    : fallback_(std::move(fallback)),
      kind_(kind),
      request_fingerprint_(std::move(request_fingerprint)),
      container_(std::move(container)),
      enclosing_(t_current) {
  t_current = this;
}

Scope::~Scope() { t_current = enclosing_; }

Scope* Scope::Current() { return t_current; }

void Scope::NoteCreated(absl::string_view resource) {
  if (created_.empty()) created_ = std::string(resource);
}

void Scope::NotePublished(absl::string_view subject) {
  published_ = true;
  if (subject_.empty()) subject_ = std::string(subject);
}

void Scope::NoteReplay() { replay_ = true; }

void Scope::BeginAttempt() {
  created_.clear();
  subject_.clear();
  published_ = replay_ = pending_ = false;
}

void Scope::BeforeCommit(db::Connection& c) {
  const bool due = kind_ == Kind::kCall ? !recorded_ && !replay_ : published_;
  if (!due) return;
  Record record = fallback_;
  if (record.resource.empty()) record.resource = created_;
  if (record.resource.empty()) record.resource = subject_;
  if (record.resource.empty()) record.resource = container_;
  InsertRecord(c, record);
  pending_ = true;
}

void Scope::Committed() {
  if (pending_) recorded_ = true;
  pending_ = false;
}

Record SystemRecord(absl::string_view who, absl::string_view method) {
  Record record;
  record.caller = absl::StrCat("system/", who);
  record.person = record.caller;
  record.method = std::string(method);
  return record;
}

void InsertRecord(db::Connection& c, const Record& record) {
  auto& insert = c.Prepare(kInsertRecord);
  insert.setDateTime(1, db::ToSqlDateTime(absl::Now()));
  insert.setString(2, Shorten(record.caller, kMaxText));
  insert.setString(3, Shorten(record.person, kMaxText));
  insert.setString(4, Shorten(record.method, kMaxText));
  insert.setString(5, Shorten(record.resource, kMaxText));
  insert.setString(6, Shorten(record.request_id, kMaxText));
  insert.setString(7, Shorten(record.outcome, 64));
  insert.setString(8, Shorten(record.reason, kMaxText));
  insert.executeUpdate();
}

}  // namespace huiwu::audit
