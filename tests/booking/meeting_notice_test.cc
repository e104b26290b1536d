// Minimum notice through gRPC: a delegation or a VIP guest needs an office day of notice
// counted in the center's office hours on working days, so a Friday-evening booking for
// Monday morning is refused with the earliest start it could have.
#include <string>

#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

constexpr char kRoom[] = "buildings/city-hall/rooms/301";

class MeetingNoticeTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
  }

  static v1::Meeting Reception(absl::Time start) {
    v1::Meeting meeting = SampleMeeting(kRoom, start, start + absl::Hours(1));
    meeting.set_kind(v1::MEETING_KIND_VIP_RECEPTION);
    return meeting;
  }
};

TEST_F(MeetingNoticeTest, AFridayEveningBookingForMondayMorningIsTooShort) {
  clock_.Set(Local(4, 17));  // Friday 4 December, 17:00
  const grpc::Status refused = CreateMeeting(*stub_, Reception(Local(7, 9)));
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ErrorDetails details = DetailsOf(refused);
  EXPECT_EQ(details.reason, "NOTICE_TOO_SHORT");
  EXPECT_EQ(details.metadata["kind"], "VIP_RECEPTION");
  EXPECT_EQ(details.metadata["notice_counted_in"], "OFFICE_HOURS");
  EXPECT_EQ(details.metadata["min_notice_minutes"], "450");
  // Half an hour on Friday, then Monday's office hours from 08:30, lunch excepted.
  EXPECT_EQ(details.metadata["earliest_start"], "2026-12-07T17:00:00+08:00");
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM meetings"), 0);

  // An internal meeting counts by the clock: 64 hours are plenty.
  EXPECT_TRUE(CreateMeeting(*stub_, SampleMeeting(kRoom, Local(7, 9), Local(7, 10))).ok());
  // The reception at the earliest start it was told.
  v1::Meeting created;
  ASSERT_TRUE(CreateMeeting(*stub_, Reception(Local(7, 17)), &created).ok());
  EXPECT_EQ(created.kind(), v1::MEETING_KIND_VIP_RECEPTION);
}

TEST_F(MeetingNoticeTest, NoticeReachingAYearWithoutAHolidayFileIsNotGuessed) {
  clock_.Set(Local(31, 15));  // Thursday 31 December 2026, 15:00; the fixture has no 2027
  const absl::Time january_fifth =
      absl::FromCivil(absl::CivilSecond(2027, 1, 5, 10, 0, 0), absl::FixedTimeZone(8 * 3600));
  const grpc::Status refused = CreateMeeting(*stub_, Reception(january_fifth));
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(refused).reason, "WORKING_CALENDAR_YEAR_MISSING");
  EXPECT_EQ(DetailsOf(refused).metadata["year"], "2027");
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM meetings"), 0);
}

}  // namespace
}  // namespace huiwu::testing
