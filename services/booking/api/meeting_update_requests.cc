#include "services/booking/api/meeting_update_requests.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/api/field_checks.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "services/booking/api/meeting_requests.h"

namespace huiwu::booking {
namespace {

constexpr char kUpdatablePaths[] =
    "title, kind, organizer_unit, contact, requirements, expected_participants, attendees, "
    "agenda, services, materials, budget_fen, safety_measures, notes, confidential, summary";

const absl::flat_hash_map<std::string, uint32_t>& MeetingMaskPaths() {
  static const auto* paths = new absl::flat_hash_map<std::string, uint32_t>{
      {"title", kMeetingTitle},
      {"kind", kMeetingKind},
      {"organizer_unit", kMeetingOrganizerUnit},
      {"contact", kMeetingContact},
      {"requirements", kMeetingRequirements},
      {"expected_participants", kMeetingExpectedParticipants},
      {"attendees", kMeetingAttendees},
      {"agenda", kMeetingAgenda},
      {"services", kMeetingServices},
      {"materials", kMeetingMaterials},
      {"budget_fen", kMeetingBudget},
      {"safety_measures", kMeetingSafetyMeasures},
      {"notes", kMeetingNotes},
      {"summary", kMeetingSummary},
      {"confidential", kMeetingConfidential},
  };
  return *paths;
}

// Paths that name real fields which UpdateMeeting does not change, with where to go.
std::string WhyNotUpdatable(absl::string_view path) {
  if (path == "start_time" || path == "end_time" || path == "room" || path == "setup_minutes" ||
      path == "cleanup_minutes") {
    return absl::StrCat(
        "\"", path,
        "\" changes the room's hold; use RescheduleMeeting. Updatable: ", kUpdatablePaths);
  }
  return absl::StrCat("unknown or output-only field \"", path, "\"; updatable: ", kUpdatablePaths);
}

}  // namespace

absl::StatusOr<UpdateMeetingCommand> ParseUpdateMeeting(const v1::UpdateMeetingRequest& request) {
  api::FieldChecks checks;
  if (!request.has_meeting()) {
    checks.Add("meeting", "required: the meeting with its name and the new values");
    return checks.status();
  }
  UpdateMeetingCommand command;
  auto id = ParseMeetingName("meeting.name", request.meeting().name());
  if (id.ok()) {
    command.meeting_id = *id;
  } else {
    checks.AddFrom(id.status());
  }
  if (request.meeting().etag().size() > 64) {
    checks.Add("meeting.etag",
               "not an etag of this service; pass the etag of the meeting you read");
  }
  command.etag = request.meeting().etag();
  checks.Enum("scope", request.scope(), v1::SeriesScope_IsValid, /*allow_unspecified=*/true);
  command.following = request.scope() == v1::SERIES_SCOPE_THIS_AND_FOLLOWING;

  const auto& paths = request.update_mask().paths();
  if (paths.empty()) {
    checks.Add("update_mask",
               absl::StrCat("required: name the fields to change, of: ", kUpdatablePaths));
  }
  for (int i = 0; i < paths.size(); ++i) {
    auto it = MeetingMaskPaths().find(paths[i]);
    if (it == MeetingMaskPaths().end()) {
      checks.Add(absl::StrCat("update_mask.paths[", i, "]"), WhyNotUpdatable(paths[i]));
      continue;
    }
    command.details |= it->second;
  }
  if (command.following && (command.details & kMeetingSummary)) {
    // A summary records what happened at one meeting; later occurrences have their own.
    checks.Add("scope", "a summary belongs to one meeting; update it with THIS_MEETING");
  }
  CheckMeetingDetails(checks, request.meeting(), "meeting", command.details, command.patch);
  RETURN_IF_ERROR(checks.status());
  return command;
}

absl::Status ApplyMeetingUpdate(const UpdateMeetingCommand& command, const SchedulingPolicy& policy,
                                Meeting& meeting) {
  const uint32_t d = command.details;
  const Meeting& p = command.patch;
  if (d & kMeetingKind) {
    const absl::Duration longest = policy.LimitsFor(p.kind).max_length;
    if (meeting.window.end - meeting.window.start > longest) {
      return InvalidFieldError(
          "meeting.kind",
          absl::StrCat(std::string(MeetingKindName(p.kind)), " meetings last at most ",
                       absl::FormatDuration(longest), "; ", meeting.id, " lasts ",
                       absl::FormatDuration(meeting.window.end - meeting.window.start),
                       ": shorten it with RescheduleMeeting first"));
    }
    meeting.kind = p.kind;
  }
  if (d & kMeetingTitle) meeting.title = p.title;
  if (d & kMeetingOrganizerUnit) meeting.organizer_unit = p.organizer_unit;
  if (d & kMeetingContact) {
    meeting.contact_name = p.contact_name;
    meeting.contact_phone = p.contact_phone;
  }
  if (d & kMeetingRequirements) meeting.requirements = p.requirements;
  if (d & kMeetingExpectedParticipants) meeting.expected_participants = p.expected_participants;
  if (d & kMeetingAttendees) meeting.attendees = p.attendees;
  if (d & kMeetingAgenda) meeting.agenda = p.agenda;
  if (d & kMeetingServices) meeting.services = p.services;
  if (d & kMeetingMaterials) meeting.materials = p.materials;
  if (d & kMeetingBudget) meeting.budget_fen = p.budget_fen;
  if (d & kMeetingSafetyMeasures) meeting.safety_measures = p.safety_measures;
  if (d & kMeetingNotes) meeting.notes = p.notes;
  if (d & kMeetingSummary) meeting.summary = p.summary;
  if (d & kMeetingConfidential) meeting.confidential = p.confidential;
  return absl::OkStatus();
}

}  // namespace huiwu::booking
