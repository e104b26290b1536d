#include "services/inventory/domain/key_rules.h"

#include "common/status/errors.h"

namespace huiwu::inventory {

bool IsOverdue(const RoomKey& key, absl::Time now) {
  return !key.holder.empty() && key.expected_return_time.has_value() &&
         *key.expected_return_time < now;
}

absl::Status CheckExpectedReturn(absl::string_view field, absl::Time expected_return,
                                 absl::Time now) {
  if (expected_return <= now) {
    return InvalidFieldError(field, "must be in the future: when the key will be brought back");
  }
  if (expected_return > now + kLongestKeyLoan) {
    return InvalidFieldError(field, "at most 7 days ahead: keys are lent for a meeting, not kept");
  }
  return absl::OkStatus();
}

}  // namespace huiwu::inventory
