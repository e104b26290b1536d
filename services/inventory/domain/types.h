// The values of the inventory service's domain, plain C++ (no gRPC, SQL or protobuf).
// Enum numbers equal the API's, so the API layer converts with a cast after checking.
#ifndef HUIWU_SERVICES_INVENTORY_DOMAIN_TYPES_H_
#define HUIWU_SERVICES_INVENTORY_DOMAIN_TYPES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace huiwu::inventory {

// 备品 categories: consumables are used up, the others come back (or are rented).
enum class ItemCategory { kConsumable = 1, kReusable = 2, kEquipment = 3, kRental = 4 };

enum class MovementKind {
  kReceive = 1,
  kIssue = 2,
  kReturn = 3,
  kTransfer = 4,
  kConsume = 5,
  kAdjustment = 6,
  kWriteOff = 7,
};

enum class MeetingKind {
  kInternal = 1,
  kExternalExchange = 2,
  kTraining = 3,
  kSeminar = 4,
  kVipReception = 5,
  kVideoConference = 6,
};

enum class KitState { kReserved = 1, kIssued = 2, kSettled = 3, kReleased = 4 };

enum class ReplenishmentState { kPending = 1, kApproved = 2, kReceived = 3 };

struct StockLimit {
  std::string location;  // a location name
  int64_t minimum = 0;
  int64_t maximum = 0;  // 0: twice the minimum
};

struct Item {
  std::string id;
  std::string display_name;
  std::string unit;
  ItemCategory category = ItemCategory::kConsumable;
  int64_t unit_cost_fen = 0;
  std::vector<StockLimit> stock_limits;  // by location
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
};

struct Balance {
  std::string item_id;
  std::string location;
  int64_t on_hand = 0;
  int64_t reserved = 0;
  int64_t minimum = 0;
  int64_t available() const { return on_hand - reserved; }
};

struct Movement {
  int64_t id = 0;
  std::string item_id;
  std::string location;
  MovementKind kind = MovementKind::kReceive;
  int64_t quantity = 0;  // signed change of on_hand
  std::string reason;
  std::string meeting_id;  // empty: none
  std::string actor;
  std::string counterpart_location;
  absl::Time create_time;
};

struct ItemQuantity {
  std::string item_id;
  int64_t quantity = 0;
};

struct KitTemplateLine {
  std::string item_id;
  int64_t per_participant = 0;
  int64_t fixed = 0;
};

struct KitTemplate {
  std::string id;
  std::string display_name;
  MeetingKind meeting_kind = MeetingKind::kInternal;
  int min_participants = 0;
  int max_participants = 0;
  std::vector<KitTemplateLine> lines;
  absl::Time create_time;
};

struct KitLine {
  std::string item_id;
  int64_t quantity = 0;  // reserved (then issued) for the meeting
  int64_t issued = 0;
  int64_t consumed = 0;
  int64_t returned = 0;
  int64_t needed = 0;  // the norm; above quantity when the kit is short
};

struct Kit {
  std::string meeting_id;
  MeetingKind meeting_kind = MeetingKind::kInternal;
  int participant_count = 0;
  std::string room;  // a room name
  std::string organizer_unit;
  absl::Time start_time;
  absl::Time end_time;
  std::string source_location;
  std::string template_id;  // empty: explicit lines
  KitState state = KitState::kReserved;
  std::vector<KitLine> lines;  // by item
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
};

struct Stocktake {
  std::string id;
  std::string location;
  bool submitted = false;
  std::vector<ItemQuantity> expected;  // on_hand per item when it started
  absl::Time create_time;
  std::optional<absl::Time> submit_time;
};

struct ReplenishmentRequest {
  std::string id;
  std::string item_id;
  std::string location;
  int64_t quantity = 0;
  int64_t received_quantity = 0;
  ReplenishmentState state = ReplenishmentState::kPending;
  std::string reason;
  std::string requester;
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
};

struct RoomKey {
  std::string building_id;
  std::string room_id;
  std::string key_id;
  std::string custodian;  // staff/{staff}, as staffing names the person
  std::string holder;     // empty: in
  std::optional<absl::Time> expected_return_time;
  std::optional<absl::Time> check_out_time;
  absl::Time create_time;
};

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_DOMAIN_TYPES_H_
