#include "common/audit/audit_table.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"

namespace huiwu::audit {
namespace {

// The indexes serve the filters operators use (a resource's history, one caller's
// doings) and the newest-first time order; a method filter scans the time index.
// Triggers that SIGNAL make the table append-only for every account, the service's own
// included; they fire on the node that runs the statement, which is where a refused
// UPDATE or DELETE comes from on Galera too (row events applied from other nodes do not
// fire triggers, and none are ever made).
constexpr char kAuditSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS audit_records (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  record_time DATETIME(6) NOT NULL,
  caller VARCHAR(300) NOT NULL,
  person VARCHAR(300) NOT NULL,
  method VARCHAR(300) NOT NULL,
  resource VARCHAR(300) NOT NULL,
  request_id VARCHAR(300) NOT NULL,
  outcome VARCHAR(64) NOT NULL,
  reason VARCHAR(300) NOT NULL,
  KEY audit_records_by_time (record_time, id),
  KEY audit_records_by_resource (resource, record_time, id),
  KEY audit_records_by_caller (caller, record_time, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TRIGGER IF NOT EXISTS audit_records_no_update BEFORE UPDATE ON audit_records FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_records is append-only';
CREATE TRIGGER IF NOT EXISTS audit_records_no_delete BEFORE DELETE ON audit_records FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_records is append-only';
)sql";

// SHA-256 of the request's body (32 bytes); NULL for keys claimed before it existed.
// IF EXISTS: a database with no create calls (a test schema of common/ alone) has no
// idempotency_keys.
constexpr char kRequestFingerprint[] = R"sql(
ALTER TABLE IF EXISTS idempotency_keys ADD COLUMN IF NOT EXISTS request_fingerprint VARBINARY(32) NULL;
)sql";

constexpr char kSelectColumns[] =
    "SELECT id, record_time, caller, person, method, resource, request_id, outcome, reason "
    "FROM audit_records WHERE 1 = 1";

}  // namespace

std::vector<db::Migration> AuditMigrations() {
  return {db::Migration{901, "audit_records", kAuditSchema},
          db::Migration{902, "idempotency_fingerprint", kRequestFingerprint}};
}

absl::StatusOr<std::vector<StoredRecord>> ListRecords(db::ConnectionPool& pool,
                                                      const RecordQuery& query) {
  // Only the conditions given are in the statement: each shape is one prepared statement
  // per connection (at most 2^6 of them), and none of them defeats an index with
  // "? = '' OR …".
  std::string sql = kSelectColumns;
  if (query.start_time.has_value()) absl::StrAppend(&sql, " AND record_time >= ?");
  if (query.end_time.has_value()) absl::StrAppend(&sql, " AND record_time < ?");
  if (!query.caller.empty()) absl::StrAppend(&sql, " AND caller = ?");
  if (!query.method.empty()) absl::StrAppend(&sql, " AND method = ?");
  if (!query.resource.empty()) absl::StrAppend(&sql, " AND resource = ?");
  if (query.before.has_value()) {
    absl::StrAppend(&sql, " AND (record_time < ? OR (record_time = ? AND id < ?))");
  }
  absl::StrAppend(&sql, " ORDER BY record_time DESC, id DESC LIMIT ?");

  std::vector<StoredRecord> records;
  absl::Status status = db::ReadOnly(pool, "ListAuditRecords", [&](db::Connection& c) {
    records.clear();
    auto& select = c.Prepare(sql);
    int i = 0;
    if (query.start_time.has_value()) select.setDateTime(++i, db::ToSqlDateTime(*query.start_time));
    if (query.end_time.has_value()) select.setDateTime(++i, db::ToSqlDateTime(*query.end_time));
    if (!query.caller.empty()) select.setString(++i, query.caller);
    if (!query.method.empty()) select.setString(++i, query.method);
    if (!query.resource.empty()) select.setString(++i, query.resource);
    if (query.before.has_value()) {
      const std::string before = db::ToSqlDateTime(query.before->first);
      select.setDateTime(++i, before);
      select.setDateTime(++i, before);
      select.setUInt64(++i, query.before->second);
    }
    select.setInt(++i, query.limit);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) {
      StoredRecord stored;
      stored.id = rows->getUInt64(1);
      stored.record_time = db::FromSqlDateTime(std::string(rows->getString(2)));
      stored.record.caller = rows->getString(3);
      stored.record.person = rows->getString(4);
      stored.record.method = rows->getString(5);
      stored.record.resource = rows->getString(6);
      stored.record.request_id = rows->getString(7);
      stored.record.outcome = rows->getString(8);
      stored.record.reason = rows->getString(9);
      records.push_back(std::move(stored));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return records;
}

}  // namespace huiwu::audit
