// Meeting requests: validated and turned into domain values, and meetings back into
// resources. Every field is checked before anything is written.
#ifndef HUIWU_SERVICES_BOOKING_API_MEETING_REQUESTS_H_
#define HUIWU_SERVICES_BOOKING_API_MEETING_REQUESTS_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "common/api/field_checks.h"
#include "huiwu/booking/v1/booking_service.pb.h"
#include "services/booking/domain/meeting.h"
#include "services/booking/domain/scheduling_limits.h"
#include "services/booking/store/booking_store.h"

namespace huiwu::booking {

struct CreateMeetingCommand {
  Meeting meeting;
  std::string request_id;
};

struct RescheduleCommand {
  std::string meeting_id;
  std::string etag;
  TimeWindow window;
  std::string building_id;  // empty: keep the room
  std::string room_id;
  std::string request_id;
};

// The details of a meeting, as bits, so a group of fields can be checked alone (an
// update checks only the fields of its mask). Time and room are not details: they change
// only through RescheduleMeeting, which re-checks the room.
enum MeetingDetail : uint32_t {
  kMeetingTitle = 1u << 0,
  kMeetingKind = 1u << 1,
  kMeetingOrganizerUnit = 1u << 2,
  kMeetingContact = 1u << 3,
  kMeetingRequirements = 1u << 4,
  kMeetingExpectedParticipants = 1u << 5,
  kMeetingAttendees = 1u << 6,
  kMeetingAgenda = 1u << 7,
  kMeetingServices = 1u << 8,
  kMeetingMaterials = 1u << 9,
  kMeetingBudget = 1u << 10,
  kMeetingSafetyMeasures = 1u << 11,
  kMeetingNotes = 1u << 12,
  kMeetingSummary = 1u << 13,
  kMeetingConfidential = 1u << 14,
};
inline constexpr uint32_t kAllMeetingDetails = (1u << 15) - 1;

// Checks the details of `in` selected by `details` (paths prefixed by `field`) and copies
// them into `out`; the other fields of `out` are left as they are.
void CheckMeetingDetails(api::FieldChecks& checks, const v1::Meeting& in, absl::string_view field,
                         uint32_t details, Meeting& out);

// `field` prefixes the field paths in errors ("meeting" for CreateMeeting). Checks the
// kind's scheduling limits (notice, advance, length) against `now`.
absl::StatusOr<Meeting> ParseMeetingFields(const v1::Meeting& meeting, absl::string_view field,
                                           const SchedulingPolicy& policy, absl::Time now);
absl::StatusOr<CreateMeetingCommand> ParseCreateMeeting(const v1::CreateMeetingRequest& request,
                                                        const SchedulingPolicy& policy,
                                                        absl::Time now);
// "meetings/{meeting}" → the id.
absl::StatusOr<std::string> ParseMeetingName(absl::string_view field, absl::string_view name);

// The transitions: name, etag, request_id, reason (required for reject and cancel),
// room (confirm), summary (complete). `actor` is who asks.
absl::StatusOr<TransitionCommand> ParseConfirm(const v1::ConfirmMeetingRequest& request);
absl::StatusOr<TransitionCommand> ParseReject(const v1::RejectMeetingRequest& request);
absl::StatusOr<TransitionCommand> ParseCancel(const v1::CancelMeetingRequest& request);
absl::StatusOr<TransitionCommand> ParseStart(const v1::StartMeetingRequest& request);
absl::StatusOr<TransitionCommand> ParseComplete(const v1::CompleteMeetingRequest& request);
absl::StatusOr<TransitionCommand> ParseArchive(const v1::ArchiveMeetingRequest& request);
absl::StatusOr<RescheduleCommand> ParseReschedule(const v1::RescheduleMeetingRequest& request,
                                                  const SchedulingPolicy& policy, MeetingKind kind,
                                                  absl::Time now);

// Shared pieces for other meeting requests (series, availability, schedules).
// The meeting id a transition request names (for the handler, before parsing the rest).
absl::StatusOr<std::string> MeetingIdOf(absl::string_view name);

void ToProto(const Meeting& meeting, v1::Meeting* out);

RoomRequirements ParseRequirements(api::FieldChecks& checks, absl::string_view field,
                                   const v1::RoomRequirements& requirements);
MeetingSummary ParseSummary(api::FieldChecks& checks, absl::string_view field,
                            const v1::MeetingSummary& summary);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_API_MEETING_REQUESTS_H_
