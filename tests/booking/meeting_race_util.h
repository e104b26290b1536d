// Many clients confirming overlapping meetings at the same instant, for the tests of
// "no double booking, ever, under any concurrency" (in-process and across processes).
#ifndef HUIWU_TESTS_BOOKING_MEETING_RACE_UTIL_H_
#define HUIWU_TESTS_BOOKING_MEETING_RACE_UTIL_H_

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/barrier.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "tests/support/booking_fixture.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {

// The deadline of each call in a race, longer than CallContext's usual 30 s: on Galera a
// loser has stalled once for ~50 s, the nodes' innodb_lock_wait_timeout (an applier
// waiting on a local transaction whose brute-force abort missed, it seems), and the race
// must then count its real answer, not a deadline.
inline constexpr std::chrono::seconds kRaceCallDeadline{90};

// Pairs of holds of one room that overlap: must always be empty.
inline constexpr char kOverlappingHolds[] =
    "SELECT COUNT(*) FROM occupancies a JOIN occupancies b ON a.building_id = b.building_id "
    "AND a.room_id = b.room_id AND a.start_time < b.end_time AND b.start_time < a.end_time "
    "AND a.meeting_id < b.meeting_id";

// Confirms meetings[i] through stubs[i % stubs.size()], every call released at once by
// a barrier, each from its own thread. Returns the statuses in the order of `meetings`.
inline std::vector<grpc::Status> ConfirmAllAtOnce(
    const std::vector<std::unique_ptr<booking::v1::BookingService::Stub>>& stubs,
    const std::vector<std::string>& meetings) {
  std::vector<grpc::Status> statuses(meetings.size());
  auto* barrier = new absl::Barrier(static_cast<int>(meetings.size()));
  std::vector<std::thread> clients;
  for (size_t i = 0; i < meetings.size(); ++i) {
    clients.emplace_back([&, i] {
      booking::v1::ConfirmMeetingRequest request;
      request.set_name(meetings[i]);
      booking::v1::ConfirmMeetingResponse response;
      auto context = CallContext();
      // Block() returns true in exactly one thread, which owns the barrier.
      if (barrier->Block()) delete barrier;
      statuses[i] = stubs[i % stubs.size()]->ConfirmMeeting(context.get(), request, &response);
    });
  }
  for (std::thread& client : clients) client.join();
  return statuses;
}

// Every loser lost cleanly: the room was taken (ROOM_CONFLICT) or the race was lost
// after the retries (ABORTED) — never an internal error or an unavailable service.
inline void ExpectCleanLoss(const grpc::Status& status) {
  if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
    EXPECT_EQ(DetailsOf(status).reason, "ROOM_CONFLICT") << status.error_message();
  } else {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED) << status.error_message();
  }
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_BOOKING_MEETING_RACE_UTIL_H_
