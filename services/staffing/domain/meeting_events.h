// Staffing's side of booking's meeting events (DESIGN §2: meeting confirmed → staffing
// derives the requirement and assigns; rescheduled → the assignments follow;
// cancelled → staff released; completed → assignments closed). Pure rules: what a
// booked meeting needs, which event calls for which effect, which assignments a change
// releases. The store applies them, each event in one transaction.
#ifndef HUIWU_SERVICES_STAFFING_DOMAIN_MEETING_EVENTS_H_
#define HUIWU_SERVICES_STAFFING_DOMAIN_MEETING_EVENTS_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/staffing/domain/eligibility.h"
#include "services/staffing/domain/requirement.h"
#include "services/staffing/domain/staff.h"

namespace huiwu::staffing {

// Booking's MeetingKind, MeetingState and Equipment numbers (huiwu.booking.v1); a value
// this build does not know may arrive from a newer booking and is treated as the
// plainest case.
enum class BookedKind {
  kInternal = 1,
  kExternalExchange,
  kTraining,
  kSeminar,
  kVipReception,
  kVideoConference
};
enum class BookedState {
  kSubmitted = 1,
  kConfirmed,
  kInProgress,
  kCompleted,
  kArchived,
  kRejected,
  kCancelled
};
enum class BookedEquipment {
  kProjector = 1,
  kDisplayScreen,
  kVideoConferencing,
  kSoundSystem,
  kMicrophones,
  kSimultaneousInterpretation,
  kRecording,
  kWhiteboard,
  kPaperlessSystem
};

// What staffing reads of a meeting in booking's events (which carry no attendees).
struct BookedMeeting {
  std::string meeting_id;
  BookedState state = BookedState::kSubmitted;
  BookedKind kind = BookedKind::kInternal;
  TimeWindow window;
  std::string building_id;  // empty: no room
  std::string room_id;
  int expected_participants = 1;
  bool vip_required = false;  // the notice's requirements.vip
  std::vector<BookedEquipment> equipment;
  std::string materials;  // the notice's free text on materials and equipment
};

// The requirement a booked meeting implies, with the center's default duty buffers and
// no count overrides. The mapping:
//   kind         INTERNAL, TRAINING → INTERNAL (the unit's own people);
//                EXTERNAL_EXCHANGE, VIP_RECEPTION → EXTERNAL (visitors);
//                SEMINAR → CONFERENCE (研讨会、座谈会 gather several units: a lobby
//                manager receives them); VIDEO_CONFERENCE → VIDEO_CONFERENCE.
//   vip          requirements.vip, or a VIP reception (贵宾接待).
//   sound_used   the notice asks for sound equipment (sound system, microphones,
//                simultaneous interpretation, recording, a video-conference terminal —
//                all run from the audio console), or its materials text names one
//                (话筒, 麦克风, 音响, 扩音, 同传, 同声传译, 录音); a video conference
//                needs the technician anyway (RoleCounts).
//   participants expected_participants, within 1–5000.
// FAILED_PRECONDITION when the meeting cannot be staffed as one duty: no room, or a
// window that is empty or longer than kLongestMeeting.
absl::StatusOr<StaffingRequirement> DeriveRequirement(const BookedMeeting& meeting);

// `derived` with what the dispatch hub set on the meeting's current requirement kept:
// the duty buffers and the per-role counts (SetStaffingRequirement), and its state.
StaffingRequirement MergeDerived(const StaffingRequirement& derived,
                                 const std::optional<StaffingRequirement>& current);

// Whether two requirements ask for the same people at the same time (version and state
// aside).
bool SameRequirement(const StaffingRequirement& a, const StaffingRequirement& b);

// The meeting events staffing follows.
enum class MeetingEventType {
  kConfirmed,
  kRescheduled,
  kUpdated,
  kCancelled,
  kRejected,
  kNoShowReleased,
  kCompleted
};

enum class MeetingEffect {
  kNone,     // nothing to do
  kStaff,    // derive the requirement, release who no longer fits, fill open places
  kRelease,  // release everybody (requirement CANCELLED)
  kClose,    // close the assignments (requirement CLOSED)
};

// Which effect an event has. A confirmed, moved or changed meeting is staffed only
// while it is CONFIRMED: a notice not yet confirmed holds no room and needs nobody
// yet, and a meeting in progress keeps the people serving it.
MeetingEffect EffectOf(MeetingEventType type, BookedState state);

// Why the release effect releases (the reason published with each assignment).
UnassignReason ReleaseReasonOf(MeetingEventType type);

// An existing assignment with every reason its person cannot serve the changed
// requirement (empty: still can).
struct AssignmentCheck {
  Assignment assignment;
  std::vector<IneligibilityReason> reasons;
};

struct Release {
  Assignment assignment;
  UnassignReason reason = UnassignReason::kNoLongerEligible;
  std::vector<IneligibilityReason> reasons;
};

struct ReconcilePlan {
  std::vector<Assignment> keep;
  std::vector<Release> release;
};

// After a requirement changed: who can no longer serve is released; beyond the count a
// role now needs, the surplus is released too — those who checked in are kept first,
// then by staff id, so the choice is deterministic.
ReconcilePlan PlanReconcile(const StaffingRequirement& requirement,
                            const std::vector<AssignmentCheck>& existing);

// How many people of each role are assigned (roles with none left out).
std::map<Role, int> AssignedCounts(const std::vector<Assignment>& assignments);

// A shortfall as a short stable text ("ATTENDANT:2,AUDIO_TECHNICIAN:1"; "" for none),
// kept with the requirement so that the same shortfall is reported once, not on every
// retry or repeated event.
std::string ShortfallKey(const std::map<Role, int>& shortfall);

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_DOMAIN_MEETING_EVENTS_H_
