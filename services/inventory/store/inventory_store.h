// All SQL of the inventory service. Statements are named constants, prepared once per
// connection; every write is one transaction run by db::InTransaction (retried whole on
// deadlock, Galera certification failure or a lost connection), every read db::ReadOnly.
//
// The core invariant — no balance ever negative, none reserved beyond what is on hand,
// on_hand always the sum of the ledger — is kept by the database: each change of a
// balance is a guarded UPDATE of its row (affected rows checked) in the transaction that
// appends the ledger row, and a CHECK constraint refuses anything else (balance_ops.h).
#ifndef HUIWU_SERVICES_INVENTORY_STORE_INVENTORY_STORE_H_
#define HUIWU_SERVICES_INVENTORY_STORE_INVENTORY_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "services/inventory/api/requests.h"
#include "services/inventory/domain/kit_rules.h"
#include "services/inventory/domain/types.h"

namespace huiwu::inventory {

struct MovementResult {
  std::vector<Movement> movements;
  Balance balance;  // of the (source) location afterwards
};

struct LowStockEntry {
  Balance balance;
  std::string replenishment_id;  // the open request, empty if none
};

struct StocktakeResult {
  Stocktake stocktake;
  std::vector<Movement> adjustments;
};

struct ConsumptionItem {
  std::string item_id;
  int64_t consumed = 0;
  int64_t planned = 0;
  int64_t unit_cost_fen = 0;
};

struct ConsumptionReport {
  int meeting_count = 0;
  int64_t participant_count = 0;
  std::vector<ConsumptionItem> items;  // by item
};

struct ReceiveResult {
  ReplenishmentRequest request;
  Balance balance;
};

// What the huiwu_inventory_keys_* gauges show.
struct KeysOutCount {
  int64_t out = 0;
  int64_t overdue = 0;
};

class InventoryStore final {
 public:
  explicit InventoryStore(db::ConnectionPool& pool) : pool_(pool) {}

  // Items (item_store.cc).
  absl::StatusOr<Item> CreateItem(const Item& item, absl::string_view request_id, absl::Time now);
  absl::StatusOr<Item> GetItem(absl::string_view item_id);
  absl::StatusOr<std::vector<Item>> ListItems(const ListItemsQuery& query, int limit);
  absl::StatusOr<Item> UpdateItem(absl::string_view item_id, absl::string_view etag,
                                  absl::FunctionRef<void(Item&)> apply, absl::Time now);

  // The ledger (movement_store.cc).
  absl::StatusOr<MovementResult> RecordMovement(const RecordMovementCommand& command,
                                                absl::string_view actor, absl::Time now);
  absl::StatusOr<Balance> GetBalance(absl::string_view item_id, absl::string_view location);
  absl::StatusOr<std::vector<Movement>> ListMovements(const ListMovementsQuery& query, int limit);
  absl::StatusOr<std::vector<LowStockEntry>> ListLowStock(const ListLowStockQuery& query,
                                                          int limit);
  // How many (item, location) pairs are at or under their minimum.
  absl::StatusOr<int64_t> CountLowStock();

  // Stocktakes (stocktake_store.cc).
  absl::StatusOr<Stocktake> StartStocktake(const StartStocktakeCommand& command, absl::Time now);
  absl::StatusOr<StocktakeResult> SubmitStocktake(const SubmitStocktakeCommand& command,
                                                  absl::string_view actor, absl::Time now);

  // Kits (kit_store.cc).
  absl::StatusOr<KitTemplate> CreateKitTemplate(const KitTemplate& kit_template,
                                                absl::string_view request_id, absl::Time now);
  absl::StatusOr<Kit> ReserveKit(const ReserveKitCommand& command, absl::Time now);
  absl::StatusOr<Kit> IssueKit(const KitStepCommand& command, absl::string_view actor,
                               absl::Time now);
  absl::StatusOr<Kit> SettleKit(const KitStepCommand& command, absl::string_view actor,
                                absl::Time now);
  absl::StatusOr<Kit> ReleaseKit(const KitStepCommand& command, absl::string_view actor,
                                 absl::Time now);
  // The kit as readiness reads it (meeting_kit_store.cc): NOT_FOUND, KIT_NOT_FOUND.
  absl::StatusOr<Kit> GetKit(absl::string_view meeting_id);

  // The kit following booking's events, each ONE transaction (so the consumer's cursor
  // commits with it) and idempotent by the meeting: one kit per meeting, and an event
  // applied again finds nothing left to do (nullopt: nothing changed).
  //
  // Reserves the kit of `meeting` (its details; source and lines are chosen here) when it
  // has none and `create`, by the template for its kind and size from the room's
  // cabinet; or makes a reserved kit follow a moved or resized meeting (the source follows
  // the room when it was the room's cabinet; the norm follows the size). Where stock falls
  // short the kit keeps what is available and records the rest as needed (KitReserved
  // and KitShort). An issued kit only takes the new details; a closed one stays as it is.
  // FAILED_PRECONDITION, NO_KIT_TEMPLATE, when a new kit has no norm.
  absl::StatusOr<std::optional<Kit>> FollowMeeting(const Kit& meeting, bool create, absl::Time now);
  // Releases the meeting's kit (cancelled or released as a no-show), reserved or issued.
  absl::StatusOr<std::optional<Kit>> ReleaseMeetingKit(absl::string_view meeting_id,
                                                       absl::string_view reason, absl::Time now);
  // Settles the kit of a completed meeting that nobody settled by hand
  // (meeting_kit_rules.h SettleOnCompletion), from RESERVED or ISSUED.
  absl::StatusOr<std::optional<Kit>> SettleMeetingKit(absl::string_view meeting_id, absl::Time now);

  // Replenishment (replenishment_store.cc).
  absl::StatusOr<ReplenishmentRequest> CreateReplenishment(
      const CreateReplenishmentCommand& command, absl::string_view actor, absl::Time now);
  absl::StatusOr<ReplenishmentRequest> ApproveReplenishment(const ReplenishmentStepCommand& command,
                                                            absl::Time now);
  absl::StatusOr<ReceiveResult> ReceiveReplenishment(const ReplenishmentStepCommand& command,
                                                     absl::string_view actor, absl::Time now);

  // Reports (report_store.cc).
  absl::StatusOr<ConsumptionReport> GetConsumptionReport(const ConsumptionQuery& query);

  // Room keys (key_store.cc).
  absl::StatusOr<RoomKey> CreateRoomKey(const RoomKey& key, absl::string_view request_id,
                                        absl::Time now);
  absl::StatusOr<RoomKey> CheckOutKey(const CheckOutKeyCommand& command, absl::string_view actor,
                                      absl::Time now);
  absl::StatusOr<RoomKey> ReturnKey(const KeyRef& key, absl::string_view actor, absl::Time now);
  // Keys out now, and those of them past their expected return (domain/key_rules.h).
  absl::StatusOr<KeysOutCount> CountKeysOut(absl::Time now);
  absl::StatusOr<std::vector<RoomKey>> ListKeyHolders(const ListKeyHoldersQuery& query,
                                                      absl::Time now, int limit);

 private:
  // Who takes a kit's step: a person (a missing or closed kit is an error) or an event
  // (nothing to do).
  enum class StepBy { kHand, kEvent };
  absl::StatusOr<std::optional<Kit>> StepKit(
      absl::string_view method, const KitStepCommand& command, KitAction action, KitState next,
      StepBy by, absl::Time now, absl::FunctionRef<absl::Status(db::Connection&, Kit&)> apply);
  absl::StatusOr<Kit> StepKitByHand(absl::string_view method, const KitStepCommand& command,
                                    KitAction action, KitState next, absl::Time now,
                                    absl::FunctionRef<absl::Status(db::Connection&, Kit&)> apply);

  db::ConnectionPool& pool_;
};

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_STORE_INVENTORY_STORE_H_
