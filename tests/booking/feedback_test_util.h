// Meetings brought to COMPLETED, and requests of evaluations and complaints, for the
// feedback and calendar feed tests.
#ifndef HUIWU_TESTS_BOOKING_FEEDBACK_TEST_UTIL_H_
#define HUIWU_TESTS_BOOKING_FEEDBACK_TEST_UTIL_H_

#include <string>

#include "common/time/clock.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "tests/booking/meeting_test_util.h"

namespace huiwu::testing {

// Starts and completes the CONFIRMED meeting `name` over [start, end], moving the clock
// there and then back to `back`.
inline void RunMeeting(booking::v1::BookingService::Stub& stub, ManualClock& clock,
                       const std::string& name, absl::Time start, absl::Time end, absl::Time back) {
  clock.Set(start);
  booking::v1::StartMeetingRequest begin;
  begin.set_name(name);
  booking::v1::StartMeetingResponse started;
  ASSERT_TRUE(stub.StartMeeting(CallContext().get(), begin, &started).ok());
  clock.Set(end);
  booking::v1::CompleteMeetingRequest complete;
  complete.set_name(name);
  booking::v1::CompleteMeetingResponse completed;
  ASSERT_TRUE(stub.CompleteMeeting(CallContext().get(), complete, &completed).ok());
  clock.Set(back);
}

// An evaluation: overall `overall`, tea and venue rated.
inline booking::v1::SubmitServiceEvaluationRequest Evaluation(const std::string& meeting,
                                                              int overall) {
  booking::v1::SubmitServiceEvaluationRequest request;
  request.set_meeting(meeting);
  auto* e = request.mutable_evaluation();
  e->set_overall_rating(overall);
  e->set_comment("会场整洁，茶水及时");
  // Out of aspect order on purpose: stored and answered in aspect order.
  auto* tea = e->add_aspects();
  tea->set_aspect(booking::v1::EVALUATION_ASPECT_TEA);
  tea->set_rating(4);
  auto* venue = e->add_aspects();
  venue->set_aspect(booking::v1::EVALUATION_ASPECT_VENUE);
  venue->set_rating(5);
  venue->set_comment("桌牌准确");
  return request;
}

inline booking::v1::RecordComplaintRequest ComplaintAbout(const std::string& meeting,
                                                          const std::string& room = "",
                                                          const std::string& unit = "") {
  booking::v1::RecordComplaintRequest request;
  request.mutable_complaint()->set_meeting(meeting);
  request.mutable_complaint()->set_room(room);
  request.mutable_complaint()->set_organizer_unit(unit);
  request.mutable_complaint()->set_description("会议开始时投影仪无信号，等了十分钟");
  return request;
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_BOOKING_FEEDBACK_TEST_UTIL_H_
