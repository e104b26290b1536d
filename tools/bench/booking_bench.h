// The booking service as the suite measures it: booking and safety (which booking asks
// for room clearance on every confirm) in-process over real gRPC and MariaDB, the
// catalog seeded through the API, and one call function per hot path (issue 13).
#ifndef HUIWU_TOOLS_BENCH_BOOKING_BENCH_H_
#define HUIWU_TOOLS_BENCH_BOOKING_BENCH_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/config/config.h"
#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "services/booking/domain/scheduling_limits.h"
#include "tools/bench/load.h"

namespace huiwu::bench {

// What the hot-room race showed: every round's 16 confirms of one slot.
struct HotRoomResult {
  int rounds = 0;
  int rounds_with_one_winner = 0;
  LoadResult winners;
  LoadResult losers;  // answered FAILED_PRECONDITION ROOM_CONFLICT
  int64_t overlapping_holds = 0;
};

class BookingBench final {
 public:
  // Starts safety and booking on databases `<prefix>_safety` and `<prefix>_booking`
  // (dropped first: a run starts empty) with `server`'s gRPC settings, and seeds one
  // building with `rooms` rooms.
  static absl::StatusOr<std::unique_ptr<BookingBench>> Start(const config::ServerConfig& server,
                                                             const std::string& prefix, int rooms);
  ~BookingBench();
  // Stops serving and every background job (idempotent; the destructor does it too).
  void Shutdown();

  // Confirmed meetings to read: `count` on the read day, with attendees and an agenda.
  absl::Status SeedReads(int count);

  CallFn GetRoom();
  CallFn GetMeeting();
  // A second booking server on the same database, without the metrics interceptor and
  // call log, and GetRoom through it: what observing every call costs.
  absl::Status StartUnobserved();
  CallFn GetRoomUnobserved();
  CallFn ListMeetingsOfDay();
  CallFn FindAvailableRooms();
  // A notice for a fresh slot per call; the notices made wait for ConfirmNotices.
  CallFn CreateMeeting();
  // Confirms the notices CreateMeeting made, each once; `available()` says how many are
  // left (LoadPlan::max_calls).
  CallFn ConfirmNotices();
  int64_t available_notices() const;
  // Create and confirm, one pair per call.
  CallFn CreateAndConfirm();
  // One notice for the next free slot, as CreateMeeting makes them (not kept for
  // ConfirmNotices); its resource name in `*name`.
  grpc::Status CreateNotice(std::string* name);
  // Walk-ins signing in to a meeting under way.
  absl::Status OpenSignIn();
  CallFn SignIn();
  // `rounds` times: `callers` notices for one slot of one room, confirmed at once.
  HotRoomResult HotRoom(int rounds, int callers);

  // `meetings` archived meetings with their holds, by SQL (not through the API): years
  // of the center's history, over every room.
  absl::Status LoadHistory(int64_t meetings);

  // Where booking answers and what it stores in: event_bench follows its stream.
  int grpc_port() const { return booking_->grpc_port(); }
  const config::DatabaseConfig& database() const { return booking_config_.database; }

 private:
  BookingBench() = default;
  grpc::Status Create(absl::Time start, const std::string& room, std::string* name);
  // The next free slot: a room and a two-hour window, from tomorrow on.
  void NextSlot(std::string* room, absl::Time* start);

  SystemClock clock_;
  booking::SchedulingPolicy policy_;
  config::ServerConfig booking_config_;
  std::unique_ptr<server::ServiceHost> safety_;
  std::unique_ptr<server::ServiceHost> booking_;
  std::unique_ptr<booking::v1::BookingService::Stub> stub_;
  std::unique_ptr<server::ServiceHost> unobserved_;
  std::unique_ptr<booking::v1::BookingService::Stub> unobserved_stub_;
  std::vector<std::string> rooms_;  // resource names
  absl::Time first_slot_;
  absl::Time read_day_start_;
  std::vector<std::string> read_meetings_;
  std::string sign_in_meeting_;
  std::atomic<int64_t> next_slot_{0};
  std::atomic<int64_t> next_notice_{0};
  mutable absl::Mutex notices_mu_;
  std::vector<std::string> notices_ ABSL_GUARDED_BY(notices_mu_);
};

}  // namespace huiwu::bench

#endif  // HUIWU_TOOLS_BENCH_BOOKING_BENCH_H_
