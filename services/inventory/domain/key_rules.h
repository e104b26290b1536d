// Room keys (会议室钥匙指定专人谨慎保管，及时开关): who may hold a key and until when.
#ifndef HUIWU_SERVICES_INVENTORY_DOMAIN_KEY_RULES_H_
#define HUIWU_SERVICES_INVENTORY_DOMAIN_KEY_RULES_H_

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/inventory/domain/types.h"

namespace huiwu::inventory {

// A key is lent for a meeting day, not kept: at most this long.
inline constexpr absl::Duration kLongestKeyLoan = absl::Hours(24 * 7);

// Out and past its expected return time.
bool IsOverdue(const RoomKey& key, absl::Time now);

// OK when `expected_return` is after `now` and within kLongestKeyLoan; else
// INVALID_ARGUMENT naming `field`.
absl::Status CheckExpectedReturn(absl::string_view field, absl::Time expected_return,
                                 absl::Time now);

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_DOMAIN_KEY_RULES_H_
