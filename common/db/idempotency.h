// request_id idempotency for create calls (AIP-155), the same in every service: a
// service's schema has a table
//   idempotency_keys (method, request_id, resource_name, create_time,
//                     PRIMARY KEY (method, request_id))
// and claims the key in the transaction that creates the resource, so the claim and the
// resource commit (or roll back) together, on any replica and any Galera node. The key
// also keeps the fingerprint of the request's body (server::RequestFingerprint, carried
// by the call's audit::Scope): the same id with another body is a client's bug — two
// different requests under one id — and is refused, never answered with the first
// result (issue 11).
#ifndef HUIWU_COMMON_DB_IDEMPOTENCY_H_
#define HUIWU_COMMON_DB_IDEMPOTENCY_H_

#include <exception>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/connection.h"

namespace huiwu::db {

// Thrown by ClaimRequestId when the id was used with another body; db::InTransaction rolls
// back and returns status() (INVALID_ARGUMENT naming request_id), so that no store needs
// a path of its own for it.
class RequestIdReused final : public std::exception {
 public:
  const char* what() const noexcept override;
  absl::Status status() const;
};

// Claims `request_id` for `method` in the current transaction. Returns the resource name
// recorded by an earlier call with the same id, or nullopt when this call is the first.
// Throws like the driver (a vanished concurrent claim as a retryable 1213), and
// RequestIdReused. The created resource names the call's audit record.
std::optional<std::string> ClaimRequestId(Connection& c, absl::string_view method,
                                          absl::string_view request_id,
                                          absl::string_view resource_name, absl::Time now);

}  // namespace huiwu::db

#endif  // HUIWU_COMMON_DB_IDEMPOTENCY_H_
