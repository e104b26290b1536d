// Building blocks of meeting requests for the booking tests. Times are local
// Asia/Shanghai wall-clock times around the fixture's clock (2026-12-01 09:00, Tuesday).
#ifndef HUIWU_TESTS_BOOKING_MEETING_TEST_UTIL_H_
#define HUIWU_TESTS_BOOKING_MEETING_TEST_UTIL_H_

#include <string>

#include "common/api/timestamp.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "tests/booking/catalog_test_util.h"
#include "tests/support/booking_fixture.h"

namespace huiwu::testing {

// A local (UTC+8) time on a day of December 2026.
inline absl::Time Local(int day, int hour, int minute = 0) {
  return absl::FromCivil(absl::CivilSecond(2026, 12, day, hour, minute, 0),
                         absl::FixedTimeZone(8 * 3600));
}

// An internal meeting notice for `room` ("" for none) from `start` to `end`.
inline booking::v1::Meeting SampleMeeting(const std::string& room, absl::Time start, absl::Time end,
                                          int participants = 10) {
  booking::v1::Meeting meeting;
  meeting.set_title("周例会");
  meeting.set_kind(booking::v1::MEETING_KIND_INTERNAL);
  meeting.set_organizer_unit("办公室");
  meeting.mutable_contact()->set_name("王敏");
  meeting.mutable_contact()->set_phone("0571-8888 1234");
  *meeting.mutable_start_time() = api::ToTimestamp(start);
  *meeting.mutable_end_time() = api::ToTimestamp(end);
  meeting.set_room(room);
  meeting.set_expected_participants(participants);
  return meeting;
}

// Buildings and rooms most meeting tests need: city-hall/301 (30 seats, 30 min set-up,
// 30 min clean-up) and city-hall/302 (20 seats, same buffers).
inline void SeedRooms(booking::v1::BookingService::Stub& stub) {
  CreateBuilding(stub, "city-hall", "市政府大楼");
  CreateRoom(stub, "city-hall", "301", SampleRoom("301会议室", 30));
  CreateRoom(stub, "city-hall", "302", SampleRoom("302会议室", 20));
}

inline grpc::Status CreateMeeting(booking::v1::BookingService::Stub& stub,
                                  const booking::v1::Meeting& meeting,
                                  booking::v1::Meeting* created = nullptr) {
  booking::v1::CreateMeetingRequest request;
  *request.mutable_meeting() = meeting;
  booking::v1::CreateMeetingResponse response;
  grpc::Status status = stub.CreateMeeting(CallContext().get(), request, &response);
  if (created != nullptr) *created = response.meeting();
  return status;
}

inline grpc::Status ConfirmMeeting(booking::v1::BookingService::Stub& stub, const std::string& name,
                                   const std::string& room = "",
                                   booking::v1::Meeting* confirmed = nullptr) {
  booking::v1::ConfirmMeetingRequest request;
  request.set_name(name);
  request.set_room(room);
  booking::v1::ConfirmMeetingResponse response;
  grpc::Status status = stub.ConfirmMeeting(CallContext().get(), request, &response);
  if (confirmed != nullptr) *confirmed = response.meeting();
  return status;
}

// Creates and confirms; returns the meeting's name, or "" when either step failed.
inline std::string BookMeeting(booking::v1::BookingService::Stub& stub, const std::string& room,
                               absl::Time start, absl::Time end) {
  booking::v1::Meeting created;
  if (!CreateMeeting(stub, SampleMeeting(room, start, end), &created).ok()) return "";
  if (!ConfirmMeeting(stub, created.name()).ok()) return "";
  return created.name();
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_BOOKING_MEETING_TEST_UTIL_H_
