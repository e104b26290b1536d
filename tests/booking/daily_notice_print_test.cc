// The daily service notice and the weekly brief printed (print_fixture.h): the notice must
// be one A4 page with the day's meetings on it, in order.
#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/print_fixture.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

TEST_F(PrintTest, TheDailyNoticePrintsOnOneA4PageWithTheMeetingsInOrder) {
  // A day of the center: three meetings, one with a hostile title, staff and services.
  Book("302", "下午专题座谈会", Local(2, 14), Local(2, 16),
       {v1::SERVICE_KIND_NAMEPLATES, v1::SERVICE_KIND_TEA});
  const std::string morning = Book("301", "季度工作调度会", Local(2, 9), Local(2, 11),
                                   {v1::SERVICE_KIND_BANNER, v1::SERVICE_KIND_TEA});
  Book("301", "<script>document.body.innerHTML=''</script>安全培训", Local(2, 15), Local(2, 17));
  AddAttendant("wang-li", "F-001", "王丽");
  RequireAttendants(morning, "301", Local(2, 9), Local(2, 11), 1);
  Assign(morning, "staff/wang-li");
  ASSERT_TRUE(RecordServiceDone(morning, v1::SERVICE_KIND_TEA).ok());

  v1::GetDailyServiceNoticeRequest request;
  request.mutable_date()->set_year(2026);
  request.mutable_date()->set_month(12);
  request.mutable_date()->set_day(2);
  v1::GetDailyServiceNoticeResponse notice;
  grpc::Status status = booking_->GetDailyServiceNotice(CallContext().get(), request, &notice);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(notice.meetings_size(), 3);

  const std::optional<Printout> printout = Print(notice.rendered_html(), "daily_notice");
  ASSERT_TRUE(printout.has_value());
  EXPECT_EQ(InfoField(printout->info, "Pages:"), "1") << printout->info;
  ExpectA4(*printout);

  // The text on the page: every meeting, in time order; the hostile title printed as
  // text, not run.
  const std::string& printed = printout->text;
  const size_t first = printed.find("季度工作调度会");
  const size_t second = printed.find("下午专题座谈会");
  const size_t third = printed.find("安全培训");
  ASSERT_NE(first, std::string::npos) << printed;
  ASSERT_NE(second, std::string::npos) << printed;
  ASSERT_NE(third, std::string::npos) << printed;
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_THAT(printed, ::testing::HasSubstr("每日服务通知"));
  EXPECT_THAT(printed, ::testing::HasSubstr("<script>"));
  EXPECT_THAT(printed, ::testing::HasSubstr("王丽"));

  // Page 1 as an image at 50 dpi: A4 proportions, with ink on it.
  const std::optional<Image> image = PageImage(*printout, 1, 50);
  ASSERT_TRUE(image.has_value());
  EXPECT_NEAR(image->width, 413, 2);   // 210 mm at 50 dpi
  EXPECT_NEAR(image->height, 585, 2);  // 297 mm
  const size_t inked = InkedPixels(*image);
  EXPECT_GT(inked, image->width * image->height / 200) << "the page is (nearly) blank";
  EXPECT_LT(inked, image->width * image->height / 2) << "the page is mostly ink";
}

TEST_F(PrintTest, TheWeeklyBriefPrintsOnA4) {
  const std::string held = Book("301", "季度工作调度会", Local(2, 9), Local(2, 11));
  clock_.Set(Local(2, 9));
  v1::StartMeetingRequest start;
  start.set_name(held);
  v1::StartMeetingResponse started;
  ASSERT_TRUE(booking_->StartMeeting(CallContext().get(), start, &started).ok());
  v1::GetWeeklyBriefRequest request;
  request.mutable_week()->set_year(2026);
  request.mutable_week()->set_month(12);
  request.mutable_week()->set_day(2);
  v1::GetWeeklyBriefResponse brief;
  grpc::Status status = booking_->GetWeeklyBrief(CallContext().get(), request, &brief);
  ASSERT_TRUE(status.ok()) << status.error_message();

  const std::optional<Printout> printout = Print(brief.rendered_html(), "weekly_brief");
  ASSERT_TRUE(printout.has_value());
  ExpectA4(*printout);
  EXPECT_THAT(printout->text, ::testing::HasSubstr("每周业务简报"));
  EXPECT_THAT(printout->text, ::testing::HasSubstr("市政府大楼 301会议室"));
  EXPECT_THAT(printout->text, ::testing::HasSubstr("六、无人签到会议"));
}

}  // namespace
}  // namespace huiwu::testing
