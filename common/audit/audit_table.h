// The audit_records table, the same in every service's database, and reading it back
// for ListAuditRecords.
#ifndef HUIWU_COMMON_AUDIT_AUDIT_TABLE_H_
#define HUIWU_COMMON_AUDIT_AUDIT_TABLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/audit/audit_scope.h"
#include "common/db/migrations.h"
#include "common/db/pool.h"

namespace huiwu::audit {

// The table (append-only: triggers refuse UPDATE and DELETE) and the fingerprint column
// of idempotency_keys (db/idempotency.h). Versioned 901/902, after common's outbox (900)
// and apart from the services' own numbering, like it.
std::vector<db::Migration> AuditMigrations();

struct StoredRecord {
  uint64_t id = 0;
  absl::Time record_time;
  Record record;
};

struct RecordQuery {
  std::optional<absl::Time> start_time;  // inclusive
  std::optional<absl::Time> end_time;    // exclusive
  std::string caller;                    // empty: any
  std::string method;
  std::string resource;
  // Keyset: strictly older than (time, id), newest first.
  std::optional<std::pair<absl::Time, uint64_t>> before;
  int limit = 100;
};

absl::StatusOr<std::vector<StoredRecord>> ListRecords(db::ConnectionPool& pool,
                                                      const RecordQuery& query);

}  // namespace huiwu::audit

#endif  // HUIWU_COMMON_AUDIT_AUDIT_TABLE_H_
