// Plumbing shared by the booking store's files. (Request ids and etags are every
// service's: common/db/idempotency.h and common/api/etag_check.h.)
#ifndef HUIWU_SERVICES_BOOKING_STORE_STORE_UTIL_H_
#define HUIWU_SERVICES_BOOKING_STORE_STORE_UTIL_H_

#include <cstdint>
#include <set>

namespace huiwu::booking {

// Sets of enum numbers are stored as bit masks (bit n = value n), which keeps a "has all
// of this equipment" filter one expression.
uint64_t ToMask(const std::set<int>& values);
std::set<int> FromMask(uint64_t mask);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_STORE_STORE_UTIL_H_
