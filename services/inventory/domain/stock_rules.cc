#include "services/inventory/domain/stock_rules.h"

#include <algorithm>

namespace huiwu::inventory {

int SignOf(MovementKind kind) {
  switch (kind) {
    case MovementKind::kReceive:
    case MovementKind::kReturn:
      return 1;
    case MovementKind::kIssue:
    case MovementKind::kConsume:
    case MovementKind::kWriteOff:
      return -1;
    case MovementKind::kTransfer:
    case MovementKind::kAdjustment:
      return 0;
  }
  return 0;
}

bool RecordableByHand(MovementKind kind) {
  return kind == MovementKind::kReceive || kind == MovementKind::kTransfer ||
         kind == MovementKind::kConsume || kind == MovementKind::kWriteOff;
}

bool IsLow(int64_t available, int64_t minimum) { return minimum > 0 && available <= minimum; }

bool CrossedMinimum(int64_t available_before, int64_t available_after, int64_t minimum) {
  return !IsLow(available_before, minimum) && IsLow(available_after, minimum);
}

int64_t ReplenishQuantity(const StockLimit& limit, int64_t available) {
  const int64_t target = limit.maximum > 0 ? limit.maximum : 2 * limit.minimum;
  return std::max<int64_t>(1, target - available);
}

}  // namespace huiwu::inventory
