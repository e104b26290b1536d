#include "services/staffing/domain/requirement.h"

namespace huiwu::staffing {

std::map<Role, int> RoleCounts(const StaffingRequirement& requirement) {
  std::map<Role, int> counts;
  counts[Role::kAttendant] = std::max(
      1, (requirement.participants + kParticipantsPerAttendant - 1) / kParticipantsPerAttendant);
  if (requirement.sound_used || requirement.kind == MeetingKind::kVideoConference) {
    counts[Role::kAudioTechnician] = 1;
  }
  if (requirement.vip || requirement.kind == MeetingKind::kConference) {
    counts[Role::kLobbyManager] = 1;
  }
  for (const auto& [role, count] : requirement.overrides) counts[role] = count;
  std::erase_if(counts, [](const auto& entry) { return entry.second <= 0; });
  return counts;
}

std::vector<QualificationKind> RequiredQualifications(const StaffingRequirement& requirement,
                                                      Role role) {
  std::vector<QualificationKind> required = {QualificationKind::kFireSafety};
  // The technician works from the sound booth, not face to face with the guests.
  if (requirement.vip && role != Role::kAudioTechnician && role != Role::kInformationClerk) {
    required.push_back(QualificationKind::kVipEtiquette);
  }
  if (role == Role::kAudioTechnician) required.push_back(QualificationKind::kAudioConsole);
  return required;
}

}  // namespace huiwu::staffing
