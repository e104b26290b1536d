// The center's people as staffing knows them: plain C++ (no gRPC, SQL or protobuf).
// The enum numbers are the API's and the database's.
#ifndef HUIWU_SERVICES_STAFFING_DOMAIN_STAFF_H_
#define HUIWU_SERVICES_STAFFING_DOMAIN_STAFF_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace huiwu::staffing {

// The staffing plan's roles: 主管, 大堂经理, 信息处理, 音控, 会议服务员.
enum class Role { kSupervisor = 1, kLobbyManager, kInformationClerk, kAudioTechnician, kAttendant };
inline constexpr Role kAllRoles[] = {Role::kSupervisor, Role::kLobbyManager,
                                     Role::kInformationClerk, Role::kAudioTechnician,
                                     Role::kAttendant};

// 消防培训, VIP etiquette, audio console.
enum class QualificationKind { kFireSafety = 1, kVipEtiquette, kAudioConsole };

enum class StaffState { kActive = 1, kSuspended, kTransferred };

enum class LeaveState { kRequested = 1, kApproved, kRejected };

// No leave and no on-call slot is longer. Requests beyond are refused (api/), and the
// store's overlap queries are bounded below by these, so they read an index range: one
// constant each, or a drift between the two would silently miss overlaps.
inline constexpr absl::Duration kLongestLeave = absl::Hours(24 * 90);
inline constexpr absl::Duration kLongestOnCall = absl::Hours(24 * 31);

enum class MeetingKind { kInternal = 1, kExternal, kConference, kVideoConference };

// 公开批评、罚款、调离岗位.
enum class DisciplineKind { kPublicCriticism = 1, kFine, kTransfer };

absl::string_view RoleName(Role role);                     // "ATTENDANT"
absl::string_view QualificationName(QualificationKind k);  // "FIRE_SAFETY"

// [start, end), start < end.
struct TimeWindow {
  absl::Time start;
  absl::Time end;
  bool Overlaps(const TimeWindow& other) const { return start < other.end && other.start < end; }
};

struct Qualification {
  QualificationKind kind = QualificationKind::kFireSafety;
  absl::CivilDay valid_until;  // the last valid day, center time
};

struct Staff {
  std::string id;
  std::string staff_number;
  std::string display_name;
  std::string phone;
  std::string section;
  Role role = Role::kAttendant;
  std::vector<Qualification> qualifications;
  StaffState state = StaffState::kActive;
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
};

// A weekly working period in center time: weekday 1 (Monday) … 7, minutes of the day.
struct Shift {
  int weekday = 1;
  int start_minute = 0;
  int end_minute = 0;
};

struct Leave {
  std::string id;
  std::string staff_id;
  TimeWindow window;
  std::string reason;
  LeaveState state = LeaveState::kRequested;
  std::string approver;
  std::string decision_note;
  absl::Time create_time;
  absl::Time decide_time = absl::InfinitePast();  // InfinitePast: not decided
};

struct OnCallSlot {
  std::string staff_id;
  Role role = Role::kAttendant;
  TimeWindow window;
};

struct DisciplineRecord {
  std::string id;
  std::string staff_id;
  DisciplineKind kind = DisciplineKind::kPublicCriticism;
  std::string reason;
  std::string recorder;
  int64_t fine_fen = 0;
  absl::Time record_time;
};

// A person on duty at a meeting; the meeting is named as booking names it.
struct Assignment {
  std::string meeting_id;
  std::string staff_id;
  std::string staff_display_name;
  Role role = Role::kAttendant;
  TimeWindow duty;                                  // start = the required arrival
  absl::Time check_in_time = absl::InfinitePast();  // InfinitePast: not checked in
  bool late = false;

  bool checked_in() const { return check_in_time != absl::InfinitePast(); }
};

// Why an assignment ended before its meeting; the API's UnassignReason numbers.
enum class UnassignReason {
  kManual = 1,        // UnassignStaff
  kMeetingCancelled,  // the meeting was cancelled or rejected
  kMeetingReleased,   // released as a no-show
  kNoLongerEligible,  // the meeting moved or changed and the person cannot serve it
  kNotNeeded,         // the meeting needs fewer people of the role now
  kTransferred,       // 调离岗位
};

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_DOMAIN_STAFF_H_
