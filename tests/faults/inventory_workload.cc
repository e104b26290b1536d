#include "tests/faults/inventory_workload.h"

#include <algorithm>
#include <map>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/timestamp.h"
#include "gtest/gtest.h"
#include "huiwu/inventory/v1/inventory_service.grpc.pb.h"
#include "tests/faults/fault_util.h"
#include "tests/support/call_context.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/inventory_fixture.h"
#include "tests/support/sql_rows.h"

namespace huiwu::testing {
namespace {

namespace v1 = inventory::v1;
using Stub = v1::InventoryService::Stub;
using Kind = InventoryRecord::Kind;

constexpr const char* kItems[] = {"bottled-water", "tea-bag"};
constexpr const char* kCabinets[] = {
    "buildings/city-hall/rooms/301", "buildings/city-hall/rooms/302",
    "buildings/city-hall/rooms/303", "buildings/city-hall/rooms/304"};

// Beside the ledger sums (kBalancesOffLedger, kBadBalances): what a balance holds
// reserved is what the RESERVED kits drawing on it reserved (a kit reserved twice, or
// released without giving its stock back, breaks it).
constexpr char kReservedOffKits[] =
    "SELECT COUNT(*) FROM balances b WHERE b.reserved <> (SELECT COALESCE(SUM(l.quantity), 0) "
    "FROM kit_lines l JOIN kits k ON k.meeting_id = l.meeting_id WHERE k.state = 1 "
    "AND k.source_location = b.location AND l.item_id = b.item_id)";

v1::RecordMovementRequest MovementRequest(const InventoryRecord& record) {
  v1::RecordMovementRequest request;
  request.set_item(absl::StrCat("items/", record.item));
  request.set_location(record.location);
  request.set_kind(record.kind == Kind::kReceive ? v1::MOVEMENT_KIND_RECEIVE
                                                 : v1::MOVEMENT_KIND_CONSUME);
  request.set_quantity(record.quantity);
  request.set_reason(record.key);
  request.set_request_id(absl::StrCat("move-", record.key));
  return request;
}

v1::ReserveKitRequest KitRequest(const InventoryRecord& record, absl::Time start) {
  v1::ReserveKitRequest request;
  request.set_meeting(absl::StrCat("meetings/", record.key));
  request.set_meeting_kind(v1::MEETING_KIND_INTERNAL);
  request.set_participant_count(10);
  request.set_room(record.location);
  request.set_organizer_unit("办公室");
  *request.mutable_start_time() = api::ToTimestamp(start);
  *request.mutable_end_time() = api::ToTimestamp(start + absl::Hours(1));
  request.set_source_location(record.location);
  v1::ItemQuantity* line = request.add_lines();
  line->set_item(absl::StrCat("items/", record.item));
  line->set_quantity(record.quantity);
  request.set_request_id(absl::StrCat("kit-", record.key));
  return request;
}

// The kit's meeting id from its name, "meetings/{meeting}/kit".
std::string KitMeeting(const std::string& kit) {
  std::vector<std::string> parts = absl::StrSplit(kit, '/');
  return parts.size() == 3 ? parts[1] : "";
}

}  // namespace

void InventoryWorkload::Seed(const std::shared_ptr<grpc::Channel>& channel,
                             const config::DatabaseConfig&) {
  Stub stub(channel);
  for (const char* item : kItems) {
    v1::CreateItemRequest create;
    create.set_item_id(item);
    create.mutable_item()->set_display_name(item);
    create.mutable_item()->set_unit("件");
    create.mutable_item()->set_category(v1::ITEM_CATEGORY_CONSUMABLE);
    create.mutable_item()->set_unit_cost_fen(100);
    v1::CreateItemResponse created;
    const grpc::Status status = stub.CreateItem(CallContext().get(), create, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }
  kit_start_ = FirstFaultSlot();
}

void InventoryWorkload::RunUnit(FaultCaller& caller, int n) {
  const int worker = caller.worker();
  std::mt19937 random(worker * 1000003 + n);
  InventoryRecord record;
  record.key = absl::StrCat("fault-", worker, "-", n);
  record.kind = static_cast<Kind>(n % 3);
  record.item = kItems[(worker + n / 3) % std::size(kItems)];
  record.location = kCabinets[(worker + n) % std::size(kCabinets)];
  // More comes in than goes out, on average, but a cabinet starts empty: early kits fall
  // short and early consumption is refused.
  record.quantity = record.kind == Kind::kReceive
                        ? std::uniform_int_distribution<int>(3, 8)(random)
                        : std::uniform_int_distribution<int>(1, 3)(random);
  grpc::Status status;
  std::string refusal;  // the reason of a normal refusal
  if (record.kind == Kind::kReserve) {
    v1::ReserveKitResponse reserved;
    status = Call(caller, &Stub::ReserveKit, KitRequest(record, kit_start_), &reserved);
    record.answer = reserved.kit().name();
    refusal = "KIT_SHORT";
  } else {
    v1::RecordMovementResponse moved;
    status = Call(caller, &Stub::RecordMovement, MovementRequest(record), &moved);
    if (moved.movements_size() > 0) record.answer = moved.movements(0).name();
    refusal = "INSUFFICIENT_STOCK";
  }
  if (status.ok()) {
    record.acknowledged = true;
  } else if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION &&
             DetailsOf(status).reason == refusal) {
    record.refused = true;
  } else if (!Retryable(status)) {
    caller.Unexpected(record.kind == Kind::kReserve ? "ReserveKit" : "RecordMovement", status);
  }
  records_.Add(worker, std::move(record));
}

FaultAudit InventoryWorkload::Audit(const config::DatabaseConfig& database) {
  FaultAudit audit;
  audit.writes = "movements and kits";
  // reason (the unit's key) → "movements/{id}|quantity" of each movement stored.
  std::map<std::string, std::vector<std::string>> movements;
  for (const std::string& row : QueryRows(
           database,
           "SELECT reason, movement_id, quantity FROM movements WHERE reason LIKE 'fault-%'")) {
    std::vector<std::string> columns = absl::StrSplit(row, '|');
    movements[columns[0]].push_back(absl::StrCat("movements/", columns[1], "|", columns[2]));
  }
  // meeting → "item|quantity" of its kit's line, for the RESERVED kits.
  std::map<std::string, std::string> kits;
  for (const std::string& row : QueryRows(
           database,
           "SELECT k.meeting_id, l.item_id, l.quantity FROM kits k JOIN kit_lines l "
           "ON l.meeting_id = k.meeting_id WHERE k.state = 1 AND k.meeting_id LIKE 'fault-%'")) {
    std::vector<std::string> columns = absl::StrSplit(row, '|');
    kits[columns[0]] = absl::StrCat(columns[1], "|", columns[2]);
  }
  int64_t refused_yet_stored = 0;
  for (const InventoryRecord& record : records_.All()) {
    bool stored = false;
    if (record.kind == Kind::kReserve) {
      const auto it = kits.find(record.key);
      stored = it != kits.end();
      if (record.acknowledged && (KitMeeting(record.answer) != record.key || !stored ||
                                  it->second != absl::StrCat(record.item, "|", record.quantity))) {
        ++audit.lost;
        audit.Problem(absl::StrCat(record.key, ": kit ", record.answer, " reserved, stored as ",
                                   stored ? it->second : "nothing"));
      }
    } else {
      const std::vector<std::string>& posted = movements[record.key];
      stored = !posted.empty();
      if (posted.size() > 1) {
        audit.duplicated += static_cast<int64_t>(posted.size()) - 1;
        audit.Problem(absl::StrCat(record.key, ": posted ", posted.size(), " times"));
      }
      const int64_t change = record.kind == Kind::kReceive ? record.quantity : -record.quantity;
      if (record.acknowledged &&
          std::find(posted.begin(), posted.end(), absl::StrCat(record.answer, "|", change)) ==
              posted.end()) {
        ++audit.lost;
        audit.Problem(absl::StrCat(record.key, ": ", record.answer, " posted, not stored"));
      }
    }
    if (record.acknowledged) ++audit.acknowledged;
    if (record.refused && stored) {
      ++refused_yet_stored;
      audit.Problem(absl::StrCat(record.key, ": refused, yet stored"));
    }
  }
  audit.invariants = {{"balances off their ledger", QueryInt(database, kBalancesOffLedger)},
                      {"balances negative or over-reserved", QueryInt(database, kBadBalances)},
                      {"reservations off their kits", QueryInt(database, kReservedOffKits)},
                      {"refused yet stored", refused_yet_stored}};
  return audit;
}

int InventoryWorkload::Replay(const std::shared_ptr<grpc::Channel>& channel) {
  Stub stub(channel);
  int replayed = 0;
  for (const InventoryRecord& record : records_.All()) {
    if (!record.acknowledged) continue;
    SCOPED_TRACE(record.key);
    if (record.kind == Kind::kReserve) {
      v1::ReserveKitResponse reserved;
      const grpc::Status status =
          stub.ReserveKit(CallContext().get(), KitRequest(record, kit_start_), &reserved);
      EXPECT_TRUE(status.ok()) << status.error_message();
      EXPECT_EQ(reserved.kit().name(), record.answer);
      EXPECT_EQ(reserved.kit().state(), v1::KIT_STATE_RESERVED);
    } else {
      v1::RecordMovementResponse moved;
      const grpc::Status status =
          stub.RecordMovement(CallContext().get(), MovementRequest(record), &moved);
      EXPECT_TRUE(status.ok()) << status.error_message();
      EXPECT_EQ(moved.movements_size() > 0 ? moved.movements(0).name() : "", record.answer);
    }
    ++replayed;
  }
  return replayed;
}

}  // namespace huiwu::testing
