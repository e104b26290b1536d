// A notice (会议通知) naming a room racing the room's deletion, for the tests that neither
// both succeed, on one server and across Galera nodes: a notice left naming a room that
// no longer exists could never be confirmed, and nobody would be told why.
#ifndef HUIWU_TESTS_BOOKING_ROOM_RACE_UTIL_H_
#define HUIWU_TESTS_BOOKING_ROOM_RACE_UTIL_H_

#include <string>
#include <thread>

#include "absl/synchronization/barrier.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "tests/booking/meeting_race_util.h"
#include "tests/support/call_context.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {

// Meetings naming a room that does not exist: must always be 0 while the only meetings
// are notices still to happen (a room may go once its meetings are over).
inline constexpr char kMeetingsInDeletedRooms[] =
    "SELECT COUNT(*) FROM meetings m LEFT JOIN rooms r ON r.building_id = m.building_id "
    "AND r.room_id = m.room_id WHERE m.room_id <> '' AND r.room_id IS NULL";

struct RoomRace {
  grpc::Status notice;
  grpc::Status delete_room;
};

// Submits `notice` (it names a room) through `organizer` and deletes that room through
// `admin`, both at the same instant.
inline RoomRace RaceNoticeAgainstDeleteRoom(booking::v1::BookingService::Stub& organizer,
                                            booking::v1::BookingService::Stub& admin,
                                            const booking::v1::Meeting& notice) {
  RoomRace result;
  auto* barrier = new absl::Barrier(2);
  std::thread submit([&] {
    booking::v1::CreateMeetingRequest request;
    *request.mutable_meeting() = notice;
    booking::v1::CreateMeetingResponse response;
    auto context = CallContext(kRaceCallDeadline);
    if (barrier->Block()) delete barrier;  // true in exactly one thread, the last user
    result.notice = organizer.CreateMeeting(context.get(), request, &response);
  });
  std::thread remove([&] {
    booking::v1::DeleteRoomRequest request;
    request.set_name(notice.room());
    booking::v1::DeleteRoomResponse response;
    auto context = CallContext(kRaceCallDeadline);
    if (barrier->Block()) delete barrier;
    result.delete_room = admin.DeleteRoom(context.get(), request, &response);
  });
  submit.join();
  remove.join();
  return result;
}

// The loser of a round lost cleanly: the room was gone (ROOM_NOT_FOUND), the delete saw
// the notice (ROOM_HAS_FUTURE_MEETINGS), or either lost the race after the transaction's
// retries (ABORTED) — never both won, never an internal error.
inline void ExpectOneWinner(const RoomRace& race) {
  EXPECT_FALSE(race.notice.ok() && race.delete_room.ok())
      << "a notice was accepted for a room deleted at the same time";
  if (!race.notice.ok() && race.notice.error_code() != grpc::StatusCode::ABORTED) {
    EXPECT_EQ(race.notice.error_code(), grpc::StatusCode::NOT_FOUND) << race.notice.error_message();
    EXPECT_EQ(DetailsOf(race.notice).reason, "ROOM_NOT_FOUND");
  }
  if (!race.delete_room.ok() && race.delete_room.error_code() != grpc::StatusCode::ABORTED) {
    EXPECT_EQ(race.delete_room.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
        << race.delete_room.error_message();
    EXPECT_EQ(DetailsOf(race.delete_room).reason, "ROOM_HAS_FUTURE_MEETINGS");
  }
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_BOOKING_ROOM_RACE_UTIL_H_
