#include "services/booking/domain/icalendar.h"

#include "absl/strings/str_cat.h"
#include "services/booking/domain/meeting_state.h"

namespace huiwu::booking {
namespace {

constexpr size_t kMaxLineOctets = 75;
constexpr char kCrlf[] = "\r\n";

bool IsContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }

void AddLine(std::string& out, absl::string_view name, absl::string_view value) {
  out += FoldLine(absl::StrCat(name, ":", value));
}

}  // namespace

bool ShownInFeed(MeetingState state, bool unit_feed) {
  if (OccupiesRoom(state)) return true;
  return unit_feed && state == MeetingState::kSubmitted;
}

CalendarEvent EventOf(const Meeting& meeting, absl::string_view location, absl::string_view title) {
  CalendarEvent event;
  event.uid = absl::StrCat(meeting.id, "@booking.huiwu");
  event.start = meeting.window.start;
  event.end = meeting.window.end;
  event.summary = std::string(title);
  event.location = std::string(location);
  event.description = absl::StrCat("主办单位：", meeting.organizer_unit, "\nmeetings/", meeting.id);
  event.tentative = meeting.state == MeetingState::kSubmitted;
  event.sequence = meeting.version;
  event.last_modified = meeting.update_time;
  return event;
}

std::string EscapeText(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        // CRLF is one line break; a lone CR is one too.
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string FoldLine(absl::string_view line) {
  std::string out;
  size_t pos = 0;
  size_t budget = kMaxLineOctets;  // the first line; continuations lose one to the space
  while (line.size() - pos > budget) {
    size_t cut = pos + budget;
    while (cut > pos && IsContinuationByte(static_cast<unsigned char>(line[cut]))) --cut;
    absl::StrAppend(&out, line.substr(pos, cut - pos));
    out += kCrlf;
    out += ' ';
    pos = cut;
    budget = kMaxLineOctets - 1;
  }
  absl::StrAppend(&out, line.substr(pos));
  out += kCrlf;
  return out;
}

std::string UtcDateTime(absl::Time t) {
  return absl::FormatTime("%Y%m%dT%H%M%SZ", t, absl::UTCTimeZone());
}

std::string RenderCalendar(absl::string_view calendar_name,
                           const std::vector<CalendarEvent>& events, absl::Time now) {
  std::string out;
  AddLine(out, "BEGIN", "VCALENDAR");
  AddLine(out, "VERSION", "2.0");
  AddLine(out, "PRODID", "-//huiwu//booking service//ZH");
  AddLine(out, "CALSCALE", "GREGORIAN");
  AddLine(out, "METHOD", "PUBLISH");
  AddLine(out, "X-WR-CALNAME", EscapeText(calendar_name));
  // Times are UTC (…Z), which every client converts; this only tells clients that show
  // a feed's own zone which one the center works in.
  AddLine(out, "X-WR-TIMEZONE", "Asia/Shanghai");
  const std::string stamp = UtcDateTime(now);
  for (const CalendarEvent& e : events) {
    AddLine(out, "BEGIN", "VEVENT");
    AddLine(out, "UID", EscapeText(e.uid));
    AddLine(out, "DTSTAMP", stamp);
    AddLine(out, "DTSTART", UtcDateTime(e.start));
    AddLine(out, "DTEND", UtcDateTime(e.end));
    AddLine(out, "SUMMARY", EscapeText(e.summary));
    if (!e.location.empty()) AddLine(out, "LOCATION", EscapeText(e.location));
    AddLine(out, "DESCRIPTION", EscapeText(e.description));
    AddLine(out, "STATUS", e.tentative ? "TENTATIVE" : "CONFIRMED");
    AddLine(out, "SEQUENCE", absl::StrCat(e.sequence));
    if (e.last_modified != absl::Time()) {
      AddLine(out, "LAST-MODIFIED", UtcDateTime(e.last_modified));
    }
    AddLine(out, "END", "VEVENT");
  }
  AddLine(out, "END", "VCALENDAR");
  return out;
}

}  // namespace huiwu::booking
