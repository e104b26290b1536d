// A late arrival's sign-in (签到) racing the no-show release (无人签到) of their meeting, for
// the tests that neither both succeed, on one server and across Galera nodes: a meeting
// released as a no-show with somebody signed in would free a room that is in use.
#ifndef HUIWU_TESTS_BOOKING_SIGN_IN_RACE_UTIL_H_
#define HUIWU_TESTS_BOOKING_SIGN_IN_RACE_UTIL_H_

#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/synchronization/barrier.h"
#include "absl/time/time.h"
#include "common/status/errors.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "services/booking/no_show_releaser.h"
#include "services/booking/store/booking_store.h"
#include "tests/booking/meeting_race_util.h"
#include "tests/support/call_context.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {

// Meetings released as a no-show that have a sign-in: must always be 0.
inline constexpr char kReleasedDespiteSignIn[] =
    "SELECT COUNT(*) FROM meeting_history h WHERE h.actor = 'system/no-show' "
    "AND EXISTS (SELECT 1 FROM sign_ins s WHERE s.meeting_id = h.meeting_id)";

struct SignInRace {
  grpc::Status sign_in;
  absl::Status release;
};

// Signs attendee "a1" in to `meeting` ("meetings/…") through `stub` and releases the
// meeting as a no-show through `store` at `now`, as NoShowReleaser does after its
// candidate read (a read that cannot see a sign-in being made), both at the same instant.
inline SignInRace RaceSignInAgainstRelease(booking::v1::BookingService::Stub& stub,
                                           booking::BookingStore& store, const std::string& meeting,
                                           absl::Time now) {
  SignInRace result;
  auto* barrier = new absl::Barrier(2);
  std::thread attendee([&] {
    booking::v1::SignInRequest request;
    request.set_meeting(meeting);
    request.set_attendee_id("a1");
    booking::v1::SignInResponse response;
    auto context = CallContext(kRaceCallDeadline);
    if (barrier->Block()) delete barrier;  // true in exactly one thread, the last user
    result.sign_in = stub.SignIn(context.get(), request, &response);
  });
  std::thread sweep([&] {
    booking::TransitionCommand release;
    release.action = booking::MeetingAction::kReleaseNoShow;
    release.method = "ReleaseNoShow";
    release.actor = booking::kNoShowActor;
    release.reason = "无人签到: released 30 minutes after start";
    const std::string id = meeting.substr(std::string("meetings/").size());
    if (barrier->Block()) delete barrier;
    result.release = store.Transition(id, release, now).status();
  });
  attendee.join();
  sweep.join();
  return result;
}

// The loser of a round lost cleanly: the sign-in came too late (SIGN_IN_CLOSED), the
// release found the sign-in (MEETING_ATTENDED), or either lost the race after the
// transaction's retries (ABORTED) — never both won, never an internal error.
inline void ExpectOneWinner(const SignInRace& race) {
  EXPECT_FALSE(race.sign_in.ok() && race.release.ok())
      << "signed in to a meeting released as a no-show";
  if (!race.sign_in.ok() && race.sign_in.error_code() != grpc::StatusCode::ABORTED) {
    EXPECT_EQ(race.sign_in.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
        << race.sign_in.error_message();
    EXPECT_EQ(DetailsOf(race.sign_in).reason, "SIGN_IN_CLOSED");
  }
  if (!race.release.ok() && race.release.code() != absl::StatusCode::kAborted) {
    EXPECT_EQ(race.release.code(), absl::StatusCode::kFailedPrecondition) << race.release;
    EXPECT_EQ(ReasonOf(race.release), "MEETING_ATTENDED") << race.release;
  }
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_BOOKING_SIGN_IN_RACE_UTIL_H_
