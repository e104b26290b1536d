// Inventory's events (proto/huiwu/inventory/v1/events.proto), written to the outbox in
// the caller's transaction by events::Publish: every change of a kit, the ledger, a
// replenishment request or a key publishes here, so the event commits with the change.
#ifndef HUIWU_SERVICES_INVENTORY_STORE_INVENTORY_EVENTS_H_
#define HUIWU_SERVICES_INVENTORY_STORE_INVENTORY_EVENTS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/connection.h"
#include "services/inventory/domain/types.h"

namespace huiwu::inventory {

// KitReserved, then KitShort when the kit has short lines.
void PublishKitReserved(db::Connection& c, const Kit& kit, absl::Time now);
void PublishKitIssued(db::Connection& c, const Kit& kit, absl::Time now);
void PublishKitSettled(db::Connection& c, const Kit& kit, bool on_completion, absl::Time now);
void PublishKitReleased(db::Connection& c, const Kit& kit, absl::string_view reason,
                        absl::Time now);
void PublishKitUpdated(db::Connection& c, const Kit& kit, absl::Time now);

void PublishStockMoved(db::Connection& c, const Movement& movement, const Balance& balance,
                       absl::Time now);
// `replenishment_id` and `meeting_id` may be empty.
void PublishStockBelowMinimum(db::Connection& c, const Balance& balance,
                              absl::string_view replenishment_id, absl::string_view meeting_id,
                              absl::Time now);

enum class ReplenishmentEvent { kRequested, kApproved, kReceived };
// `balance` (after the receipt) is read for kReceived only.
void PublishReplenishment(db::Connection& c, ReplenishmentEvent event,
                          const ReplenishmentRequest& request, const Balance& balance,
                          absl::Time now);

void PublishKeyCheckedOut(db::Connection& c, const RoomKey& key, absl::Time now);
void PublishKeyReturned(db::Connection& c, const RoomKey& key, absl::string_view returned_by,
                        absl::Time now);

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_STORE_INVENTORY_EVENTS_H_
