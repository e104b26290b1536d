#include "common/db/idempotency.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "common/db/sql_error.h"
#include "common/db/sql_time.h"

namespace huiwu::db {
namespace {

constexpr char kInsertIdempotencyKey[] =
    "INSERT INTO idempotency_keys (method, request_id, resource_name, create_time) "
    "VALUES (?, ?, ?, ?)";
constexpr char kSelectIdempotencyKey[] =
    "SELECT resource_name FROM idempotency_keys WHERE method = ? AND request_id = ?";

}  // namespace

std::optional<std::string> ClaimRequestId(Connection& c, absl::string_view method,
                                          absl::string_view request_id,
                                          absl::string_view resource_name, absl::Time now) {
  try {
    auto& insert = c.Prepare(kInsertIdempotencyKey);
    insert.setString(1, std::string(method));
    insert.setString(2, std::string(request_id));
    insert.setString(3, std::string(resource_name));
    insert.setDateTime(4, ToSqlDateTime(now));
    insert.executeUpdate();
    return std::nullopt;
  } catch (const sql::SQLException& e) {
    if (e.getErrorCode() != kErDupEntry) throw;
  }
  // A concurrent first call held the key until it committed; its row is visible now.
  auto& select = c.Prepare(kSelectIdempotencyKey);
  select.setString(1, std::string(method));
  select.setString(2, std::string(request_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) {
    // The row that collided is gone again (its transaction rolled back): retry whole.
    throw sql::SQLException("idempotency key vanished", "40001", kErLockDeadlock);
  }
  return std::string(row->getString(1));
}

}  // namespace huiwu::db
