#include "services/booking/store/store_util.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/api/etag.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/status/errors.h"

namespace huiwu::booking {
namespace {

constexpr char kInsertIdempotencyKey[] =
    "INSERT INTO idempotency_keys (method, request_id, resource_name, create_time) "
    "VALUES (?, ?, ?, ?)";
constexpr char kSelectIdempotencyKey[] =
    "SELECT resource_name FROM idempotency_keys WHERE method = ? AND request_id = ?";

}  // namespace

uint64_t ToMask(const std::set<int>& values) {
  uint64_t mask = 0;
  for (int v : values) mask |= uint64_t{1} << v;
  return mask;
}

std::set<int> FromMask(uint64_t mask) {
  std::set<int> values;
  for (int v = 0; v < 64; ++v) {
    if (mask & (uint64_t{1} << v)) values.insert(v);
  }
  return values;
}

// Claims `request_id` for `method` in the current transaction. Returns the resource name
// recorded by an earlier call with the same id, or nullopt when this call is the first.
std::optional<std::string> ClaimRequestId(db::Connection& c, absl::string_view method,
                                          absl::string_view request_id,
                                          absl::string_view resource_name, absl::Time now) {
  try {
    auto& insert = c.Prepare(kInsertIdempotencyKey);
    insert.setString(1, std::string(method));
    insert.setString(2, std::string(request_id));
    insert.setString(3, std::string(resource_name));
    insert.setDateTime(4, db::ToSqlDateTime(now));
    insert.executeUpdate();
    return std::nullopt;
  } catch (const sql::SQLException& e) {
    if (e.getErrorCode() != db::kErDupEntry) throw;
  }
  // A concurrent first call held the key until it committed; its row is visible now.
  auto& select = c.Prepare(kSelectIdempotencyKey);
  select.setString(1, std::string(method));
  select.setString(2, std::string(request_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) {
    // The row that collided is gone again (its transaction rolled back): retry whole.
    throw sql::SQLException("idempotency key vanished", "40001", db::kErLockDeadlock);
  }
  return std::string(row->getString(1));
}

absl::Status CheckEtag(absl::string_view etag, int64_t version, absl::string_view resource) {
  if (etag.empty() || etag == api::EtagOf(version)) return absl::OkStatus();
  return ErrorWithReason(
      absl::StatusCode::kAborted, "ETAG_MISMATCH",
      absl::StrCat(resource, " changed since it was read (etag ", etag, ", now ",
                   api::EtagOf(version), "); read it again and reapply the change"),
      {{"resource", std::string(resource)}, {"current_etag", api::EtagOf(version)}});
}

}  // namespace huiwu::booking
