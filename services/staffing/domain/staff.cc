#include "services/staffing/domain/staff.h"

namespace huiwu::staffing {

absl::string_view RoleName(Role role) {
  switch (role) {
    case Role::kSupervisor:
      return "SUPERVISOR";
    case Role::kLobbyManager:
      return "LOBBY_MANAGER";
    case Role::kInformationClerk:
      return "INFORMATION_CLERK";
    case Role::kAudioTechnician:
      return "AUDIO_TECHNICIAN";
    case Role::kAttendant:
      return "ATTENDANT";
  }
  return "UNKNOWN";
}

absl::string_view QualificationName(QualificationKind kind) {
  switch (kind) {
    case QualificationKind::kFireSafety:
      return "FIRE_SAFETY";
    case QualificationKind::kVipEtiquette:
      return "VIP_ETIQUETTE";
    case QualificationKind::kAudioConsole:
      return "AUDIO_CONSOLE";
  }
  return "UNKNOWN";
}

}  // namespace huiwu::staffing
