// Inventory requests: validated and turned into domain values (proto → domain). Every
// field is checked; a bad request gets INVALID_ARGUMENT naming each bad field, before
// anything is read or written.
#ifndef HUIWU_SERVICES_INVENTORY_API_REQUESTS_H_
#define HUIWU_SERVICES_INVENTORY_API_REQUESTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "huiwu/inventory/v1/inventory_service.pb.h"
#include "services/inventory/api/names.h"
#include "services/inventory/domain/types.h"

namespace huiwu::inventory {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 200;
inline constexpr int kDefaultMovementPageSize = 100;
inline constexpr int kMaxMovementPageSize = 500;
inline constexpr int64_t kMaxQuantity = 1'000'000;

// Item fields an update mask can name.
enum ItemField : uint32_t {
  kItemDisplayName = 1 << 0,
  kItemUnit = 1 << 1,
  kItemCategory = 1 << 2,
  kItemUnitCost = 1 << 3,
  kItemStockLimits = 1 << 4,
  kAllItemFields = (1 << 5) - 1,
};

struct CreateItemCommand {
  Item item;
  std::string request_id;
};

struct ListItemsQuery {
  std::optional<ItemCategory> category;
  int page_size = kDefaultPageSize;
  std::string after_id;
  std::string filter_text;
};

struct UpdateItemCommand {
  std::string item_id;
  Item patch;
  uint32_t fields = 0;
  std::string etag;
};

struct RecordMovementCommand {
  std::string item_id;
  std::string location;
  MovementKind kind = MovementKind::kReceive;
  int64_t quantity = 0;
  std::string to_location;
  std::string reason;
  std::string meeting_id;
  std::string request_id;
};

struct BalanceKey {
  std::string item_id;
  std::string location;
};

struct ListMovementsQuery {
  std::string item_id;  // empty: any
  std::string location;
  std::string meeting_id;
  int page_size = kDefaultMovementPageSize;
  int64_t after_id = 0;
  std::string filter_text;
};

struct StartStocktakeCommand {
  std::string location;
  std::string request_id;
};

struct SubmitStocktakeCommand {
  std::string stocktake_id;
  std::vector<ItemQuantity> counts;
};

struct ListLowStockQuery {
  std::string location;  // empty: every location
  int page_size = kDefaultPageSize;
  std::vector<std::string> after;  // empty, or {item_id, location}
  std::string filter_text;
};

struct CreateReplenishmentCommand {
  std::string item_id;
  std::string location;
  int64_t quantity = 0;
  std::string reason;
  std::string request_id;
};

struct ReplenishmentStepCommand {
  std::string id;
  std::string etag;
  int64_t received_quantity = 0;  // receive: 0 = as asked
};

struct ConsumptionQuery {
  std::string meeting_id;
  std::string room;
  std::string organizer_unit;
  std::optional<absl::Time> start;
  std::optional<absl::Time> end;
};

struct CreateKitTemplateCommand {
  KitTemplate kit_template;
  std::string request_id;
};

struct ReserveKitCommand {
  Kit kit;                          // meeting details, source_location, template_id (may be empty)
  std::vector<ItemQuantity> lines;  // explicit lines; empty: from a template
  std::string request_id;
};

struct KitStepCommand {
  std::string meeting_id;
  std::string etag;
  std::vector<ItemQuantity> consumed;  // settle
  std::string reason;                  // release
};

struct CreateRoomKeyCommand {
  RoomKey key;
  std::string request_id;
};

struct CheckOutKeyCommand {
  KeyRef key;
  std::string holder;
  absl::Time expected_return;
};

struct ListKeyHoldersQuery {
  std::optional<RoomRef> room;
  bool overdue_only = false;
  int page_size = kDefaultPageSize;
  std::vector<std::string> after;  // empty, or {building_id, room_id, key_id}
  std::string filter_text;
};

// Items (item_requests.cc).
absl::StatusOr<CreateItemCommand> ParseCreateItem(const v1::CreateItemRequest& request);
absl::StatusOr<std::string> ParseGetItem(const v1::GetItemRequest& request);
absl::StatusOr<ListItemsQuery> ParseListItems(const v1::ListItemsRequest& request);
absl::StatusOr<UpdateItemCommand> ParseUpdateItem(const v1::UpdateItemRequest& request);
// Copies the fields selected by `fields` from `patch` into `stored`.
void ApplyItemUpdate(const Item& patch, uint32_t fields, Item& stored);
std::string NextItemsPageToken(const ListItemsQuery& query, const Item& last);

// Stock (stock_requests.cc).
absl::StatusOr<RecordMovementCommand> ParseRecordMovement(const v1::RecordMovementRequest& request);
absl::StatusOr<BalanceKey> ParseGetBalance(const v1::GetBalanceRequest& request);
absl::StatusOr<ListMovementsQuery> ParseListMovements(const v1::ListMovementsRequest& request);
std::string NextMovementsPageToken(const ListMovementsQuery& query, const Movement& last);
absl::StatusOr<StartStocktakeCommand> ParseStartStocktake(const v1::StartStocktakeRequest& request);
absl::StatusOr<SubmitStocktakeCommand> ParseSubmitStocktake(
    const v1::SubmitStocktakeRequest& request);
absl::StatusOr<ListLowStockQuery> ParseListLowStock(const v1::ListLowStockRequest& request);
std::string NextLowStockPageToken(const ListLowStockQuery& query, const Balance& last);
absl::StatusOr<CreateReplenishmentCommand> ParseCreateReplenishment(
    const v1::CreateReplenishmentRequestRequest& request);
absl::StatusOr<ReplenishmentStepCommand> ParseApproveReplenishment(
    const v1::ApproveReplenishmentRequestRequest& request);
absl::StatusOr<ReplenishmentStepCommand> ParseReceiveReplenishment(
    const v1::ReceiveReplenishmentRequest& request);
absl::StatusOr<ConsumptionQuery> ParseConsumptionReport(
    const v1::GetConsumptionReportRequest& request);

// Kits (kit_requests.cc).
absl::StatusOr<CreateKitTemplateCommand> ParseCreateKitTemplate(
    const v1::CreateKitTemplateRequest& request);
absl::StatusOr<ReserveKitCommand> ParseReserveKit(const v1::ReserveKitRequest& request);
// The meeting id of `meetings/{meeting}/kit`.
absl::StatusOr<std::string> ParseGetMeetingKit(const v1::GetMeetingKitRequest& request);
absl::StatusOr<KitStepCommand> ParseIssueKit(const v1::IssueKitRequest& request);
absl::StatusOr<KitStepCommand> ParseSettleKit(const v1::SettleKitRequest& request);
absl::StatusOr<KitStepCommand> ParseReleaseKit(const v1::ReleaseKitRequest& request);

// Keys (key_requests.cc). `now` bounds the expected return time.
absl::StatusOr<CreateRoomKeyCommand> ParseCreateRoomKey(const v1::CreateRoomKeyRequest& request);
absl::StatusOr<CheckOutKeyCommand> ParseCheckOutKey(const v1::CheckOutKeyRequest& request,
                                                    absl::Time now);
absl::StatusOr<KeyRef> ParseReturnKey(const v1::ReturnKeyRequest& request);
absl::StatusOr<ListKeyHoldersQuery> ParseListKeyHolders(const v1::ListKeyHoldersRequest& request);
std::string NextKeyHoldersPageToken(const ListKeyHoldersQuery& query, const RoomKey& last);

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_API_REQUESTS_H_
