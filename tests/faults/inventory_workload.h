// Inventory under the fault tests: each worker in turn receives stock, reserves a
// meeting's kit and consumes stock (RecordMovement and ReserveKit, each with a
// request_id), two items in four room cabinets that start empty, so that kits fall
// short and consumption is refused now and then. The invariant (DESIGN §4): a balance
// is the sum of its ledger, never negative, never more reserved than on hand, and what
// it holds reserved is exactly what its open kits reserved — nothing reserved twice.
#ifndef HUIWU_TESTS_FAULTS_INVENTORY_WORKLOAD_H_
#define HUIWU_TESTS_FAULTS_INVENTORY_WORKLOAD_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "tests/faults/fault_workload.h"

namespace huiwu::testing {

// One call of one worker. Its key ("fault-3-17") is the movement's reason or the kit's
// meeting, so that the database shows it (and any duplicate) without the answer.
struct InventoryRecord {
  enum class Kind { kReceive, kReserve, kConsume };
  std::string key;
  Kind kind = Kind::kReceive;
  std::string item;      // "bottled-water"
  std::string location;  // a room's cabinet, "buildings/…/rooms/…"
  int64_t quantity = 0;
  bool acknowledged = false;  // answered OK
  std::string answer;         // the movement or kit the answer named
  bool refused = false;       // INSUFFICIENT_STOCK or KIT_SHORT: a normal answer
};

class InventoryWorkload final : public FaultWorkload {
 public:
  explicit InventoryWorkload(std::string binary, int workers = 8)
      : FaultWorkload(std::move(binary), workers), records_(workers) {}

  std::string service() const override { return "inventory"; }
  std::string health_service() const override { return "huiwu.inventory.v1.InventoryService"; }
  // Two items; no stock anywhere yet.
  void Seed(const std::shared_ptr<grpc::Channel>& channel,
            const config::DatabaseConfig& database) override;
  void RunUnit(FaultCaller& caller, int n) override;
  FaultAudit Audit(const config::DatabaseConfig& database) override;
  int Replay(const std::shared_ptr<grpc::Channel>& channel) override;
  std::vector<std::string> stored_tables() const override {
    return {"movements", "kits", "kit_lines"};
  }

 private:
  absl::Time kit_start_;  // of every kit's meeting
  WorkerRecords<InventoryRecord> records_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_FAULTS_INVENTORY_WORKLOAD_H_
