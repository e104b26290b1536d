// Rules of the stock ledger and of replenishment (备品…做到勤俭节约，不足及时申请补充).
#ifndef HUIWU_SERVICES_INVENTORY_DOMAIN_STOCK_RULES_H_
#define HUIWU_SERVICES_INVENTORY_DOMAIN_STOCK_RULES_H_

#include <cstdint>

#include "services/inventory/domain/types.h"

namespace huiwu::inventory {

// +1 for kinds that bring stock in (receive, return), −1 for those that take it out;
// 0 for transfers (both) and adjustments (either way).
int SignOf(MovementKind kind);

// Whether RecordMovement may post `kind`: ISSUE and RETURN belong to kits and
// ADJUSTMENT to stocktakes, so that the ledger says which meeting or count caused them.
bool RecordableByHand(MovementKind kind);

// Low stock: at or under the minimum that is available to new kits. No minimum (0)
// means never low.
bool IsLow(int64_t available, int64_t minimum);

// Whether a drop of available stock from `available_before` to `available_after` took
// the item to or under its minimum (StockBelowMinimum once per crossing, not on every
// movement while it stays low).
bool CrossedMinimum(int64_t available_before, int64_t available_after, int64_t minimum);

// How much a replenishment asks for: up to the maximum (twice the minimum when none is
// set), at least one.
int64_t ReplenishQuantity(const StockLimit& limit, int64_t available);

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_DOMAIN_STOCK_RULES_H_
