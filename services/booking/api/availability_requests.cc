#include "services/booking/api/availability_requests.h"

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/api/date.h"
#include "common/api/field_checks.h"
#include "common/api/resource_name.h"
#include "common/api/timestamp.h"
#include "common/status/status_macros.h"
#include "services/booking/api/catalog_requests.h"
#include "services/booking/api/meeting_requests.h"
#include "services/booking/domain/calendar.h"

namespace huiwu::booking {
namespace {

// One search covers at most a day: longer spans are several searches (a multi-day
// event books each day), and the bound keeps the occupancy query's range short.
constexpr absl::Duration kMaxSearchWindow = absl::Hours(24);

// The day asked for, required; checks name date.year, date.month or date.day.
absl::CivilDay ParseDate(api::FieldChecks& checks, bool present,
                         const huiwu::common::v1::Date& date) {
  if (!present) {
    checks.Add("date", "required: the day (or a day of the week) to show, in Asia/Shanghai");
    return absl::CivilDay();
  }
  return api::ParseDate(checks, "date", date).value_or(absl::CivilDay());
}

}  // namespace

absl::StatusOr<FindAvailableRoomsQuery> ParseFindAvailableRooms(
    const v1::FindAvailableRoomsRequest& request) {
  api::FieldChecks checks;
  FindAvailableRoomsQuery query;
  checks.Time("start_time", request.has_start_time(), request.start_time());
  checks.Time("end_time", request.has_end_time(), request.end_time());
  query.window =
      TimeWindow{api::FromTimestamp(request.start_time()), api::FromTimestamp(request.end_time())};
  if (checks.ok()) {
    if (query.window.end <= query.window.start) {
      checks.Add("end_time", "must be after start_time");
    } else if (query.window.end - query.window.start > kMaxSearchWindow) {
      checks.Add("end_time", "at most 24 hours after start_time; search each day separately");
    }
  }
  query.requirements = ParseRequirements(checks, "requirements", request.requirements());
  if (request.max_results() != 0) {
    checks.Int("max_results", request.max_results(), 1, kMaxMaxResults);
    query.max_results = request.max_results();
  }
  if (!request.organizer_unit().empty()) {
    // As a notice names its unit (Meeting.organizer_unit).
    checks.Text("organizer_unit", request.organizer_unit(), 1, 100);
    query.organizer_unit = request.organizer_unit();
  }
  checks.Enum("kind", request.kind(), v1::MeetingKind_IsValid, /*allow_unspecified=*/true);
  if (request.kind() != v1::MEETING_KIND_UNSPECIFIED) {
    query.kind = MeetingKindFromNumber(request.kind());
  }
  RETURN_IF_ERROR(checks.status());
  return query;
}

absl::StatusOr<RoomScheduleQuery> ParseGetRoomSchedule(const v1::GetRoomScheduleRequest& request) {
  api::FieldChecks checks;
  RoomScheduleQuery query;
  auto ids = api::ParseResourceName("room", request.room(), "buildings/{building}/rooms/{room}",
                                    /*allow_wildcard=*/true);
  if (!ids.ok()) {
    checks.AddFrom(ids.status());
  } else if ((*ids)[0] == "-" && (*ids)[1] != "-") {
    // Room ids repeat across buildings ("310" is in both), so a room alone names nothing.
    checks.Add("room",
               "a room id is unique only within its building: name the building "
               "(buildings/{building}/rooms/{room}) or ask for every room (buildings/-/rooms/-)");
  } else {
    if ((*ids)[0] != "-") query.building_id = (*ids)[0];
    if ((*ids)[1] != "-") query.room_id = (*ids)[1];
  }
  const absl::CivilDay day = ParseDate(checks, request.has_date(), request.date());
  checks.Enum("view", request.view(), v1::CalendarView_IsValid, /*allow_unspecified=*/true);
  RETURN_IF_ERROR(checks.status());
  query.window = request.view() == v1::CALENDAR_VIEW_WEEK ? WeekWindow(day, CenterTimeZone())
                                                          : DayWindow(day, CenterTimeZone());
  return query;
}

void ToProto(const AvailableRoom& available, v1::AvailableRoom* out) {
  ToProto(available.room, out->mutable_room());
  *out->mutable_occupancy_start_time() = api::ToTimestamp(available.hold.start);
  *out->mutable_occupancy_end_time() = api::ToTimestamp(available.hold.end);
}

void ToProto(const RoomSchedule& schedule, v1::RoomSchedule* out) {
  out->set_room(RoomName(schedule.room.building_id, schedule.room.room_id));
  out->set_room_display_name(schedule.room.display_name);
  for (const BusyBlock& block : schedule.busy) {
    auto* busy = out->add_busy();
    *busy->mutable_start_time() = api::ToTimestamp(block.hold.start);
    *busy->mutable_end_time() = api::ToTimestamp(block.hold.end);
    busy->set_meeting(absl::StrCat("meetings/", block.meeting_id));
    busy->set_title(block.title);
    busy->set_state(static_cast<v1::MeetingState>(NumberOf(block.state)));
    busy->set_confidential(block.confidential);
    busy->set_organizer_unit(block.organizer_unit);
  }
}

}  // namespace huiwu::booking
