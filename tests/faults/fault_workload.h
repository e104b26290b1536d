// One service under the fault tests: what its client load does, and how what the
// service acknowledged is checked against its database afterwards, its own invariant
// included. The scenarios (fault_scenarios.h) are the same for every service; a
// service's workload is what differs.
#ifndef HUIWU_TESTS_FAULTS_FAULT_WORKLOAD_H_
#define HUIWU_TESTS_FAULTS_FAULT_WORKLOAD_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "common/config/config.h"
#include "grpcpp/channel.h"
#include "tests/faults/fault_load.h"

namespace huiwu::testing {

// What the database holds against what was acknowledged.
struct FaultAudit {
  std::string writes;        // what was acknowledged, plural: "bookings", "kits"
  int64_t acknowledged = 0;  // writes whose every call was answered OK
  int64_t lost = 0;          // acknowledged but not stored as answered
  int64_t duplicated = 0;    // stored more than once for one request
  // The service's own invariant, checked on what is stored: each check by name with
  // its violations ("overlapping holds" → 0).
  std::vector<std::pair<std::string, int64_t>> invariants;
  std::vector<std::string> problems;  // the first few, for the failure message

  void Problem(std::string text);
};

// The line the README's reliability section quotes.
std::string FaultSummary(const std::string& service, const std::string& scenario, int64_t calls,
                         const FaultAudit& audit, absl::Duration recovery);

class FaultWorkload {
 public:
  // `binary`: the service's executable (the test target's HUIWU_<SERVICE>_BINARY).
  FaultWorkload(std::string binary, int workers) : binary_(std::move(binary)), workers_(workers) {}
  virtual ~FaultWorkload() = default;

  const std::string& binary() const { return binary_; }
  int workers() const { return workers_; }
  // The service's short name ("booking"): the summary line's, and its test database's.
  virtual std::string service() const = 0;
  // Its name in grpc.health.v1 ("huiwu.booking.v1.BookingService").
  virtual std::string health_service() const = 0;
  // Flags beyond the common ones (ServiceArgs).
  virtual std::vector<std::string> extra_args() const { return {}; }

  // Before the load, once: what it needs (rooms, people, stock), through a replica on
  // `channel` or straight into `database`.
  virtual void Seed(const std::shared_ptr<grpc::Channel>& channel,
                    const config::DatabaseConfig& database) = 0;
  // Worker caller.worker()'s n-th unit of work: a few calls, each until answered,
  // recording what they were answered. Runs on that worker's thread only.
  virtual void RunUnit(FaultCaller& caller, int n) = 0;
  // After the load stopped: every acknowledged write against `database`, and the
  // service's invariant.
  virtual FaultAudit Audit(const config::DatabaseConfig& database) = 0;
  // Every acknowledged write again, with its request_id (or its natural key): EXPECTs
  // that each answers the first result. Returns how many calls it replayed.
  virtual int Replay(const std::shared_ptr<grpc::Channel>& channel) = 0;
  // The tables a replay must not add a row to.
  virtual std::vector<std::string> stored_tables() const = 0;

 private:
  const std::string binary_;
  const int workers_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_FAULTS_FAULT_WORKLOAD_H_
