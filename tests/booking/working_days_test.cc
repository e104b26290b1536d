// Working days (法定节假日与调休) through a real gRPC channel against the real MariaDB, with
// the repository's holiday calendar (2025 and 2026; no 2027): series across the 2026
// National Day holiday and its make-up working days, GetWorkingDays, and a missing year
// refused and reported by health, never guessed.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/booking/bad_input_util.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
using ::testing::ElementsAre;

constexpr char kRoom301[] = "buildings/city-hall/rooms/301";

absl::Time At(int month, int day, int hour) { return Shanghai(2026, month, day, hour); }

common::v1::Date DateOf(int year, int month, int day) {
  common::v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

std::string Text(const common::v1::Date& date) {
  return absl::StrCat(date.year(), "-", date.month(), "-", date.day());
}

std::vector<absl::Time> StartsOf(const v1::CreateMeetingSeriesResponse& response) {
  std::vector<absl::Time> starts;
  for (const auto& meeting : response.meetings()) {
    starts.push_back(api::FromTimestamp(meeting.start_time()));
  }
  return starts;
}

std::vector<std::string> SkippedOf(const v1::CreateMeetingSeriesResponse& response) {
  std::vector<std::string> days;
  for (const auto& day : response.skipped_days()) {
    EXPECT_FALSE(day.working());
    EXPECT_EQ(day.kind(), v1::DAY_KIND_HOLIDAY);
    days.push_back(absl::StrCat(Text(day.date()), " ", day.holiday_name()));
  }
  return days;
}

class WorkingDaysTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
  }

  // A series of 09:00–10:00 meetings in 301 from `first_day`, booked on 1 September 2026
  // (National Day is within the 180 days a meeting may be booked ahead).
  v1::CreateMeetingSeriesRequest SeriesFrom(int month, int day, v1::Frequency frequency) {
    clock_.Set(At(9, 1, 9));
    v1::CreateMeetingSeriesRequest request;
    *request.mutable_meeting() = SampleMeeting(kRoom301, At(month, day, 9), At(month, day, 10));
    request.mutable_recurrence()->set_frequency(frequency);
    return request;
  }

  grpc::Status Create(const v1::CreateMeetingSeriesRequest& request,
                      v1::CreateMeetingSeriesResponse* response) {
    return stub_->CreateMeetingSeries(CallContext().get(), request, response);
  }

  grpc::Status WorkingDays(const common::v1::Date& start, const common::v1::Date& end,
                           v1::GetWorkingDaysResponse* response) {
    v1::GetWorkingDaysRequest request;
    *request.mutable_start_date() = start;
    *request.mutable_end_date() = end;
    return stub_->GetWorkingDays(CallContext().get(), request, response);
  }

  const std::vector<std::string> kTables = {"meeting_series", "meetings", "meeting_history",
                                            "idempotency_keys"};
};

TEST_F(WorkingDaysTest, AWorkdaysSeriesAcrossNationalDay2026MeetsOnExactlyTheWorkingDays) {
  v1::CreateMeetingSeriesRequest request = SeriesFrom(9, 28, v1::FREQUENCY_WORKDAYS);
  *request.mutable_recurrence()->mutable_until() = DateOf(2026, 10, 16);
  v1::CreateMeetingSeriesResponse created;
  const grpc::Status status = Create(request, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // Monday 28 September to Wednesday 30, then Thursday 8 October, Friday 9, the make-up
  // Saturday 10, and Monday 12 to Friday 16.
  EXPECT_THAT(StartsOf(created),
              ElementsAre(At(9, 28, 9), At(9, 29, 9), At(9, 30, 9), At(10, 8, 9), At(10, 9, 9),
                          At(10, 10, 9), At(10, 12, 9), At(10, 13, 9), At(10, 14, 9), At(10, 15, 9),
                          At(10, 16, 9)));
  EXPECT_THAT(SkippedOf(created),
              ElementsAre("2026-10-1 国庆节", "2026-10-2 国庆节", "2026-10-5 国庆节",
                          "2026-10-6 国庆节", "2026-10-7 国庆节"));
  EXPECT_EQ(created.series().recurrence().frequency(), v1::FREQUENCY_WORKDAYS);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM meetings"), 11);
  EXPECT_EQ(database_.QueryInt("SELECT frequency FROM meeting_series"), 4);
}

TEST_F(WorkingDaysTest, AWeeklySeriesSkipsTheHolidaysUnlessToldNotTo) {
  // Mondays and Thursdays from Monday 28 September: Thursday 1 and Monday 5 October are
  // National Day.
  v1::CreateMeetingSeriesRequest request = SeriesFrom(9, 28, v1::FREQUENCY_WEEKLY);
  request.mutable_recurrence()->add_weekdays(v1::WEEKDAY_MONDAY);
  request.mutable_recurrence()->add_weekdays(v1::WEEKDAY_THURSDAY);
  request.mutable_recurrence()->set_count(4);
  request.set_request_id("weekly-skips-holidays");
  v1::CreateMeetingSeriesResponse skipping;
  ASSERT_TRUE(Create(request, &skipping).ok());
  EXPECT_THAT(StartsOf(skipping),
              ElementsAre(At(9, 28, 9), At(10, 8, 9), At(10, 12, 9), At(10, 15, 9)));
  EXPECT_THAT(SkippedOf(skipping), ElementsAre("2026-10-1 国庆节", "2026-10-5 国庆节"));
  EXPECT_FALSE(skipping.series().recurrence().include_holidays());
  // A retry answers the same, skipped days included.
  v1::CreateMeetingSeriesResponse retry;
  ASSERT_TRUE(Create(request, &retry).ok());
  EXPECT_EQ(retry.DebugString(), skipping.DebugString());

  request.mutable_recurrence()->set_include_holidays(true);
  request.set_request_id("weekly-includes-holidays");
  v1::CreateMeetingSeriesResponse including;
  ASSERT_TRUE(Create(request, &including).ok());
  EXPECT_THAT(StartsOf(including),
              ElementsAre(At(9, 28, 9), At(10, 1, 9), At(10, 5, 9), At(10, 8, 9)));
  EXPECT_EQ(including.skipped_days_size(), 0);
  EXPECT_TRUE(including.series().recurrence().include_holidays());
  EXPECT_EQ(database_.QueryInt("SELECT SUM(include_holidays) FROM meeting_series"), 1);
}

TEST_F(WorkingDaysTest, ASeriesReachingAYearWithoutAFileIsRefusedNamingItAndWritesNothing) {
  // From Monday 7 December 2026 (the fixture's clock, 1 December): the fifth Monday is
  // 4 January 2027, whose arrangement is not loaded.
  for (const v1::Frequency frequency : {v1::FREQUENCY_WEEKLY, v1::FREQUENCY_WORKDAYS}) {
    SCOPED_TRACE(v1::Frequency_Name(frequency));
    clock_.Set(DefaultTestNow());
    v1::CreateMeetingSeriesRequest request;
    *request.mutable_meeting() = SampleMeeting(kRoom301, Local(7, 9), Local(7, 10));
    request.mutable_recurrence()->set_frequency(frequency);
    *request.mutable_recurrence()->mutable_until() = DateOf(2027, 1, 8);
    const std::string before = database_.Snapshot(kTables);
    v1::CreateMeetingSeriesResponse response;
    const grpc::Status status = Create(request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
    ErrorDetails details = DetailsOf(status);
    EXPECT_EQ(details.reason, "WORKING_CALENDAR_YEAR_MISSING");
    EXPECT_EQ(details.domain, "booking.huiwu");
    EXPECT_EQ(details.metadata["year"], "2027");
    EXPECT_NE(status.error_message().find("2027"), std::string::npos) << status.error_message();
    EXPECT_EQ(database_.Snapshot(kTables), before);
  }
  // Until the last day of 2026 it never reaches 2027.
  v1::CreateMeetingSeriesRequest request;
  *request.mutable_meeting() = SampleMeeting(kRoom301, Local(7, 9), Local(7, 10));
  request.mutable_recurrence()->set_frequency(v1::FREQUENCY_WORKDAYS);
  *request.mutable_recurrence()->mutable_until() = DateOf(2026, 12, 31);
  v1::CreateMeetingSeriesResponse response;
  ASSERT_TRUE(Create(request, &response).ok());
  EXPECT_EQ(response.meetings_size(), 19);  // 7–11, 14–18, 21–25, 28–31 December
}

TEST_F(WorkingDaysTest, WorkdaysWithAnIntervalOrIncludeHolidaysAreRefusedNamingTheField) {
  v1::CreateMeetingSeriesRequest interval = SeriesFrom(9, 28, v1::FREQUENCY_WORKDAYS);
  interval.mutable_recurrence()->set_count(3);
  interval.mutable_recurrence()->set_interval(2);
  v1::CreateMeetingSeriesRequest holidays = SeriesFrom(9, 28, v1::FREQUENCY_WORKDAYS);
  holidays.mutable_recurrence()->set_count(3);
  holidays.mutable_recurrence()->set_include_holidays(true);
  ExpectEachRefusedAndNothingWritten(
      *stub_,
      {Case("WORKDAYS every second day", "recurrence.interval",
            &v1::BookingService::Stub::CreateMeetingSeries, interval),
       Case("WORKDAYS with holidays", "recurrence.include_holidays",
            &v1::BookingService::Stub::CreateMeetingSeries, holidays)},
      database_, kTables);
}

TEST_F(WorkingDaysTest, GetWorkingDaysAnswersEachDayWithItsKindAndHoliday) {
  v1::GetWorkingDaysResponse response;
  const grpc::Status status = WorkingDays(DateOf(2026, 9, 30), DateOf(2026, 10, 11), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::vector<std::string> days;
  for (const v1::WorkingDay& day : response.days()) {
    days.push_back(absl::StrCat(Text(day.date()), " ", day.working() ? "working" : "off", " ",
                                v1::DayKind_Name(day.kind()), " ", day.holiday_name()));
  }
  EXPECT_THAT(
      days,
      ElementsAre("2026-9-30 working DAY_KIND_WORKDAY ", "2026-10-1 off DAY_KIND_HOLIDAY 国庆节",
                  "2026-10-2 off DAY_KIND_HOLIDAY 国庆节", "2026-10-3 off DAY_KIND_HOLIDAY 国庆节",
                  "2026-10-4 off DAY_KIND_HOLIDAY 国庆节", "2026-10-5 off DAY_KIND_HOLIDAY 国庆节",
                  "2026-10-6 off DAY_KIND_HOLIDAY 国庆节", "2026-10-7 off DAY_KIND_HOLIDAY 国庆节",
                  "2026-10-8 working DAY_KIND_WORKDAY ", "2026-10-9 working DAY_KIND_WORKDAY ",
                  "2026-10-10 working DAY_KIND_MAKE_UP_WORKDAY 国庆节",
                  "2026-10-11 off DAY_KIND_WEEKEND "));
  // A whole leap-free year is allowed: 365 days.
  ASSERT_TRUE(WorkingDays(DateOf(2026, 1, 1), DateOf(2026, 12, 31), &response).ok());
  EXPECT_EQ(response.days_size(), 365);
}

TEST_F(WorkingDaysTest, GetWorkingDaysIntoAYearWithoutAFileIsRefusedNamingIt) {
  v1::GetWorkingDaysResponse response;
  const grpc::Status status = WorkingDays(DateOf(2026, 12, 28), DateOf(2027, 1, 3), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(status).reason, "WORKING_CALENDAR_YEAR_MISSING");
  EXPECT_EQ(DetailsOf(status).metadata["year"], "2027");
  EXPECT_EQ(response.days_size(), 0);
}

TEST_F(WorkingDaysTest, GetWorkingDaysBadRangesAreNamedPrecisely) {
  const auto request = [](std::optional<common::v1::Date> start,
                          std::optional<common::v1::Date> end) {
    v1::GetWorkingDaysRequest r;
    if (start.has_value()) *r.mutable_start_date() = *start;
    if (end.has_value()) *r.mutable_end_date() = *end;
    return r;
  };
  const auto get = &v1::BookingService::Stub::GetWorkingDays;
  ExpectEachRefusedAndNothingWritten(
      *stub_,
      {
          Case("no start", "start_date", get, request(std::nullopt, DateOf(2026, 10, 1))),
          Case("no end", "end_date", get, request(DateOf(2026, 10, 1), std::nullopt)),
          Case("month 13", "start_date.month", get,
               request(DateOf(2026, 13, 1), DateOf(2026, 12, 1))),
          Case("30 February", "end_date.day", get,
               request(DateOf(2026, 2, 1), DateOf(2026, 2, 30))),
          Case("year 1999", "start_date.year", get,
               request(DateOf(1999, 12, 31), DateOf(2026, 1, 1))),
          Case("end before start", "end_date", get,
               request(DateOf(2026, 10, 8), DateOf(2026, 10, 7))),
          Case("367 days", "end_date", get, request(DateOf(2025, 1, 1), DateOf(2026, 1, 2))),
      },
      database_, kTables);
}

class WorkingCalendarHealthTest : public WorkingDaysTest {
 protected:
  grpc::health::v1::HealthCheckResponse::ServingStatus StatusOf(const std::string& service) {
    auto health = grpc::health::v1::Health::NewStub(NewTestChannel(port()));
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    const grpc::Status status = health->Check(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << service << ": " << status.error_message();
    return response.status();
  }
};

// 1 December 2026 with no file for 2027: the calendar's health says so; the service's
// own status, and the overall one, do not change (calls are still answered).
TEST_F(WorkingCalendarHealthTest, AMissingNextYearIsReportedInDecember) {
  using grpc::health::v1::HealthCheckResponse;
  EXPECT_EQ(StatusOf("huiwu.booking.v1.WorkingCalendar"), HealthCheckResponse::NOT_SERVING);
  EXPECT_EQ(StatusOf("huiwu.booking.v1.BookingService"), HealthCheckResponse::SERVING);
  EXPECT_EQ(StatusOf(""), HealthCheckResponse::SERVING);
}

class CoveredCalendarHealthTest : public WorkingCalendarHealthTest {
 protected:
  CoveredCalendarHealthTest() {
    booking::WorkingCalendar calendar;
    EXPECT_TRUE(calendar.AddYear(2026, {}).ok());
    EXPECT_TRUE(calendar.AddYear(2027, {}).ok());
    policy_.SetCalendar(std::make_shared<const booking::WorkingCalendar>(std::move(calendar)));
  }
};

TEST_F(CoveredCalendarHealthTest, ACalendarWithThisAndNextYearIsServing) {
  EXPECT_EQ(StatusOf("huiwu.booking.v1.WorkingCalendar"),
            grpc::health::v1::HealthCheckResponse::SERVING);
}

}  // namespace
}  // namespace huiwu::testing
