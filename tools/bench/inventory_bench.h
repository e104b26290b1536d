// The inventory service as the suite measures it (issue 13): the supplies of a meeting's
// tea service and desk (bottled water, tea, paper cups, notepads, pens) stocked in ten
// rooms' cabinets and a kit template for internal meetings, seeded through the API; then
// ReserveKit — what inventory does for every confirmed meeting — for a fresh meeting per
// call, from the kit template, out of its room's cabinet.
#ifndef HUIWU_TOOLS_BENCH_INVENTORY_BENCH_H_
#define HUIWU_TOOLS_BENCH_INVENTORY_BENCH_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/config/config.h"
#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "huiwu/inventory/v1/inventory_service.grpc.pb.h"
#include "tools/bench/load.h"

namespace huiwu::bench {

class InventoryBench final {
 public:
  // Starts inventory with `server`'s settings on database `<prefix>_inventory` (dropped
  // first) and seeds the items, the template and each cabinet's stock (enough for
  // hundreds of thousands of kits: no call is refused for want of stock).
  static absl::StatusOr<std::unique_ptr<InventoryBench>> Start(const config::ServerConfig& server,
                                                               const std::string& prefix);
  ~InventoryBench();
  // Stops serving and every background job (idempotent; the destructor does it too).
  void Shutdown();

  // One kit per call: 20 participants, template-chosen lines, all or nothing.
  CallFn ReserveKit();

 private:
  InventoryBench() = default;
  absl::Status Seed();

  SystemClock clock_;
  std::unique_ptr<server::ServiceHost> host_;
  std::unique_ptr<inventory::v1::InventoryService::Stub> stub_;
  absl::Time first_start_;
  std::atomic<int64_t> next_meeting_{0};
};

}  // namespace huiwu::bench

#endif  // HUIWU_TOOLS_BENCH_INVENTORY_BENCH_H_
