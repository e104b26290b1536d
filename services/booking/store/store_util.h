// Plumbing shared by the booking store's files: request-id idempotency and etags.
#ifndef HUIWU_SERVICES_BOOKING_STORE_STORE_UTIL_H_
#define HUIWU_SERVICES_BOOKING_STORE_STORE_UTIL_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/connection.h"

namespace huiwu::booking {

// Sets of enum numbers are stored as bit masks (bit n = value n), which keeps a "has all
// of this equipment" filter one expression.
uint64_t ToMask(const std::set<int>& values);
std::set<int> FromMask(uint64_t mask);

// Claims `request_id` for `method` in the current transaction. Returns the resource name
// recorded by an earlier call with the same id, or nullopt when this call is the first
// (then the claim commits or rolls back with the caller's transaction).
std::optional<std::string> ClaimRequestId(db::Connection& c, absl::string_view method,
                                          absl::string_view request_id,
                                          absl::string_view resource_name, absl::Time now);

// ABORTED (reason ETAG_MISMATCH, metadata current_etag) when `etag` is set and is not
// the etag of `version`.
absl::Status CheckEtag(absl::string_view etag, int64_t version, absl::string_view resource);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_STORE_STORE_UTIL_H_
