// ListMeetings on the center's calendar (days and Monday-to-Sunday weeks in
// Asia/Shanghai), its filters and its pages.
#include <functional>
#include <set>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char k301[] = "buildings/city-hall/rooms/301";
constexpr char k302[] = "buildings/city-hall/rooms/302";

class MeetingQueryTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
  }

  std::string Create(v1::Meeting meeting) {
    v1::Meeting created;
    grpc::Status status = CreateMeeting(*stub_, meeting, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.name();
  }

  std::string CreateAt(absl::Time start, absl::Time end, const std::string& title = "周例会") {
    v1::Meeting meeting = SampleMeeting("", start, end);
    meeting.set_title(title);
    return Create(meeting);
  }

  // The names ListMeetings returns for `request` (one page).
  std::vector<std::string> Names(const v1::ListMeetingsRequest& request) {
    v1::ListMeetingsResponse response;
    grpc::Status status = stub_->ListMeetings(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> names;
    for (const auto& meeting : response.meetings()) names.push_back(meeting.name());
    return names;
  }

  static v1::ListMeetingsRequest On(int day,
                                    v1::CalendarView view = v1::CALENDAR_VIEW_UNSPECIFIED) {
    v1::ListMeetingsRequest request;
    request.mutable_date()->set_year(2026);
    request.mutable_date()->set_month(12);
    request.mutable_date()->set_day(day);
    request.set_view(view);
    return request;
  }

  v1::Meeting Get(const std::string& name) {
    v1::GetMeetingRequest request;
    request.set_name(name);
    v1::GetMeetingResponse response;
    EXPECT_TRUE(stub_->GetMeeting(CallContext().get(), request, &response).ok());
    return response.meeting();
  }
};

// 2026-12-07 is a Monday. 23:30 local on Monday is 15:30 UTC Monday; 00:30 local on
// Tuesday is 16:30 UTC on Monday: the center's day decides, not UTC's.
TEST_F(MeetingQueryTest, DaysAndWeeksAreTheCentersInAsiaShanghai) {
  const std::string sunday_before = CreateAt(Local(6, 23, 30), Local(7, 0, 15));
  const std::string monday_late = CreateAt(Local(7, 23, 30), Local(8, 0, 15));
  const std::string tuesday_early = CreateAt(Local(8, 0, 30), Local(8, 1, 30));
  const std::string sunday_late = CreateAt(Local(13, 23, 0), Local(13, 23, 50));
  const std::string next_monday = CreateAt(Local(14, 0, 0), Local(14, 1, 0));

  EXPECT_THAT(Names(On(7)), ElementsAre(monday_late));  // DAY is the default
  EXPECT_THAT(Names(On(7, v1::CALENDAR_VIEW_DAY)), ElementsAre(monday_late));
  EXPECT_THAT(Names(On(8)), ElementsAre(tuesday_early));
  EXPECT_THAT(Names(On(6)), ElementsAre(sunday_before));
  // Any day of the week gives Monday 00:00 to the next Monday 00:00, by start time.
  for (int day : {7, 10, 13}) {
    SCOPED_TRACE(day);
    EXPECT_THAT(Names(On(day, v1::CALENDAR_VIEW_WEEK)),
                ElementsAre(monday_late, tuesday_early, sunday_late));
  }
  EXPECT_THAT(Names(On(14, v1::CALENDAR_VIEW_WEEK)), ElementsAre(next_monday));
  EXPECT_THAT(Names(On(9)), IsEmpty());
}

TEST_F(MeetingQueryTest, FiltersCombineAndTitleMatchesLiterally) {
  v1::Meeting in_301 = SampleMeeting(k301, Local(3, 9), Local(3, 10));
  in_301.set_title("100% 完成率通报");
  const std::string percent = Create(in_301);
  v1::Meeting in_302 = SampleMeeting(k302, Local(3, 11), Local(3, 12));
  in_302.set_title("1000 完成率通报");
  in_302.set_organizer_unit("财政局");
  const std::string no_percent = Create(in_302);
  const std::string underscore = CreateAt(Local(3, 13), Local(3, 14), "a_b 专题会");
  const std::string no_underscore = CreateAt(Local(3, 15), Local(3, 16), "axb 专题会");
  const std::string backslash = CreateAt(Local(3, 17), Local(3, 18), "C:\\共享 培训");
  ASSERT_TRUE(ConfirmMeeting(*stub_, percent).ok());

  auto with = [](std::function<void(v1::ListMeetingsRequest&)> set) {
    v1::ListMeetingsRequest request;
    set(request);
    return request;
  };
  EXPECT_THAT(Names(with([](auto& r) { r.set_title_contains("100%"); })), ElementsAre(percent));
  EXPECT_THAT(Names(with([](auto& r) { r.set_title_contains("完成率"); })),
              ElementsAre(percent, no_percent));
  EXPECT_THAT(Names(with([](auto& r) { r.set_title_contains("a_b"); })), ElementsAre(underscore));
  EXPECT_THAT(Names(with([](auto& r) { r.set_title_contains("_"); })), ElementsAre(underscore));
  EXPECT_THAT(Names(with([](auto& r) { r.set_title_contains("\\"); })), ElementsAre(backslash));
  EXPECT_THAT(Names(with([](auto& r) { r.set_title_contains("!"); })), IsEmpty());
  EXPECT_THAT(Names(with([](auto& r) { r.set_room(k302); })), ElementsAre(no_percent));
  EXPECT_THAT(Names(with([](auto& r) { r.set_organizer_unit("财政局"); })),
              ElementsAre(no_percent));
  EXPECT_THAT(Names(with([](auto& r) { r.set_organizer_unit("财政"); })), IsEmpty());
  EXPECT_THAT(Names(with([](auto& r) { r.set_state(v1::MEETING_STATE_CONFIRMED); })),
              ElementsAre(percent));
  EXPECT_THAT(Names(with([](auto& r) {
                r.set_state(v1::MEETING_STATE_SUBMITTED);
                r.set_title_contains("专题会");
                *r.mutable_date() = On(3).date();
              })),
              ElementsAre(underscore, no_underscore));

  // A listed meeting is its row and its hold; attendees, history etc. are GetMeeting's.
  v1::ListMeetingsRequest confirmed;
  confirmed.set_state(v1::MEETING_STATE_CONFIRMED);
  v1::ListMeetingsResponse listed;
  ASSERT_TRUE(stub_->ListMeetings(CallContext().get(), confirmed, &listed).ok());
  ASSERT_EQ(listed.meetings_size(), 1);
  EXPECT_EQ(api::FromTimestamp(listed.meetings(0).occupancy_start_time()), Local(3, 8, 30));
  EXPECT_EQ(listed.meetings(0).history_size(), 0);
  EXPECT_EQ(listed.meetings(0).etag(), Get(percent).etag());
}

TEST_F(MeetingQueryTest, PagesReturnEveryMeetingExactlyOnceInStartOrder) {
  // 23 meetings, several sharing a start time, so the key's tie-break on the id matters.
  std::set<std::string> all;
  for (int i = 0; i < 23; ++i) {
    all.insert(CreateAt(Local(5, 8 + i % 7), Local(5, 8 + i % 7, 45)));
  }
  std::vector<std::string> seen;
  absl::Time previous = absl::InfinitePast();
  v1::ListMeetingsRequest request;
  request.set_page_size(5);
  int pages = 0;
  do {
    v1::ListMeetingsResponse response;
    ASSERT_TRUE(stub_->ListMeetings(CallContext().get(), request, &response).ok());
    ASSERT_LE(response.meetings_size(), 5);
    for (const auto& meeting : response.meetings()) {
      EXPECT_GE(api::FromTimestamp(meeting.start_time()), previous);
      previous = api::FromTimestamp(meeting.start_time());
      seen.push_back(meeting.name());
    }
    request.set_page_token(response.next_page_token());
    ASSERT_LT(++pages, 10);
  } while (!request.page_token().empty());
  EXPECT_EQ(pages, 5);
  EXPECT_EQ(seen.size(), all.size());
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), all);
}

}  // namespace
}  // namespace huiwu::testing
