// The staffing service as the suite measures it (issue 13): the center's 60 people of the
// property-service staffing plan seeded through the API, meetings' staffing requirements
// set through the API, and one call function per hot path — AssignStaff (the dispatcher
// puts one person on a meeting) and AutoAssign (staffing fills a meeting's open places, as
// it does on booking's MeetingConfirmed).
//
// Every requirement has a duty window of its own (a working day's two-hour slot), so no
// call of the bench can be refused for an overlap: each AssignStaff pair and each
// AutoAssign is one that succeeds, and what is measured is the path that does the work.
#ifndef HUIWU_TOOLS_BENCH_STAFFING_BENCH_H_
#define HUIWU_TOOLS_BENCH_STAFFING_BENCH_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "common/config/config.h"
#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "huiwu/staffing/v1/staffing_service.grpc.pb.h"
#include "tools/bench/load.h"

namespace huiwu::bench {

class StaffingBench final {
 public:
  // Starts staffing with `server`'s settings on database `<prefix>_staffing` (dropped
  // first) and seeds the 60 people, working Monday–Friday 07:00–20:00.
  static absl::StatusOr<std::unique_ptr<StaffingBench>> Start(const config::ServerConfig& server,
                                                              const std::string& prefix);
  ~StaffingBench();
  // Stops serving and every background job (idempotent; the destructor does it too).
  void Shutdown();

  // Makes sure `calls` more AssignStaff calls have a pair to assign: meetings needing
  // every attendant, 16 at a time (a conference day's worth), each taking each attendant
  // once, in an order that spreads concurrent calls over 16 meetings and 16 people.
  absl::Status PrepareAssignments(int64_t calls);
  int64_t assignments_left() const;
  CallFn AssignStaff();

  // Makes sure `calls` more AutoAssign calls have a meeting to fill: a requirement of 20
  // participants (one attendant), each in its own slot.
  absl::Status PrepareAutoAssign(int64_t calls);
  int64_t auto_assign_left() const;
  CallFn AutoAssign();
  // AutoAssign answers that left a place open (none expected: 46 attendants, one place a
  // slot).
  int64_t shortfalls() const { return shortfalls_.load(); }

 private:
  StaffingBench() = default;
  absl::Status SeedStaff();
  // A requirement for meetings/{meeting_id} in the next free slot.
  absl::Status SetRequirement(const std::string& meeting_id, int attendants);

  SystemClock clock_;
  std::unique_ptr<server::ServiceHost> host_;
  std::unique_ptr<staffing::v1::StaffingService::Stub> stub_;
  absl::CivilDay first_monday_;
  std::vector<std::string> attendants_;  // resource names
  std::atomic<int64_t> next_slot_{0};
  std::atomic<int64_t> shortfalls_{0};

  mutable absl::Mutex mu_;
  // AssignStaff: call k takes pair k of the prepared chunks of meetings.
  std::vector<std::string> assign_meetings_ ABSL_GUARDED_BY(mu_);
  std::atomic<int64_t> next_assignment_{0};
  // AutoAssign: call k fills requirement k.
  std::vector<std::string> auto_meetings_ ABSL_GUARDED_BY(mu_);
  std::atomic<int64_t> next_auto_{0};
};

}  // namespace huiwu::bench

#endif  // HUIWU_TOOLS_BENCH_STAFFING_BENCH_H_
