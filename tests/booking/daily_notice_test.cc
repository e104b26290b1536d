// GetDailyServiceNotice (每日服务通知): the day's meetings in time order with their
// readiness, structured and as a printable document, against real peer services.
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/report_fixture.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kScriptTitle[] = "<script>alert('x')</script>季度调度会";

v1::GetDailyServiceNoticeRequest NoticeOf(int day) {
  v1::GetDailyServiceNoticeRequest request;
  request.mutable_date()->set_year(2026);
  request.mutable_date()->set_month(12);
  request.mutable_date()->set_day(day);
  return request;
}

class DailyNoticeTest : public ReportFixture {
 protected:
  v1::GetDailyServiceNoticeResponse Notice(v1::BookingService::Stub& stub, int day) {
    v1::GetDailyServiceNoticeResponse response;
    grpc::Status status = stub.GetDailyServiceNotice(CallContext().get(), NoticeOf(day), &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
};

size_t PositionOf(const std::string& hay, const std::string& needle) {
  const size_t at = hay.find(needle);
  EXPECT_NE(at, std::string::npos) << "missing: " << needle;
  return at;
}

TEST_F(DailyNoticeTest, TheDaysMeetingsInTimeOrderWithReadinessAndTheDocument) {
  // Booked out of order; a notice not yet confirmed, a cancelled meeting and another
  // day's meeting are not on the notice.
  const std::string afternoon = Book("302", "下午座谈会", Local(2, 14), Local(2, 16));
  const std::string morning =
      Book("301", kScriptTitle, Local(2, 9), Local(2, 11), {v1::SERVICE_KIND_TEA});
  ASSERT_TRUE(CreateMeeting(*booking_, SampleMeeting("buildings/city-hall/rooms/302", Local(2, 10),
                                                     Local(2, 11)))
                  .ok());
  const std::string cancelled = Book("301", "取消的会", Local(2, 16), Local(2, 17));
  v1::CancelMeetingRequest cancel;
  cancel.set_name(cancelled);
  cancel.set_reason("改期");
  v1::CancelMeetingResponse cancel_response;
  ASSERT_TRUE(booking_->CancelMeeting(CallContext().get(), cancel, &cancel_response).ok());
  Book("301", "次日的会", Local(3, 9), Local(3, 10));
  AddAttendant("wang-li", "F-001", "王丽");
  RequireAttendants(morning, "301", Local(2, 9), Local(2, 11), 1);
  Assign(morning, "staff/wang-li");

  const v1::GetDailyServiceNoticeResponse notice = Notice(*booking_, 2);
  EXPECT_EQ(notice.date().day(), 2);
  EXPECT_FALSE(notice.truncated());
  ASSERT_EQ(notice.meetings_size(), 2);
  const v1::NoticeMeeting& first = notice.meetings(0);
  const v1::NoticeMeeting& second = notice.meetings(1);
  EXPECT_EQ(first.meeting(), morning);
  EXPECT_EQ(second.meeting(), afternoon);
  EXPECT_EQ(first.title(), kScriptTitle);
  EXPECT_EQ(first.room(), "buildings/city-hall/rooms/301");
  EXPECT_EQ(first.room_display_name(), "市政府大楼 301会议室");
  EXPECT_EQ(first.organizer_unit(), "办公室");
  EXPECT_EQ(first.contact().name(), "王敏");
  EXPECT_EQ(first.expected_participants(), 10);
  ASSERT_EQ(first.services_size(), 1);
  EXPECT_EQ(first.services(0).kind(), v1::SERVICE_KIND_TEA);
  EXPECT_EQ(api::FromTimestamp(first.start_time()), Local(2, 9));
  // Readiness of each, asked of the real services.
  EXPECT_EQ(first.readiness().meeting(), morning);
  EXPECT_EQ(first.readiness().staffing().status(), v1::READINESS_STATUS_READY);
  ASSERT_EQ(first.readiness().staffing().staff_size(), 1);
  EXPECT_EQ(first.readiness().staffing().staff(0).display_name(), "王丽");
  EXPECT_EQ(first.readiness().clearance().status(), v1::READINESS_STATUS_READY);
  EXPECT_EQ(second.readiness().staffing().status(), v1::READINESS_STATUS_NOT_READY);
  EXPECT_EQ(second.readiness().staffing().detail(), "尚未确定人员需求");

  // The document: the titles, rooms and times in the same order, user text escaped.
  const std::string& html = notice.rendered_html();
  EXPECT_THAT(html, HasSubstr("@page { size: A4; margin: 15mm }"));
  EXPECT_THAT(html, HasSubstr("2026年12月2日 星期三"));
  EXPECT_LT(PositionOf(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;季度调度会"),
            PositionOf(html, "下午座谈会"));
  EXPECT_LT(PositionOf(html, "09:00–11:00"), PositionOf(html, "14:00–16:00"));
  EXPECT_LT(PositionOf(html, "市政府大楼 301会议室"), PositionOf(html, "市政府大楼 302会议室"));
  EXPECT_THAT(html, HasSubstr("王丽（会议服务员）"));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("取消的会")));
  EXPECT_THAT(html, Not(HasSubstr("次日的会")));
}

TEST_F(DailyNoticeTest, ADayIsTheCentersLocalDay) {
  // 23:30 on 2 December in Shanghai is 15:30 UTC that day; 00:30 on the 3rd is the 3rd.
  const std::string late = Book("301", "晚间会", Local(2, 23, 30), Local(2, 23, 50));
  Book("302", "凌晨会", Local(3, 0, 30), Local(3, 1));
  const v1::GetDailyServiceNoticeResponse notice = Notice(*booking_, 2);
  ASSERT_EQ(notice.meetings_size(), 1);
  EXPECT_EQ(notice.meetings(0).meeting(), late);
}

TEST_F(DailyNoticeTest, AnEmptyDaySaysSo) {
  const v1::GetDailyServiceNoticeResponse notice = Notice(*booking_, 5);
  EXPECT_EQ(notice.meetings_size(), 0);
  EXPECT_THAT(notice.rendered_html(), HasSubstr("当日无会议"));
}

TEST_F(DailyNoticeTest, WithThePeersDownTheNoticeStillAnswersWithUnknownParts) {
  Book("301", "季度工作调度会", Local(2, 9), Local(2, 11));
  config::PeerTargets peers;
  peers.staffing = absl::StrCat("127.0.0.1:", ClosedPort());
  peers.safety = absl::StrCat("127.0.0.1:", ClosedPort());
  auto replica = StartBooking(peers);
  ASSERT_NE(replica, nullptr);
  const v1::GetDailyServiceNoticeResponse notice = Notice(*replica, 2);
  ASSERT_EQ(notice.meetings_size(), 1);
  const v1::MeetingReadiness& r = notice.meetings(0).readiness();
  EXPECT_EQ(r.staffing().status(), v1::READINESS_STATUS_UNKNOWN);
  EXPECT_EQ(r.clearance().status(), v1::READINESS_STATUS_UNKNOWN);
  EXPECT_EQ(r.room().status(), v1::READINESS_STATUS_READY);
  EXPECT_THAT(notice.rendered_html(), HasSubstr("季度工作调度会"));
  EXPECT_THAT(notice.rendered_html(), HasSubstr("未知"));
}

TEST_F(DailyNoticeTest, ABadDateIsRefusedNamingTheField) {
  v1::GetDailyServiceNoticeRequest request = NoticeOf(31);
  request.mutable_date()->set_month(2);
  v1::GetDailyServiceNoticeResponse response;
  grpc::Status status = booking_->GetDailyServiceNotice(CallContext().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).violated_fields, ElementsAre("date.day"));
  status = booking_->GetDailyServiceNotice(CallContext().get(), v1::GetDailyServiceNoticeRequest{},
                                           &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).violated_fields, ElementsAre("date"));
}

}  // namespace
}  // namespace huiwu::testing
