#include "common/events/outbox.h"

#include <cppconn/prepared_statement.h>

#include "absl/strings/str_join.h"
#include "common/audit/audit_scope.h"
#include "common/db/sql_time.h"
#include "common/events/signal.h"
#include "google/protobuf/message.h"

namespace huiwu::events {
namespace {

constexpr size_t kMaxSubjects = 16;
constexpr size_t kMaxSubjectBytes = 300;

constexpr char kInsertEvent[] =
    "INSERT INTO event_outbox (type, subjects, payload, create_time) VALUES (?, ?, ?, ?)";

// seq stays NULL until the sequencer numbers the committed row (sequencer.h): a cursor
// is handed out only after commit, in the order the sequencer sees commits. subjects
// are newline-separated resource names.
constexpr char kEventsSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS event_outbox (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  seq BIGINT NULL,
  type VARCHAR(200) NOT NULL,
  subjects TEXT NOT NULL,
  payload MEDIUMBLOB NOT NULL,
  create_time DATETIME(6) NOT NULL,
  sequence_time DATETIME(6) NULL,
  UNIQUE KEY event_outbox_seq (seq)
) ENGINE=InnoDB;
CREATE TABLE IF NOT EXISTS event_sequence (
  id TINYINT NOT NULL PRIMARY KEY,
  last_seq BIGINT NOT NULL,
  pruned_through BIGINT NOT NULL
) ENGINE=InnoDB;
INSERT IGNORE INTO event_sequence (id, last_seq, pruned_through) VALUES (1, 0, 0);
CREATE TABLE IF NOT EXISTS event_cursors (
  source VARCHAR(64) NOT NULL PRIMARY KEY,
  position BIGINT NOT NULL,
  update_time DATETIME(6) NOT NULL
) ENGINE=InnoDB;
)sql";

}  // namespace

std::string OrganizerUnitSubject(absl::string_view organizer_unit) {
  return absl::StrCat("organizerUnits/", organizer_unit);
}

void Publish(db::Connection& c, const google::protobuf::Message& payload,
             const std::vector<std::string>& subjects, absl::Time now) {
  std::vector<std::string> kept;
  for (const std::string& subject : subjects) {
    if (kept.size() == kMaxSubjects) break;
    if (subject.empty() || subject.size() > kMaxSubjectBytes ||
        subject.find('\n') != std::string::npos) {
      continue;
    }
    kept.push_back(subject);
  }
  // A change was made: a job's or consumer's audit scope records this transaction.
  if (audit::Scope* audit = audit::Scope::Current()) {
    audit->NotePublished(kept.empty() ? "" : kept.front());
  }
  auto& insert = c.Prepare(kInsertEvent);
  insert.setString(1, payload.GetDescriptor()->full_name());
  insert.setString(2, absl::StrJoin(kept, "\n"));
  // A plain parameter (length-counted, so binary-safe), not setBlob: a blob goes as long
  // data ahead of the execute, a command the server never answers, and the statement
  // would keep a pointer to a stream that is gone once this function returns.
  insert.setString(3, payload.SerializeAsString());
  insert.setDateTime(4, db::ToSqlDateTime(now));
  insert.executeUpdate();
  c.AfterCommit([] { EventsCommitted().Raise(); });
}

db::Migration EventsMigration() { return db::Migration{900, "events_outbox", kEventsSchema}; }

}  // namespace huiwu::events
