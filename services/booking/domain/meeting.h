// A meeting as the booking service keeps it: the organizer unit's notice (会议通知) with
// everything the center needs to prepare it, its room and its place in the lifecycle.
// Enum-valued fields that mirror the API (equipment, service kinds) hold the proto enum
// numbers, which are stable.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_MEETING_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_MEETING_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/booking/domain/meeting_kind.h"
#include "services/booking/domain/meeting_state.h"
#include "services/booking/domain/room_requirements.h"
#include "services/booking/domain/time_window.h"
#include "services/booking/domain/waitlist_entry.h"

namespace huiwu::booking {

struct Attendee {
  std::string id;
  std::string name;
  std::string unit;
  std::string title;
  bool vip = false;
  // The organizer's protocol rank (排序), 1 = the principal; 0: unranked (seating.h).
  int protocol_rank = 0;
};

struct AgendaItem {
  std::string title;
  std::string presenter;
  int minutes = 0;
};

struct ServiceRequest {
  int kind = 0;  // ServiceKind: 会标, 会场布置, 名牌, 花卉, 礼仪, 茶水
  int quantity = 0;
  std::string notes;
};

struct MeetingSummary {
  int actual_attendance = 0;
  std::string notes;
  std::string problems;
};

struct StateChange {
  MeetingState from;
  MeetingState to;
  std::string actor;
  std::string reason;
  absl::Time time;
};

// A reason for the dispatch hub to look at a meeting again (a hazard reported in its
// room after it was booked); the meeting itself is left as it is.
struct MeetingFlag {
  std::string hazard;  // `hazards/{hazard}`
  std::string reason;
  absl::Time create_time;
};

struct Meeting {
  std::string id;
  std::string title;
  MeetingKind kind = MeetingKind::kInternal;
  std::string organizer_unit;
  std::string contact_name;
  std::string contact_phone;
  TimeWindow window;
  std::string building_id;  // empty while a notice names no room
  std::string room_id;
  RoomRequirements requirements;
  int expected_participants = 0;
  std::vector<Attendee> attendees;
  std::vector<AgendaItem> agenda;
  std::vector<ServiceRequest> services;
  std::string materials;
  int64_t budget_fen = 0;
  std::string safety_measures;
  std::string notes;
  std::optional<int> setup_minutes;    // absent: the room's default
  std::optional<int> cleanup_minutes;  // absent: the room's default
  MeetingState state = MeetingState::kSubmitted;
  std::string state_reason;
  std::string series_id;
  std::optional<MeetingSummary> summary;
  std::vector<StateChange> history;
  std::optional<TimeWindow> occupancy;  // set while it holds its room
  std::vector<MeetingFlag> flags;       // oldest first
  // 保密会议: its content is shown only to callers entitled to it (common/api/confidential.h),
  // and its numbered material copies must all be accounted for before the archive.
  bool confidential = false;
  // Its live place on a room's waitlist; loaded only where the API shows it (GetMeeting,
  // the waitlist methods), never by the lifecycle's row loads.
  std::optional<WaitlistEntry> waitlist;
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;

  bool has_room() const { return !room_id.empty(); }
};

// States and kinds are numbered in the API and the database as in the proto enums
// (UNSPECIFIED = 0, then the domain order).
inline int NumberOf(MeetingState state) { return static_cast<int>(state) + 1; }
inline int NumberOf(MeetingKind kind) { return static_cast<int>(kind) + 1; }
std::optional<MeetingState> MeetingStateFromNumber(int number);
std::optional<MeetingKind> MeetingKindFromNumber(int number);

// The window a meeting holds its room for, with the meeting's buffers or, where it
// sets none, the room's defaults: the set-up before and the clean-up and disinfection
// (一会一消毒) after belong to the meeting.
TimeWindow HoldOf(const Meeting& meeting, int room_setup_minutes, int room_cleanup_minutes);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_MEETING_H_
