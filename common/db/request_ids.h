// Request-id idempotency (AIP-155) for any service: a create that carries a request_id
// claims it in the same transaction as its writes, so a retry finds the first result.
// The service's schema must have the table
//   idempotency_keys (method VARCHAR(64), request_id VARCHAR(64),
//                     resource_name VARCHAR(255), create_time DATETIME(6),
//                     PRIMARY KEY (method, request_id)).
#ifndef HUIWU_COMMON_DB_REQUEST_IDS_H_
#define HUIWU_COMMON_DB_REQUEST_IDS_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/connection.h"

namespace huiwu::db {

// Claims `request_id` for `method` in the current transaction. Returns the resource name
// recorded by an earlier call with the same id, or nullopt when this call is the first
// (then the claim commits or rolls back with the caller's transaction).
std::optional<std::string> ClaimRequestId(Connection& c, absl::string_view method,
                                          absl::string_view request_id,
                                          absl::string_view resource_name, absl::Time now);

}  // namespace huiwu::db

#endif  // HUIWU_COMMON_DB_REQUEST_IDS_H_
