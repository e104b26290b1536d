#include "services/booking/api/meeting_list_requests.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/api/date.h"
#include "common/api/page_token.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "services/booking/api/catalog_requests.h"
#include "services/booking/domain/calendar.h"

namespace huiwu::booking {
namespace {

constexpr int kMaxUnit = 100;
constexpr int kMaxTitleFilter = 100;

// One part of the canonical filter text, length-prefixed so that no value (an organizer
// unit may contain any character) can be mistaken for two.
std::string Part(absl::string_view value) { return absl::StrCat(value.size(), ":", value, "|"); }

}  // namespace

absl::StatusOr<ListMeetingsQuery> ParseListMeetings(const v1::ListMeetingsRequest& request) {
  api::FieldChecks checks;
  ListMeetingsQuery query;
  query.page_size =
      checks.PageSize("page_size", request.page_size(), kDefaultPageSize, kMaxPageSize);
  checks.Enum("view", request.view(), v1::CalendarView_IsValid, /*allow_unspecified=*/true);
  if (request.has_date()) {
    std::optional<absl::CivilDay> day = api::ParseDate(checks, "date", request.date());
    if (day.has_value()) {
      // The center's days and weeks (Monday to Sunday) in Asia/Shanghai: a meeting at
      // 23:30 local time belongs to that day, though it is 15:30 UTC.
      query.filter.starts_within = request.view() == v1::CALENDAR_VIEW_WEEK
                                       ? WeekWindow(*day, CenterTimeZone())
                                       : DayWindow(*day, CenterTimeZone());
    }
  } else if (request.view() != v1::CALENDAR_VIEW_UNSPECIFIED) {
    checks.Add("view", "a view needs a date; set date to the day (or a day of the week)");
  }
  if (!request.room().empty()) {
    auto room = ParseRoomName("room", request.room());
    if (room.ok()) {
      query.filter.building_id = room->building_id;
      query.filter.room_id = room->room_id;
    } else {
      checks.AddFrom(room.status());
    }
  }
  if (!request.organizer_unit().empty()) {
    checks.Text("organizer_unit", request.organizer_unit(), 1, kMaxUnit);
    query.filter.organizer_unit = request.organizer_unit();
  }
  checks.Enum("state", request.state(), v1::MeetingState_IsValid, /*allow_unspecified=*/true);
  if (request.state() != v1::MEETING_STATE_UNSPECIFIED) {
    query.filter.state = MeetingStateFromNumber(request.state());
  }
  if (!request.title_contains().empty()) {
    checks.Text("title_contains", request.title_contains(), 1, kMaxTitleFilter);
    query.filter.title_contains = request.title_contains();
  }
  RETURN_IF_ERROR(checks.status());

  const MeetingFilter& f = query.filter;
  query.filter_text = absl::StrCat(
      "meetings|",
      Part(f.starts_within.has_value() ? absl::StrCat(absl::ToUnixMicros(f.starts_within->start),
                                                      "-", absl::ToUnixMicros(f.starts_within->end))
                                       : ""),
      Part(f.building_id), Part(f.room_id), Part(f.organizer_unit),
      Part(f.state.has_value() ? absl::StrCat(NumberOf(*f.state)) : ""), Part(f.title_contains));
  ASSIGN_OR_RETURN(std::vector<std::string> after,
                   api::DecodePageToken("page_token", request.page_token(), query.filter_text, 2));
  if (!after.empty()) {
    int64_t micros = 0;
    if (!absl::SimpleAtoi(after[0], &micros) || after[1].empty()) {
      return InvalidFieldError("page_token",
                               "not a page token of this list; pass next_page_token unchanged");
    }
    query.after_start = absl::FromUnixMicros(micros);
    query.after_id = after[1];
  }
  return query;
}

std::string NextMeetingsPageToken(const ListMeetingsQuery& query, const Meeting& last) {
  return api::EncodePageToken(query.filter_text,
                              {absl::StrCat(absl::ToUnixMicros(last.window.start)), last.id});
}

}  // namespace huiwu::booking
