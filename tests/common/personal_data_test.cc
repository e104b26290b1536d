// Personal data masked by the proto's own annotations (issue 11): phones as "138****8000",
// lists of people withheld, at any depth, in every service's answers.
#include "common/api/personal_data.h"

#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.pb.h"
#include "huiwu/staffing/v1/staffing_service.pb.h"

namespace huiwu::api {
namespace {

TEST(MaskPhoneTest, KeepsTheFirstThreeAndLastFourDigitsAndTheSeparators) {
  const struct {
    const char* phone;
    const char* masked;
  } kCases[] = {
      {"13800138000", "138****8000"},
      {"0571-87654321", "057*-****4321"},
      {"+86 138 0013 8000", "+86 1** **** 8000"},
      {"(0571) 8765 4321", "(057*) **** 4321"},
      {"110", "*10"},
      {"1234567", "*****67"},
      {"", ""},
  };
  for (const auto& c : kCases) EXPECT_EQ(MaskPhone(c.phone), c.masked) << c.phone;
}

booking::v1::Meeting SomeMeeting(const std::string& phone) {
  booking::v1::Meeting meeting;
  meeting.set_name("meetings/m-1");
  meeting.set_title("全市安全生产工作会议");
  meeting.mutable_contact()->set_name("李明");
  meeting.mutable_contact()->set_phone(phone);
  booking::v1::Attendee* attendee = meeting.add_attendees();
  attendee->set_id("a1");
  attendee->set_name("王芳");
  meeting.add_agenda()->set_title("传达文件精神");
  return meeting;
}

TEST(MaskPersonalDataTest, MasksPhonesAndWithholdsAttendeesAtAnyDepth) {
  booking::v1::ListMeetingsResponse list;
  *list.add_meetings() = SomeMeeting("13800138000");
  *list.add_meetings() = SomeMeeting("13900139000");
  list.set_next_page_token("t");
  MaskPersonalData(list);
  ASSERT_EQ(list.meetings_size(), 2);
  EXPECT_EQ(list.meetings(0).contact().phone(), "138****8000");
  EXPECT_EQ(list.meetings(1).contact().phone(), "139****9000");
  EXPECT_EQ(list.meetings(0).attendees_size(), 0);
  // What is not personal stays as it was.
  EXPECT_EQ(list.meetings(0).contact().name(), "李明");
  EXPECT_EQ(list.meetings(0).title(), "全市安全生产工作会议");
  EXPECT_EQ(list.meetings(0).agenda_size(), 1);
  EXPECT_EQ(list.next_page_token(), "t");
}

TEST(MaskPersonalDataTest, CoversEveryServicesMarkedFields) {
  booking::v1::GetAttendanceResponse attendance;
  attendance.set_signed_in(3);
  attendance.add_absentees()->set_name("赵强");
  MaskPersonalData(attendance);
  EXPECT_EQ(attendance.absentees_size(), 0);
  EXPECT_EQ(attendance.signed_in(), 3);

  staffing::v1::GetStaffResponse staff;
  staff.mutable_staff()->set_display_name("王丽");
  staff.mutable_staff()->set_phone("13512345678");
  MaskPersonalData(staff);
  EXPECT_EQ(staff.staff().phone(), "135****5678");
  EXPECT_EQ(staff.staff().display_name(), "王丽");
}

TEST(MaskPersonalDataTest, AMessageWithoutPersonalFieldsIsLeftAlone) {
  booking::v1::GetMeetingRequest request;
  request.set_name("meetings/m-1");
  const std::string before = request.SerializeAsString();
  MaskPersonalData(request);
  EXPECT_EQ(request.SerializeAsString(), before);
}

}  // namespace
}  // namespace huiwu::api
