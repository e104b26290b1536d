// GetCalendarFeed through real gRPC against MariaDB, the feed read back by a real
// iCalendar parser (Debian's python3-icalendar): what Outlook and other clients see.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/child_process.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
namespace fs = std::filesystem;
using ::testing::ElementsAre;

constexpr char kPython[] = "/usr/bin/python3";
constexpr char k301[] = "buildings/city-hall/rooms/301";
constexpr char k302[] = "buildings/city-hall/rooms/302";

// Parses the file named by argv[1] with icalendar and prints, hex-encoded, the calendar's
// VERSION and each VEVENT's UID, SUMMARY, DTSTART, DTEND (ISO, as the parser decodes them),
// STATUS, LOCATION and DTSTAMP, one line each. Hex keeps any text intact on the way back.
constexpr char kParser[] = R"(
import sys, icalendar
h = lambda s: str(s).encode('utf-8').hex()
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
assert cal.name == 'VCALENDAR', cal.name
print('CAL', h(cal['VERSION']), h(cal['PRODID']))
for e in cal.walk('VEVENT'):
    print('EVENT', h(e['UID']), h(e['SUMMARY']), h(e.decoded('DTSTART').isoformat()),
          h(e.decoded('DTEND').isoformat()), h(e['STATUS']), h(e.get('LOCATION', '')),
          h(e.decoded('DTSTAMP').isoformat()))
)";

struct ParsedEvent {
  std::string uid, summary, start, end, status, location, stamp;
};

struct ParsedCalendar {
  std::string version;
  std::vector<ParsedEvent> events;
};

bool ParserInstalled() {
  ChildProcess probe({kPython, "-c", "import icalendar"}, {});
  const std::optional<int> exit = probe.WaitForExit(absl::Seconds(60));
  return exit.has_value() && *exit == 0;
}

class CalendarFeedTest : public BookingFixture {
 protected:
  void SetUp() override {
    if (access(kPython, X_OK) != 0 || !ParserInstalled()) {
      GTEST_SKIP() << "needs Debian's python3-icalendar (/usr/bin/python3 -c 'import "
                      "icalendar'); scripts/lib/deps.sh installs it";
    }
    BookingFixture::SetUp();
    std::string pattern = (fs::temp_directory_path() / "huiwu-ics-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    SeedRooms(*stub_);
  }

  void TearDown() override {
    BookingFixture::TearDown();
    std::error_code ignored;
    if (!dir_.empty()) fs::remove_all(dir_, ignored);
  }

  v1::GetCalendarFeedResponse Feed(v1::GetCalendarFeedRequest request) {
    request.mutable_start_date()->set_year(2026);
    request.mutable_start_date()->set_month(12);
    request.mutable_start_date()->set_day(1);
    request.mutable_end_date()->set_year(2026);
    request.mutable_end_date()->set_month(12);
    request.mutable_end_date()->set_day(31);
    v1::GetCalendarFeedResponse response;
    const grpc::Status status = stub_->GetCalendarFeed(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  ParsedCalendar Parse(const std::string& content) {
    const fs::path file = dir_ / absl::StrCat("feed-", ++files_, ".ics");
    {
      std::ofstream out(file, std::ios::binary);
      out << content;
    }
    ChildProcess parser({kPython, "-c", kParser, file.string()}, {});
    const std::optional<int> exit = parser.WaitForExit(absl::Seconds(60));
    const std::string log = parser.Log();
    EXPECT_TRUE(exit.has_value() && *exit == 0) << "the parser refused the feed: " << log;
    ParsedCalendar calendar;
    for (absl::string_view line : absl::StrSplit(log, '\n')) {
      std::vector<std::string> f = absl::StrSplit(line, ' ');
      for (size_t i = 1; i < f.size(); ++i) f[i] = absl::HexStringToBytes(f[i]);
      if (f[0] == "CAL" && f.size() == 3) calendar.version = f[1];
      if (f[0] == "EVENT" && f.size() == 8) {
        calendar.events.push_back({f[1], f[2], f[3], f[4], f[5], f[6], f[7]});
      }
    }
    return calendar;
  }

  std::string Create(v1::Meeting meeting) {
    v1::Meeting created;
    EXPECT_TRUE(CreateMeeting(*stub_, meeting, &created).ok());
    return created.name();
  }

  fs::path dir_;
  int files_ = 0;
};

// The meeting id of `name`, as in the UID.
std::string IdOf(const std::string& name) { return name.substr(std::string("meetings/").size()); }

TEST_F(CalendarFeedTest, ARoomsFeedParsesAsICalendarWithEveryTitleIntact) {
  // Characters the format must escape, and a title far longer than one 75-octet line.
  const std::string tricky = "预算会, 第一次; 讨论 C:\\资料\\议程";
  std::string long_title;
  for (int i = 0; i < 40; ++i) long_title += "会";
  v1::Meeting a = SampleMeeting(k301, Local(3, 9), Local(3, 10, 30));
  a.set_title(tricky);
  const std::string first = Create(a);
  ASSERT_TRUE(ConfirmMeeting(*stub_, first).ok());
  v1::Meeting b = SampleMeeting(k301, Local(4, 14), Local(4, 16));
  b.set_title(long_title);
  const std::string second = Create(b);
  ASSERT_TRUE(ConfirmMeeting(*stub_, second).ok());
  // Not in 301's feed: a notice not confirmed, a cancelled meeting, another room's.
  Create(SampleMeeting(k301, Local(5, 9), Local(5, 10)));
  const std::string cancelled = BookMeeting(*stub_, k301, Local(6, 9), Local(6, 10));
  v1::CancelMeetingRequest cancel;
  cancel.set_name(cancelled);
  cancel.set_reason("改期");
  v1::CancelMeetingResponse cancelled_response;
  ASSERT_TRUE(stub_->CancelMeeting(CallContext().get(), cancel, &cancelled_response).ok());
  ASSERT_FALSE(BookMeeting(*stub_, k302, Local(3, 9), Local(3, 10)).empty());

  v1::GetCalendarFeedRequest request;
  request.set_room(k301);
  const v1::GetCalendarFeedResponse feed = Feed(request);
  EXPECT_EQ(feed.content_type(), "text/calendar; charset=utf-8");
  EXPECT_EQ(feed.event_count(), 2);
  EXPECT_FALSE(feed.truncated());

  // CRLF line endings only, and no physical line over 75 octets.
  const std::string& text = feed.content();
  ASSERT_TRUE(absl::EndsWith(text, "\r\n"));
  std::vector<std::string> lines = absl::StrSplit(text, "\r\n");
  lines.pop_back();
  bool folded = false;
  for (const std::string& line : lines) {
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos) << line;
    folded = folded || absl::StartsWith(line, " ");
  }
  EXPECT_TRUE(folded) << "the long title must have been folded";

  const ParsedCalendar calendar = Parse(text);
  EXPECT_EQ(calendar.version, "2.0");
  ASSERT_EQ(calendar.events.size(), 2u);
  const ParsedEvent& e1 = calendar.events[0];
  EXPECT_EQ(e1.uid, IdOf(first) + "@booking.huiwu");
  EXPECT_EQ(e1.summary, tricky);
  // 09:00–10:30 in Asia/Shanghai is 01:00–02:30 UTC.
  EXPECT_EQ(e1.start, "2026-12-03T01:00:00+00:00");
  EXPECT_EQ(e1.end, "2026-12-03T02:30:00+00:00");
  EXPECT_EQ(e1.status, "CONFIRMED");
  EXPECT_EQ(e1.location, "市政府大楼 301会议室");
  EXPECT_EQ(e1.stamp, "2026-12-01T01:00:00+00:00");
  EXPECT_EQ(calendar.events[1].uid, IdOf(second) + "@booking.huiwu");
  EXPECT_EQ(calendar.events[1].summary, long_title);
}

TEST_F(CalendarFeedTest, AUnitsFeedHasItsNoticesAsTentativeAndKeepsEachMeetingsUid) {
  const std::string held = BookMeeting(*stub_, k302, Local(3, 9), Local(3, 10));
  ASSERT_FALSE(held.empty());
  const std::string notice = Create(SampleMeeting("", Local(7, 14), Local(7, 15)));
  v1::Meeting other = SampleMeeting(k301, Local(3, 9), Local(3, 10));
  other.set_organizer_unit("市财政局");
  ASSERT_TRUE(ConfirmMeeting(*stub_, Create(other)).ok());

  v1::GetCalendarFeedRequest request;
  request.set_organizer_unit("办公室");
  const ParsedCalendar calendar = Parse(Feed(request).content());
  ASSERT_EQ(calendar.events.size(), 2u);
  EXPECT_EQ(calendar.events[0].uid, IdOf(held) + "@booking.huiwu");
  EXPECT_EQ(calendar.events[0].status, "CONFIRMED");
  EXPECT_EQ(calendar.events[1].uid, IdOf(notice) + "@booking.huiwu");
  EXPECT_EQ(calendar.events[1].status, "TENTATIVE");
  EXPECT_EQ(calendar.events[1].location, "");

  // The same meeting is the same event in the room's feed and in a later fetch, so a
  // subscribed client updates it instead of adding a copy.
  clock_.Advance(absl::Hours(1));
  v1::GetCalendarFeedRequest room;
  room.set_room(k302);
  const ParsedCalendar later = Parse(Feed(room).content());
  ASSERT_EQ(later.events.size(), 1u);
  EXPECT_EQ(later.events[0].uid, calendar.events[0].uid);
  EXPECT_EQ(later.events[0].start, calendar.events[0].start);
  EXPECT_EQ(later.events[0].stamp, "2026-12-01T02:00:00+00:00");
}

TEST_F(CalendarFeedTest, AnUnknownRoomIsNotFound) {
  v1::GetCalendarFeedRequest request;
  request.set_room("buildings/city-hall/rooms/999");
  request.mutable_start_date()->set_year(2026);
  request.mutable_start_date()->set_month(12);
  request.mutable_start_date()->set_day(1);
  *request.mutable_end_date() = request.start_date();
  v1::GetCalendarFeedResponse response;
  const grpc::Status status = stub_->GetCalendarFeed(CallContext().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
  EXPECT_EQ(DetailsOf(status).reason, "ROOM_NOT_FOUND");
}

}  // namespace
}  // namespace huiwu::testing
