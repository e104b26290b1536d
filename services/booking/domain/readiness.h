// A meeting's readiness (准备情况): is everything in place that the center's rules ask
// for before a meeting — its room held and cleared, its staff assigned, its supplies
// reserved, its services delivered, its room inspected? Each part is judged here from
// what booking knows and what the other services answered; a part whose service could
// not be asked is UNKNOWN (with the reason), never guessed, and never holds up the rest.
// Details are in Chinese: they are printed on the daily service notice.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_READINESS_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_READINESS_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/booking/domain/meeting.h"
#include "services/booking/domain/time_window.h"

namespace huiwu::booking {

enum class Readiness { kReady, kNotReady, kUnknown };

struct PartVerdict {
  Readiness status = Readiness::kUnknown;
  std::string detail;  // what is missing, or why it is not known; empty when ready

  friend bool operator==(const PartVerdict&, const PartVerdict&) = default;
};

// The services readiness asks besides booking.
enum class PeerService { kStaffing, kInventory, kSafety };

// Why a peer gave no usable answer.
enum class PeerFailure {
  kNotConfigured,  // no target (--<svc>_target / HUIWU_<SVC>_TARGET)
  kDeadline,       // no answer within the peer deadline
  kUnavailable,    // down or unreachable
  kError,          // answered with an error
  kNotSupported,   // the peer does not report this (yet)
};

// "安全服务 (safety)", …
absl::string_view PeerServiceLabel(PeerService service);

// An UNKNOWN part that says which service could not be asked and why, e.g.
// "安全服务 (safety) 未在 2s 内应答 (DEADLINE_EXCEEDED)". `message` is the peer's
// error text, if any (shortened).
PartVerdict UnknownVerdict(PeerService service, PeerFailure failure, absl::Duration deadline,
                           absl::string_view message = {});

// The room: ready while the meeting holds it (CONFIRMED, IN_PROGRESS, COMPLETED or
// ARCHIVED: OccupiesRoom). A notice (SUBMITTED) has no room allocated yet; a rejected or
// cancelled meeting gave it up.
PartVerdict RoomVerdict(MeetingState state, bool has_room);

// The window safety is asked to clear: the hold when the meeting has one (set-up and
// clean-up belong to the meeting), else the meeting's own window when the notice names
// a room; nullopt when there is no room to ask about.
std::optional<TimeWindow> ClearanceWindow(const Meeting& meeting);

// Clearance: ready when safety found nothing blocking; otherwise every block's
// description (safety's words) joined. Without a room there is nothing to clear.
PartVerdict ClearanceVerdict(const std::vector<std::string>& block_descriptions);
PartVerdict NoRoomToClear();

// Staff of one role (staffing's role name without prefix, e.g. "ATTENDANT").
struct RoleNeed {
  std::string role;
  int required = 0;
  int assigned = 0;

  friend bool operator==(const RoleNeed&, const RoleNeed&) = default;
};

// Required per role against the roles the assigned people serve, in the order the
// requirement lists them, then roles assigned beyond it.
std::vector<RoleNeed> CountRoles(const std::vector<std::pair<std::string, int>>& required,
                                 const std::vector<std::string>& assigned_roles);

// Staffing: ready when every role has at least its required people; not ready without
// a requirement (staffing derives it when the meeting is confirmed) or with open places,
// naming them (e.g. "缺 会议服务员 2 人").
PartVerdict StaffingVerdict(bool requirement_set, const std::vector<RoleNeed>& roles);

// One kit line: the item's label for people, needed against reserved.
struct SupplyNeed {
  std::string item_label;
  int64_t needed = 0;
  int64_t reserved = 0;
};

// Supplies: ready when the kit exists and every line is reserved in full; not ready
// without a kit, with a released kit, or naming the short lines.
PartVerdict SuppliesVerdict(bool kit_exists, bool kit_released,
                            const std::vector<SupplyNeed>& lines);

// Services ordered with the meeting (ServiceRequest.kind numbers) and whether each was
// recorded done: ready when all are (or none was ordered), else the missing ones named.
PartVerdict ServicesVerdict(const std::vector<std::pair<int, bool>>& kind_done);

// The pre-meeting inspection (会前检查) of the room, as safety reports it.
PartVerdict InspectionVerdict(bool done);

// A meeting is ready only when every part is: an unknown part is not a ready one.
bool AllReady(std::initializer_list<Readiness> parts);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_READINESS_H_
