// The statements that change a balance, shared by every store file. Each runs inside
// the caller's transaction. Every change UPDATEs the balance row itself (never only a
// SELECT … FOR UPDATE, which locks just the local Galera node), so competing changes on
// two nodes write one row and certification refuses the loser, which InTransaction
// retries; the guard in the WHERE clause is re-evaluated on the latest row.
#ifndef HUIWU_SERVICES_INVENTORY_STORE_BALANCE_OPS_H_
#define HUIWU_SERVICES_INVENTORY_STORE_BALANCE_OPS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/connection.h"
#include "services/inventory/domain/types.h"

namespace huiwu::inventory {

// on_hand += quantity (quantity > 0), creating the row at 0 first if needed.
void IncreaseOnHand(db::Connection& c, absl::string_view item_id, absl::string_view location,
                    int64_t quantity);
// on_hand −= quantity if at least quantity is available (on_hand − reserved); false
// (nothing changed) otherwise.
bool DecreaseAvailable(db::Connection& c, absl::string_view item_id, absl::string_view location,
                       int64_t quantity);
// reserved += quantity if at least quantity is available; false otherwise.
bool Reserve(db::Connection& c, absl::string_view item_id, absl::string_view location,
             int64_t quantity);
// reserved += as much of `wanted` as is available (a kit that stock cannot fully cover
// keeps what there is); returns how many were reserved.
int64_t ReserveUpTo(db::Connection& c, absl::string_view item_id, absl::string_view location,
                    int64_t wanted);
// reserved −= quantity (a kit's own reservation given back). Throws if the row does not
// hold that much reserved, which would be a broken kit.
void Unreserve(db::Connection& c, absl::string_view item_id, absl::string_view location,
               int64_t quantity);
// on_hand −= quantity and reserved −= quantity (a reservation handed out). Throws if the
// reservation is not there.
void IssueReserved(db::Connection& c, absl::string_view item_id, absl::string_view location,
                   int64_t quantity);

// The balance with the location's minimum (zero balance if no row).
Balance ReadBalance(db::Connection& c, absl::string_view item_id, absl::string_view location);

// Appends `movement` to the ledger and publishes StockMoved with the balance after it
// (so call it after changing the balance); returns it with its id and time set.
Movement PostLedger(db::Connection& c, Movement movement, absl::Time now);

struct LowStockCheck {
  Balance balance;               // now, with its minimum
  bool low = false;              // at or under the minimum
  std::string replenishment_id;  // the open request (found, or opened here); may be empty
};

// Opens a replenishment request (申请补充) for the item at the location if it is at or
// under its minimum and none is open — in the caller's transaction, so one shortage gets
// one request whoever notices it first, on any node (the unique open key decides) — and
// publishes ReplenishmentRequested when it opens one.
LowStockCheck OpenReplenishmentIfLow(db::Connection& c, absl::string_view item_id,
                                     absl::string_view location, absl::Time now);

// After `drop` units of the item at the location stopped being available (a movement
// out, or a kit's reservation for `meeting_id`, which may be empty): the low-stock check
// above, and StockBelowMinimum when this drop took it to or under its minimum.
void NoteAvailableDrop(db::Connection& c, absl::string_view item_id, absl::string_view location,
                       int64_t drop, absl::string_view meeting_id, absl::Time now);

bool ItemExists(db::Connection& c, absl::string_view item_id);

// A new random 16-hex-digit id for stocktakes and replenishment requests.
std::string NewId();

// NOT_FOUND for an unknown item.
absl::Status ItemNotFound(absl::string_view item_id);

// FAILED_PRECONDITION, reason INSUFFICIENT_STOCK.
absl::Status InsufficientStock(absl::string_view item_id, absl::string_view location,
                               int64_t requested, int64_t available);

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_STORE_BALANCE_OPS_H_
