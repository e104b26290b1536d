// Recurring series (例会) through a real gRPC channel against the real MariaDB: creating a
// series writes every occurrence as a notice; confirming reports each occurrence's fate;
// cancelling "this and following" withdraws the rest of the series in one go.
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::UnorderedElementsAreArray;

constexpr char kRoom301[] = "buildings/city-hall/rooms/301";

// A local (UTC+8) time on any day.
absl::Time LocalTime(int year, int month, int day, int hour, int minute = 0) {
  return absl::FromCivil(absl::CivilSecond(year, month, day, hour, minute, 0),
                         absl::FixedTimeZone(8 * 3600));
}

std::string IdOf(const std::string& meeting_name) {
  return meeting_name.substr(std::string("meetings/").size());
}

class SeriesTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
  }

  grpc::Status CreateSeries(const v1::CreateMeetingSeriesRequest& request,
                            v1::CreateMeetingSeriesResponse* response) {
    return stub_->CreateMeetingSeries(CallContext().get(), request, response);
  }

  // The weekly leadership meeting: every Monday 09:00–10:00 in 301, 8 weeks from
  // Monday 2026-12-07. It meets on holidays too: 2027's arrangement is not loaded, and a
  // series that skips holidays would be refused there (working_days_test.cc).
  v1::CreateMeetingSeriesRequest WeeklyLeadershipMeeting() {
    v1::CreateMeetingSeriesRequest request;
    *request.mutable_meeting() = SampleMeeting(kRoom301, Local(7, 9), Local(7, 10));
    request.mutable_meeting()->set_title("领导班子周例会");
    request.mutable_recurrence()->set_frequency(v1::FREQUENCY_WEEKLY);
    request.mutable_recurrence()->set_include_holidays(true);
    request.mutable_recurrence()->set_count(8);
    return request;
  }

  grpc::Status ConfirmSeries(const std::string& name, v1::ConfirmMeetingSeriesResponse* response,
                             const std::string& request_id = "") {
    v1::ConfirmMeetingSeriesRequest request;
    request.set_name(name);
    request.set_request_id(request_id);
    return stub_->ConfirmMeetingSeries(CallContext().get(), request, response);
  }

  int64_t Holds(const std::string& meeting_name) {
    return database_.QueryInt(absl::StrCat("SELECT COUNT(*) FROM occupancies WHERE meeting_id = '",
                                           IdOf(meeting_name), "'"));
  }

  v1::Meeting Get(const std::string& name) {
    v1::GetMeetingRequest request;
    request.set_name(name);
    v1::GetMeetingResponse response;
    EXPECT_TRUE(stub_->GetMeeting(CallContext().get(), request, &response).ok());
    return response.meeting();
  }

  const std::vector<std::string> kTables = {"meeting_series", "meetings", "meeting_history",
                                            "occupancies", "idempotency_keys"};
};

std::vector<absl::Time> StartsOf(const v1::CreateMeetingSeriesResponse& response) {
  std::vector<absl::Time> starts;
  for (const auto& meeting : response.meetings()) {
    starts.push_back(api::FromTimestamp(meeting.start_time()));
  }
  return starts;
}

TEST_F(SeriesTest, WeeklySeriesIsWrittenAsNoticesAndConfirmReportsTheOneConflict) {
  // Someone already holds 301 on the third Monday, 09:30–10:30.
  const std::string existing = BookMeeting(*stub_, kRoom301, Local(21, 9, 30), Local(21, 10, 30));
  ASSERT_FALSE(existing.empty());

  v1::CreateMeetingSeriesResponse created;
  ASSERT_TRUE(CreateSeries(WeeklyLeadershipMeeting(), &created).ok());
  EXPECT_THAT(StartsOf(created), ElementsAre(Local(7, 9), Local(14, 9), Local(21, 9), Local(28, 9),
                                             LocalTime(2027, 1, 4, 9), LocalTime(2027, 1, 11, 9),
                                             LocalTime(2027, 1, 18, 9), LocalTime(2027, 1, 25, 9)));
  std::vector<std::string> names;
  for (const auto& meeting : created.meetings()) {
    EXPECT_EQ(meeting.state(), v1::MEETING_STATE_SUBMITTED);
    EXPECT_EQ(meeting.series(), created.series().name());
    EXPECT_EQ(meeting.title(), "领导班子周例会");
    EXPECT_EQ(api::FromTimestamp(meeting.end_time()) - api::FromTimestamp(meeting.start_time()),
              absl::Hours(1));
    ASSERT_EQ(meeting.history_size(), 1);
    names.push_back(meeting.name());
  }
  EXPECT_THAT(created.series().meetings(), ElementsAreArray(names));
  EXPECT_EQ(created.series().recurrence().frequency(), v1::FREQUENCY_WEEKLY);
  EXPECT_EQ(created.series().recurrence().count(), 8);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM meeting_series"), 1);

  v1::ConfirmMeetingSeriesResponse confirmed;
  ASSERT_TRUE(ConfirmSeries(created.series().name(), &confirmed).ok());
  ASSERT_EQ(confirmed.results_size(), 8);
  for (int i = 0; i < 8; ++i) {
    const auto& result = confirmed.results(i);
    SCOPED_TRACE(absl::StrCat("occurrence ", i + 1));
    EXPECT_EQ(result.meeting(), names[i]);
    EXPECT_EQ(api::FromTimestamp(result.start_time()), StartsOf(created)[i]);
    if (i == 2) {
      EXPECT_EQ(result.outcome(), v1::OCCURRENCE_OUTCOME_CONFLICT);
      EXPECT_EQ(result.conflicting_meeting(), existing);
      EXPECT_EQ(Get(names[i]).state(), v1::MEETING_STATE_SUBMITTED);
      EXPECT_EQ(Holds(names[i]), 0);
    } else {
      EXPECT_EQ(result.outcome(), v1::OCCURRENCE_OUTCOME_CONFIRMED);
      EXPECT_EQ(Get(names[i]).state(), v1::MEETING_STATE_CONFIRMED);
      EXPECT_EQ(Holds(names[i]), 1);
    }
  }

  // Confirming again changes nothing and says so, occurrence by occurrence.
  const std::string before = database_.Snapshot(kTables);
  v1::ConfirmMeetingSeriesResponse again;
  ASSERT_TRUE(ConfirmSeries(created.series().name(), &again).ok());
  ASSERT_EQ(again.results_size(), 8);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(again.results(i).outcome(),
              i == 2 ? v1::OCCURRENCE_OUTCOME_CONFLICT : v1::OCCURRENCE_OUTCOME_ALREADY_CONFIRMED)
        << "occurrence " << i + 1;
  }
  EXPECT_EQ(database_.Snapshot(kTables), before);
}

TEST_F(SeriesTest, ConfirmWithARequestIdAnswersARetryAsTheFirstCall) {
  v1::CreateMeetingSeriesResponse created;
  ASSERT_TRUE(CreateSeries(WeeklyLeadershipMeeting(), &created).ok());
  v1::ConfirmMeetingSeriesResponse first;
  ASSERT_TRUE(ConfirmSeries(created.series().name(), &first, "confirm-weekly-1").ok());
  v1::ConfirmMeetingSeriesResponse retry;
  ASSERT_TRUE(ConfirmSeries(created.series().name(), &retry, "confirm-weekly-1").ok());
  EXPECT_EQ(retry.DebugString(), first.DebugString());
  for (const auto& result : retry.results()) {
    EXPECT_EQ(result.outcome(), v1::OCCURRENCE_OUTCOME_CONFIRMED);
  }
}

TEST_F(SeriesTest, CancellingThisAndFollowingWithdrawsTheRestOfTheSeries) {
  // The 7th Monday's slot is taken, so the 7th stays a notice: the cancel withdraws
  // notices and confirmed occurrences alike.
  const std::string existing =
      BookMeeting(*stub_, kRoom301, LocalTime(2027, 1, 18, 9), LocalTime(2027, 1, 18, 10));
  ASSERT_FALSE(existing.empty());
  v1::CreateMeetingSeriesResponse created;
  ASSERT_TRUE(CreateSeries(WeeklyLeadershipMeeting(), &created).ok());
  const std::vector<std::string> names(created.series().meetings().begin(),
                                       created.series().meetings().end());
  ASSERT_EQ(names.size(), 8u);
  v1::ConfirmMeetingSeriesResponse confirmed;
  ASSERT_TRUE(ConfirmSeries(created.series().name(), &confirmed).ok());
  ASSERT_EQ(confirmed.results(6).outcome(), v1::OCCURRENCE_OUTCOME_CONFLICT);

  v1::CancelMeetingRequest cancel;
  cancel.set_name(names[4]);
  cancel.set_reason("班子调整，例会改期");
  cancel.set_scope(v1::SERIES_SCOPE_THIS_AND_FOLLOWING);
  v1::CancelMeetingResponse cancelled;
  ASSERT_TRUE(stub_->CancelMeeting(CallContext().get(), cancel, &cancelled).ok());
  EXPECT_EQ(cancelled.meeting().name(), names[4]);
  EXPECT_EQ(cancelled.meeting().state(), v1::MEETING_STATE_CANCELLED);
  EXPECT_THAT(cancelled.cancelled_meetings(), ElementsAre(names[4], names[5], names[6], names[7]));

  for (int i = 0; i < 4; ++i) {
    SCOPED_TRACE(absl::StrCat("occurrence ", i + 1));
    EXPECT_EQ(Get(names[i]).state(), v1::MEETING_STATE_CONFIRMED);
    EXPECT_EQ(Holds(names[i]), 1);
  }
  for (int i = 4; i < 8; ++i) {
    SCOPED_TRACE(absl::StrCat("occurrence ", i + 1));
    const v1::Meeting meeting = Get(names[i]);
    EXPECT_EQ(meeting.state(), v1::MEETING_STATE_CANCELLED);
    EXPECT_EQ(meeting.state_reason(), "班子调整，例会改期");
    ASSERT_GE(meeting.history_size(), 2);
    EXPECT_EQ(meeting.history(meeting.history_size() - 1).to_state(), v1::MEETING_STATE_CANCELLED);
    EXPECT_EQ(Holds(names[i]), 0);
  }
  // The meeting outside the series is untouched, and the freed Mondays can be booked.
  EXPECT_EQ(Get(existing).state(), v1::MEETING_STATE_CONFIRMED);
  EXPECT_FALSE(
      BookMeeting(*stub_, kRoom301, LocalTime(2027, 1, 11, 9), LocalTime(2027, 1, 11, 10)).empty());
}

TEST_F(SeriesTest, CancellingWithTheDefaultScopeCancelsOnlyThatOccurrence) {
  v1::CreateMeetingSeriesResponse created;
  ASSERT_TRUE(CreateSeries(WeeklyLeadershipMeeting(), &created).ok());
  v1::CancelMeetingRequest cancel;
  cancel.set_name(created.meetings(4).name());
  cancel.set_reason("出差");
  v1::CancelMeetingResponse cancelled;
  ASSERT_TRUE(stub_->CancelMeeting(CallContext().get(), cancel, &cancelled).ok());
  EXPECT_THAT(cancelled.cancelled_meetings(), ElementsAre(created.meetings(4).name()));
  EXPECT_EQ(Get(created.meetings(5).name()).state(), v1::MEETING_STATE_SUBMITTED);
}

TEST_F(SeriesTest, ARetryWithTheSameRequestIdReturnsTheFirstSeries) {
  v1::CreateMeetingSeriesRequest request = WeeklyLeadershipMeeting();
  request.set_request_id("weekly-leadership-2027");
  v1::CreateMeetingSeriesResponse first;
  ASSERT_TRUE(CreateSeries(request, &first).ok());
  v1::CreateMeetingSeriesResponse retry;
  ASSERT_TRUE(CreateSeries(request, &retry).ok());
  EXPECT_EQ(retry.DebugString(), first.DebugString());
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM meeting_series"), 1);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM meetings"), 8);
}

TEST_F(SeriesTest, WeeklyOnMondayAndWednesdayWithACount) {
  v1::CreateMeetingSeriesRequest request = WeeklyLeadershipMeeting();
  request.mutable_recurrence()->add_weekdays(v1::WEEKDAY_WEDNESDAY);
  request.mutable_recurrence()->add_weekdays(v1::WEEKDAY_MONDAY);
  request.mutable_recurrence()->set_count(5);
  v1::CreateMeetingSeriesResponse created;
  ASSERT_TRUE(CreateSeries(request, &created).ok());
  EXPECT_THAT(StartsOf(created),
              ElementsAre(Local(7, 9), Local(9, 9), Local(14, 9), Local(16, 9), Local(21, 9)));
  EXPECT_THAT(created.series().recurrence().weekdays(),
              ElementsAre(v1::WEEKDAY_WEDNESDAY, v1::WEEKDAY_MONDAY));
}

TEST_F(SeriesTest, MonthlySkipsMonthsWithoutTheDay) {
  // On the 30th, 14:00–16:00: February has no 30th and is skipped.
  v1::CreateMeetingSeriesRequest request;
  *request.mutable_meeting() = SampleMeeting(kRoom301, Local(30, 14), Local(30, 16));
  request.mutable_recurrence()->set_frequency(v1::FREQUENCY_MONTHLY);
  request.mutable_recurrence()->set_count(4);
  v1::CreateMeetingSeriesResponse created;
  ASSERT_TRUE(CreateSeries(request, &created).ok());
  EXPECT_THAT(StartsOf(created),
              ElementsAre(Local(30, 14), LocalTime(2027, 1, 30, 14), LocalTime(2027, 3, 30, 14),
                          LocalTime(2027, 4, 30, 14)));
}

TEST_F(SeriesTest, AnOccurrenceBeyondTheAdvanceLimitIsNamedAndNothingIsWritten) {
  // On the 31st: 2026-12-31, 2027-01-31, 03-31, 05-31; the last is more than 180 days
  // ahead of 2026-12-01.
  v1::CreateMeetingSeriesRequest request;
  *request.mutable_meeting() = SampleMeeting(kRoom301, Local(31, 14), Local(31, 16));
  request.mutable_recurrence()->set_frequency(v1::FREQUENCY_MONTHLY);
  request.mutable_recurrence()->set_count(4);
  const std::string before = database_.Snapshot(kTables);
  v1::CreateMeetingSeriesResponse created;
  grpc::Status status = CreateSeries(request, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.reason, "TOO_FAR_AHEAD");
  EXPECT_EQ(details.metadata["occurrence"], "4");
  EXPECT_EQ(details.metadata["occurrence_date"], "2027-05-31");
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("2027-05-31"));
  EXPECT_EQ(database_.Snapshot(kTables), before);
}

struct BadRecurrence {
  std::string label;
  std::function<void(v1::CreateMeetingSeriesRequest&)> change;
  std::vector<std::string> fields;
};

TEST_F(SeriesTest, BadRecurrenceInputIsNamedPreciselyAndWritesNothing) {
  const std::vector<BadRecurrence> cases = {
      {"no recurrence", [](auto& r) { r.clear_recurrence(); }, {"recurrence"}},
      {"no frequency",
       [](auto& r) { r.mutable_recurrence()->set_frequency(v1::FREQUENCY_UNSPECIFIED); },
       {"recurrence.frequency"}},
      {"unknown frequency",
       [](auto& r) { r.mutable_recurrence()->set_frequency(static_cast<v1::Frequency>(9)); },
       {"recurrence.frequency"}},
      {"interval 53",
       [](auto& r) { r.mutable_recurrence()->set_interval(53); },
       {"recurrence.interval"}},
      {"negative interval",
       [](auto& r) { r.mutable_recurrence()->set_interval(-1); },
       {"recurrence.interval"}},
      {"weekdays with monthly",
       [](auto& r) {
         r.mutable_recurrence()->set_frequency(v1::FREQUENCY_MONTHLY);
         r.mutable_recurrence()->add_weekdays(v1::WEEKDAY_MONDAY);
       },
       {"recurrence.weekdays"}},
      {"duplicate weekday",
       [](auto& r) {
         r.mutable_recurrence()->add_weekdays(v1::WEEKDAY_MONDAY);
         r.mutable_recurrence()->add_weekdays(v1::WEEKDAY_MONDAY);
       },
       {"recurrence.weekdays[1]"}},
      {"unspecified weekday",
       [](auto& r) { r.mutable_recurrence()->add_weekdays(v1::WEEKDAY_UNSPECIFIED); },
       {"recurrence.weekdays[0]"}},
      {"neither until nor count",
       [](auto& r) { r.mutable_recurrence()->clear_count(); },
       {"recurrence.until", "recurrence.count"}},
      {"both until and count",
       [](auto& r) {
         auto* until = r.mutable_recurrence()->mutable_until();
         until->set_year(2027);
         until->set_month(1);
         until->set_day(31);
       },
       {"recurrence.until", "recurrence.count"}},
      {"count 367", [](auto& r) { r.mutable_recurrence()->set_count(367); }, {"recurrence.count"}},
      {"February 30th",
       [](auto& r) {
         r.mutable_recurrence()->clear_count();
         auto* until = r.mutable_recurrence()->mutable_until();
         until->set_year(2027);
         until->set_month(2);
         until->set_day(30);
       },
       {"recurrence.until"}},
      {"until before the first meeting",
       [](auto& r) {
         r.mutable_recurrence()->clear_count();
         auto* until = r.mutable_recurrence()->mutable_until();
         until->set_year(2026);
         until->set_month(12);
         until->set_day(6);
       },
       {"recurrence.until"}},
      {"bad meeting and bad recurrence at once",
       [](auto& r) {
         r.mutable_meeting()->set_title("");
         r.mutable_recurrence()->set_interval(0x7fff);
       },
       {"recurrence.interval", "meeting.title"}},
  };
  const std::string before = database_.Snapshot(kTables);
  for (const BadRecurrence& c : cases) {
    SCOPED_TRACE(c.label);
    v1::CreateMeetingSeriesRequest request = WeeklyLeadershipMeeting();
    c.change(request);
    v1::CreateMeetingSeriesResponse response;
    grpc::Status status = CreateSeries(request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(DetailsOf(status).violated_fields, UnorderedElementsAreArray(c.fields));
  }
  EXPECT_EQ(database_.Snapshot(kTables), before);
}

TEST_F(SeriesTest, AnUnknownSeriesIsNotFound) {
  v1::ConfirmMeetingSeriesResponse response;
  grpc::Status status = ConfirmSeries("meetingSeries/nope", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(status).reason, "SERIES_NOT_FOUND");
  status = ConfirmSeries("meetings/nope", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).violated_fields, ElementsAre("name"));
}

}  // namespace
}  // namespace huiwu::testing
