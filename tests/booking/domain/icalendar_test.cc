#include "services/booking/domain/icalendar.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

const absl::Time kNow =
    absl::FromCivil(absl::CivilSecond(2026, 12, 1, 1, 0, 0), absl::UTCTimeZone());

// The physical lines of `text`, each of which must end with CRLF.
std::vector<std::string> PhysicalLines(const std::string& text) {
  EXPECT_TRUE(text.size() >= 2 && text.substr(text.size() - 2) == "\r\n");
  std::vector<std::string> lines = absl::StrSplit(text, "\r\n");
  lines.pop_back();  // after the last CRLF
  for (const std::string& line : lines) {
    EXPECT_EQ(line.find('\n'), std::string::npos) << "a bare LF in: " << line;
    EXPECT_EQ(line.find('\r'), std::string::npos) << "a bare CR in: " << line;
  }
  return lines;
}

// The content line again: continuation lines joined (RFC 5545 §3.1 unfolding).
std::string Unfold(const std::string& folded) {
  std::string out;
  for (const std::string& line : PhysicalLines(folded)) {
    out += line[0] == ' ' ? line.substr(1) : line;
  }
  return out;
}

bool IsValidUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    const int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (int k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

TEST(ICalendarTest, TextIsEscapedAsRfc5545Says) {
  EXPECT_EQ(EscapeText("a,b;c\\d"), "a\\,b\\;c\\\\d");
  EXPECT_EQ(EscapeText("第一行\n第二行\r\n第三行\r第四行"), "第一行\\n第二行\\n第三行\\n第四行");
  EXPECT_EQ(EscapeText("plain"), "plain");
}

TEST(ICalendarTest, LongLinesAreFoldedAt75OctetsWithoutSplittingACharacter) {
  // Every offset of a 3-octet character against the 75-octet boundary.
  for (const std::string prefix : {"SUMMARY:", "SUMMARY:x", "SUMMARY:xy"}) {
    std::string line = prefix;
    for (int i = 0; i < 60; ++i) line += "会";
    SCOPED_TRACE(prefix);
    const std::string folded = FoldLine(line);
    const std::vector<std::string> lines = PhysicalLines(folded);
    ASSERT_GT(lines.size(), 2u);
    for (size_t i = 0; i < lines.size(); ++i) {
      EXPECT_LE(lines[i].size(), 75u) << i;
      if (i > 0) {
        EXPECT_EQ(lines[i][0], ' ') << i;
      }
      EXPECT_TRUE(IsValidUtf8(i == 0 ? lines[i] : lines[i].substr(1))) << i;
    }
    EXPECT_EQ(Unfold(folded), line);
  }
  EXPECT_EQ(FoldLine(std::string(75, 'a')), std::string(75, 'a') + "\r\n");
  EXPECT_EQ(FoldLine(std::string(76, 'a')), std::string(75, 'a') + "\r\n a\r\n");
}

TEST(ICalendarTest, TimesAreUtcInBasicForm) { EXPECT_EQ(UtcDateTime(kNow), "20261201T010000Z"); }

TEST(ICalendarTest, AFeedShowsWhatHoldsTheRoomAndAUnitsFeedItsNoticesToo) {
  for (bool unit_feed : {false, true}) {
    EXPECT_FALSE(ShownInFeed(MeetingState::kRejected, unit_feed));
    EXPECT_FALSE(ShownInFeed(MeetingState::kCancelled, unit_feed));
    for (MeetingState held : {MeetingState::kConfirmed, MeetingState::kInProgress,
                              MeetingState::kCompleted, MeetingState::kArchived}) {
      EXPECT_TRUE(ShownInFeed(held, unit_feed));
    }
  }
  EXPECT_FALSE(ShownInFeed(MeetingState::kSubmitted, /*unit_feed=*/false));
  EXPECT_TRUE(ShownInFeed(MeetingState::kSubmitted, /*unit_feed=*/true));
}

TEST(ICalendarTest, AMeetingBecomesOneEventWithAStableUidAndTheTitleItIsGiven) {
  Meeting m;
  m.id = "00000000000000ab";
  m.title = "预算会, 第一次; 讨论";
  m.organizer_unit = "市财政局";
  m.window = {kNow, kNow + absl::Hours(2)};
  m.state = MeetingState::kSubmitted;
  m.version = 3;
  m.update_time = kNow - absl::Hours(1);
  EXPECT_EQ(EventOf(m, "市政府大楼 301会议室", "内部会议").summary, "内部会议")
      << "the title given (the caller's view of it), not the meeting's";
  const CalendarEvent event = EventOf(m, "市政府大楼 301会议室", m.title);
  EXPECT_EQ(event.uid, "00000000000000ab@booking.huiwu");
  EXPECT_EQ(event.summary, m.title);
  EXPECT_TRUE(event.tentative);
  EXPECT_EQ(event.sequence, 3);

  const std::string text = RenderCalendar("市财政局 会议", {event, event}, kNow);
  const std::string unfolded = Unfold(text);
  EXPECT_EQ(unfolded.rfind("BEGIN:VCALENDARVERSION:2.0", 0), 0u);
  EXPECT_NE(unfolded.find("SUMMARY:预算会\\, 第一次\\; 讨论"), std::string::npos);
  EXPECT_NE(unfolded.find("DTSTART:20261201T010000Z"), std::string::npos);
  EXPECT_NE(unfolded.find("DTEND:20261201T030000Z"), std::string::npos);
  EXPECT_NE(unfolded.find("STATUS:TENTATIVE"), std::string::npos);
  EXPECT_NE(unfolded.find("DESCRIPTION:主办单位：市财政局\\nmeetings/00000000000000ab"),
            std::string::npos);
  // Two events, every BEGIN with its END.
  size_t begins = 0;
  for (size_t at = text.find("BEGIN:VEVENT"); at != std::string::npos;
       at = text.find("BEGIN:VEVENT", at + 1)) {
    ++begins;
  }
  EXPECT_EQ(begins, 2u);
  EXPECT_EQ(text.substr(text.size() - 15), "END:VCALENDAR\r\n");
}

}  // namespace
}  // namespace huiwu::booking
