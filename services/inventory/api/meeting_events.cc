#include "services/inventory/api/meeting_events.h"

#include "common/api/field_checks.h"
#include "common/status/status_macros.h"
#include "huiwu/inventory/v1/inventory.pb.h"
#include "services/inventory/api/names.h"

namespace huiwu::inventory {
namespace {

constexpr int kMaxParticipants = 5000;
constexpr int kMaxOrganizerUnit = 100;

// Booking and inventory number the kinds of meeting alike (inventory.proto says "as
// booking names the kinds"), so a kind converts by its number.
static_assert(static_cast<int>(booking::v1::MEETING_KIND_INTERNAL) ==
              static_cast<int>(v1::MEETING_KIND_INTERNAL));
static_assert(static_cast<int>(booking::v1::MEETING_KIND_VIDEO_CONFERENCE) ==
              static_cast<int>(v1::MEETING_KIND_VIDEO_CONFERENCE));
static_assert(static_cast<int>(booking::v1::MeetingKind_MAX) ==
              static_cast<int>(v1::MeetingKind_MAX));

}  // namespace

absl::StatusOr<Kit> ParseMeetingForKit(const booking::v1::Meeting& meeting) {
  api::FieldChecks checks;
  auto id = ParseMeetingName(checks, "meeting.name", meeting.name());
  checks.Enum("meeting.kind", meeting.kind(), v1::MeetingKind_IsValid,
              /*allow_unspecified=*/false);
  checks.Int("meeting.expected_participants", meeting.expected_participants(), 1, kMaxParticipants);
  auto room = ParseRoom(checks, "meeting.room", meeting.room());
  checks.Text("meeting.organizer_unit", meeting.organizer_unit(), 0, kMaxOrganizerUnit);
  const auto start =
      checks.Time("meeting.start_time", meeting.has_start_time(), meeting.start_time());
  const auto end = checks.Time("meeting.end_time", meeting.has_end_time(), meeting.end_time());
  if (start.has_value() && end.has_value() && *end <= *start) {
    checks.Add("meeting.end_time", "must be after start_time");
  }
  RETURN_IF_ERROR(checks.status());
  Kit kit;
  kit.meeting_id = *id;
  kit.meeting_kind = static_cast<MeetingKind>(meeting.kind());
  kit.participant_count = meeting.expected_participants();
  kit.room = room->name();
  kit.organizer_unit = meeting.organizer_unit();
  kit.start_time = *start;
  kit.end_time = *end;
  return kit;
}

absl::StatusOr<std::string> ParseEventMeetingName(const booking::v1::Meeting& meeting) {
  api::FieldChecks checks;
  auto id = ParseMeetingName(checks, "meeting.name", meeting.name());
  RETURN_IF_ERROR(checks.status());
  return *id;
}

}  // namespace huiwu::inventory
