#include "common/db/idempotency.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "common/audit/audit_scope.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/status/errors.h"

namespace huiwu::db {
namespace {

constexpr char kInsertIdempotencyKey[] =
    "INSERT INTO idempotency_keys (method, request_id, resource_name, create_time, "
    "request_fingerprint) VALUES (?, ?, ?, ?, ?)";
constexpr char kSelectIdempotencyKey[] =
    "SELECT resource_name, request_fingerprint FROM idempotency_keys "
    "WHERE method = ? AND request_id = ?";

constexpr char kReusedMessage[] =
    "request_id already used for a different request; use a new request_id for a new request "
    "(a retry must send the same body)";

}  // namespace

const char* RequestIdReused::what() const noexcept { return kReusedMessage; }

absl::Status RequestIdReused::status() const {
  return InvalidFieldError("request_id", kReusedMessage);
}

std::optional<std::string> ClaimRequestId(Connection& c, absl::string_view method,
                                          absl::string_view request_id,
                                          absl::string_view resource_name, absl::Time now) {
  audit::Scope* audit = audit::Scope::Current();
  // Empty: not known (a call from outside a handler), so not compared either.
  const std::string fingerprint = audit != nullptr ? audit->request_fingerprint() : "";
  if (audit != nullptr && !resource_name.empty()) audit->NoteCreated(resource_name);
  try {
    auto& insert = c.Prepare(kInsertIdempotencyKey);
    insert.setString(1, std::string(method));
    insert.setString(2, std::string(request_id));
    insert.setString(3, std::string(resource_name));
    insert.setDateTime(4, ToSqlDateTime(now));
    if (fingerprint.empty()) {
      insert.setNull(5, sql::DataType::VARBINARY);
    } else {
      insert.setString(5, fingerprint);
    }
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
  // Keys claimed before fingerprints were kept (NULL) cannot be compared: first result.
  const std::string earlier_fingerprint = row->isNull(2) ? "" : std::string(row->getString(2));
  if (!fingerprint.empty() && !earlier_fingerprint.empty() && fingerprint != earlier_fingerprint) {
    throw RequestIdReused();
  }
  if (audit != nullptr) audit->NoteReplay();
  return std::string(row->getString(1));
}

}  // namespace huiwu::db
