// Calls of room rights and the waitlist (候补) for the booking tests.
#ifndef HUIWU_TESTS_BOOKING_WAITLIST_TEST_UTIL_H_
#define HUIWU_TESTS_BOOKING_WAITLIST_TEST_UTIL_H_

#include <string>

#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "tests/booking/meeting_test_util.h"

namespace huiwu::testing {

inline grpc::Status WaitlistMeeting(booking::v1::BookingService::Stub& stub,
                                    const std::string& name,
                                    booking::v1::Meeting* waiting = nullptr) {
  booking::v1::WaitlistMeetingRequest request;
  request.set_name(name);
  booking::v1::WaitlistMeetingResponse response;
  grpc::Status status = stub.WaitlistMeeting(CallContext().get(), request, &response);
  if (waiting != nullptr) *waiting = response.meeting();
  return status;
}

inline grpc::Status LeaveWaitlist(booking::v1::BookingService::Stub& stub, const std::string& name,
                                  booking::v1::Meeting* left = nullptr) {
  booking::v1::LeaveWaitlistRequest request;
  request.set_name(name);
  booking::v1::LeaveWaitlistResponse response;
  grpc::Status status = stub.LeaveWaitlist(CallContext().get(), request, &response);
  if (left != nullptr) *left = response.meeting();
  return status;
}

inline grpc::Status CancelMeeting(booking::v1::BookingService::Stub& stub,
                                  const std::string& name) {
  booking::v1::CancelMeetingRequest request;
  request.set_name(name);
  request.set_reason("会议取消");
  booking::v1::CancelMeetingResponse response;
  return stub.CancelMeeting(CallContext().get(), request, &response);
}

inline booking::v1::Meeting GetMeeting(booking::v1::BookingService::Stub& stub,
                                       const std::string& name) {
  booking::v1::GetMeetingRequest request;
  request.set_name(name);
  booking::v1::GetMeetingResponse response;
  grpc::Status status = stub.GetMeeting(CallContext().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.meeting();
}

// A SUBMITTED notice for `room`; its name ("" when refused).
inline std::string Notice(booking::v1::BookingService::Stub& stub,
                          const booking::v1::Meeting& meeting) {
  booking::v1::Meeting created;
  if (!CreateMeeting(stub, meeting, &created).ok()) return "";
  return created.name();
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_BOOKING_WAITLIST_TEST_UTIL_H_
