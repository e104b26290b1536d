// Who a meeting needs and when they are on duty (the center's rules, configurable per
// meeting): staff arrive before the start (提前到达) and check the room after the end
// (会后检查).
#ifndef HUIWU_SERVICES_STAFFING_DOMAIN_REQUIREMENT_H_
#define HUIWU_SERVICES_STAFFING_DOMAIN_REQUIREMENT_H_

#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/staffing/domain/staff.h"

namespace huiwu::staffing {

inline constexpr int kDefaultArriveBeforeMinutes = 30;  // "arrive early"
inline constexpr int kDefaultStayAfterMinutes = 15;     // the after-meeting check
inline constexpr int kMaxDutyBufferMinutes = 240;
inline constexpr absl::Duration kLongestMeeting = absl::Hours(24);
// No duty window is longer: overlap queries are bounded below by it, so they read an
// index range on (staff_id, start_time).
inline constexpr absl::Duration kLongestDuty = absl::Minutes(24 * 60 + 2 * kMaxDutyBufferMinutes);
// The most participants a requirement takes (the API's limit, booking's too).
inline constexpr int kMaxParticipants = 5000;
// One attendant per this many participants (tea, guidance), at least one.
inline constexpr int kParticipantsPerAttendant = 30;

// Whether a meeting's staffing can still change: OPEN until booking reports the meeting
// completed (CLOSED: the assignments stay as the record of who served) or cancelled,
// rejected or released as a no-show (CANCELLED: everybody released). The API's numbers.
enum class RequirementState { kOpen = 1, kClosed, kCancelled };

struct StaffingRequirement {
  std::string meeting_id;
  TimeWindow meeting;
  std::string building_id;
  std::string room_id;
  int participants = 1;
  MeetingKind kind = MeetingKind::kInternal;
  bool vip = false;
  bool sound_used = false;
  int arrive_before_minutes = kDefaultArriveBeforeMinutes;
  int stay_after_minutes = kDefaultStayAfterMinutes;
  std::map<Role, int> overrides;  // counts given in the call, replacing the defaults
  RequirementState state = RequirementState::kOpen;
  int64_t version = 0;

  // [start − arrive before, end + stay after): when the people on duty are held.
  TimeWindow Duty() const {
    return TimeWindow{meeting.start - absl::Minutes(arrive_before_minutes),
                      meeting.end + absl::Minutes(stay_after_minutes)};
  }
};

// The counts in force, roles with zero left out: the overrides, else the defaults —
// 1 attendant per 30 participants (at least 1); an audio technician when sound is used
// or for a video conference; a lobby manager for a VIP meeting or a conference.
std::map<Role, int> RoleCounts(const StaffingRequirement& requirement);

// The qualifications serving `role` at the meeting needs: fire-safety training for
// everybody (消防培训); at a VIP meeting VIP etiquette for those who serve the guests face
// to face (not the audio technician or the clerks); the audio console for an audio
// technician.
std::vector<QualificationKind> RequiredQualifications(const StaffingRequirement& requirement,
                                                      Role role);

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_DOMAIN_REQUIREMENT_H_
