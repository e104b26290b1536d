#include "services/staffing/domain/meeting_events.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"

namespace huiwu::staffing {
namespace {

// Equipment run from the audio console (音控): the notice asking for it means the
// sound system is used.
bool NeedsAudioConsole(BookedEquipment e) {
  switch (e) {
    case BookedEquipment::kVideoConferencing:
    case BookedEquipment::kSoundSystem:
    case BookedEquipment::kMicrophones:
    case BookedEquipment::kSimultaneousInterpretation:
    case BookedEquipment::kRecording:
      return true;
    default:
      return false;
  }
}

// Words of a notice's materials text (材料及设备) that ask for sound.
constexpr const char* kSoundWords[] = {"话筒", "麦克风",   "音响", "扩音",
                                       "同传", "同声传译", "录音"};

MeetingKind StaffingKindOf(BookedKind kind) {
  switch (kind) {
    case BookedKind::kExternalExchange:
    case BookedKind::kVipReception:
      return MeetingKind::kExternal;
    case BookedKind::kSeminar:
      return MeetingKind::kConference;
    case BookedKind::kVideoConference:
      return MeetingKind::kVideoConference;
    default:
      return MeetingKind::kInternal;
  }
}

absl::Status NotStaffable(const BookedMeeting& meeting, absl::string_view why) {
  return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "MEETING_NOT_STAFFABLE",
                         absl::StrCat("meetings/", meeting.meeting_id, " ", why,
                                      "; set its staffing requirement with "
                                      "SetStaffingRequirement instead"),
                         {{"meeting", absl::StrCat("meetings/", meeting.meeting_id)}});
}

}  // namespace

absl::StatusOr<StaffingRequirement> DeriveRequirement(const BookedMeeting& meeting) {
  if (meeting.building_id.empty() || meeting.room_id.empty()) {
    return NotStaffable(meeting, "has no room");
  }
  if (meeting.window.end <= meeting.window.start) {
    return NotStaffable(meeting, "ends before it starts");
  }
  if (meeting.window.end - meeting.window.start > kLongestMeeting) {
    return NotStaffable(meeting, "is longer than 24 hours, staffing's longest duty");
  }
  StaffingRequirement r;
  r.meeting_id = meeting.meeting_id;
  r.meeting = meeting.window;
  r.building_id = meeting.building_id;
  r.room_id = meeting.room_id;
  r.participants = std::clamp(meeting.expected_participants, 1, kMaxParticipants);
  r.kind = StaffingKindOf(meeting.kind);
  // 贵宾接待: a VIP reception serves VIP guests by definition.
  r.vip = meeting.vip_required || meeting.kind == BookedKind::kVipReception;
  r.sound_used = std::any_of(meeting.equipment.begin(), meeting.equipment.end(), NeedsAudioConsole);
  for (const char* word : kSoundWords) {
    if (meeting.materials.find(word) != std::string::npos) r.sound_used = true;
  }
  return r;
}

StaffingRequirement MergeDerived(const StaffingRequirement& derived,
                                 const std::optional<StaffingRequirement>& current) {
  StaffingRequirement merged = derived;
  if (!current.has_value()) return merged;
  // The dispatch hub's own choices for this meeting outlive booking's changes to it.
  merged.arrive_before_minutes = current->arrive_before_minutes;
  merged.stay_after_minutes = current->stay_after_minutes;
  merged.overrides = current->overrides;
  merged.state = current->state;
  merged.version = current->version;
  return merged;
}

bool SameRequirement(const StaffingRequirement& a, const StaffingRequirement& b) {
  return a.meeting_id == b.meeting_id && a.meeting.start == b.meeting.start &&
         a.meeting.end == b.meeting.end && a.building_id == b.building_id &&
         a.room_id == b.room_id && a.participants == b.participants && a.kind == b.kind &&
         a.vip == b.vip && a.sound_used == b.sound_used &&
         a.arrive_before_minutes == b.arrive_before_minutes &&
         a.stay_after_minutes == b.stay_after_minutes && a.overrides == b.overrides;
}

MeetingEffect EffectOf(MeetingEventType type, BookedState state) {
  switch (type) {
    case MeetingEventType::kConfirmed:
    case MeetingEventType::kRescheduled:
    case MeetingEventType::kUpdated:
      return state == BookedState::kConfirmed ? MeetingEffect::kStaff : MeetingEffect::kNone;
    case MeetingEventType::kCancelled:
    case MeetingEventType::kRejected:
    case MeetingEventType::kNoShowReleased:
      return MeetingEffect::kRelease;
    case MeetingEventType::kCompleted:
      return MeetingEffect::kClose;
  }
  return MeetingEffect::kNone;
}

UnassignReason ReleaseReasonOf(MeetingEventType type) {
  return type == MeetingEventType::kNoShowReleased ? UnassignReason::kMeetingReleased
                                                   : UnassignReason::kMeetingCancelled;
}

ReconcilePlan PlanReconcile(const StaffingRequirement& requirement,
                            const std::vector<AssignmentCheck>& existing) {
  ReconcilePlan plan;
  std::map<Role, std::vector<const Assignment*>> fitting;
  for (const AssignmentCheck& check : existing) {
    if (!check.reasons.empty()) {
      plan.release.push_back(
          Release{check.assignment, UnassignReason::kNoLongerEligible, check.reasons});
    } else {
      fitting[check.assignment.role].push_back(&check.assignment);
    }
  }
  const std::map<Role, int> counts = RoleCounts(requirement);
  for (auto& [role, people] : fitting) {
    std::sort(people.begin(), people.end(), [](const Assignment* a, const Assignment* b) {
      if (a->checked_in() != b->checked_in()) return a->checked_in();
      return a->staff_id < b->staff_id;
    });
    const auto wanted = counts.find(role);
    const size_t keep = wanted == counts.end() ? 0 : static_cast<size_t>(wanted->second);
    for (size_t i = 0; i < people.size(); ++i) {
      if (i < keep) {
        plan.keep.push_back(*people[i]);
      } else {
        plan.release.push_back(Release{*people[i], UnassignReason::kNotNeeded, {}});
      }
    }
  }
  return plan;
}

std::map<Role, int> AssignedCounts(const std::vector<Assignment>& assignments) {
  std::map<Role, int> counts;
  for (const Assignment& a : assignments) ++counts[a.role];
  return counts;
}

std::string ShortfallKey(const std::map<Role, int>& shortfall) {
  std::vector<std::string> parts;
  for (const auto& [role, count] : shortfall) {
    if (count > 0) parts.push_back(absl::StrCat(RoleName(role), ":", count));
  }
  return absl::StrJoin(parts, ",");
}

}  // namespace huiwu::staffing
