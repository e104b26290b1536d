#include "services/booking/domain/waitlist.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace huiwu::booking {

absl::Status CheckCanWaitlist(const Meeting& meeting, absl::Time now) {
  const std::string name = absl::StrCat("meetings/", meeting.id);
  if (meeting.state != MeetingState::kSubmitted) {
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "INVALID_STATE_TRANSITION",
        absl::StrCat(name, " is ", std::string(MeetingStateName(meeting.state)),
                     "; only a SUBMITTED notice can wait for a room"),
        {{"current_state", std::string(MeetingStateName(meeting.state))}, {"action", "WAITLIST"}});
  }
  if (!meeting.has_room()) {
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "ROOM_REQUIRED",
                           absl::StrCat(name,
                                        " names no room to wait for; give it one with "
                                        "RescheduleMeeting (room) first"),
                           {{"meeting", name}});
  }
  if (meeting.window.start <= now) {
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "SLOT_PASSED",
                           absl::StrCat(name,
                                        " has already started; a slot in the past cannot be "
                                        "freed for it, reschedule it instead"),
                           {{"meeting", name}});
  }
  return absl::OkStatus();
}

WaitlistVerdict WaitlistEntryVerdict(const WaitlistEntry& entry, const Meeting& meeting,
                                     absl::Time now) {
  if (!IsLiveWait(entry, meeting)) return WaitlistVerdict::kDrop;
  if (meeting.window.start <= now) return WaitlistVerdict::kDrop;
  if (entry.offer_time.has_value()) return WaitlistVerdict::kSkip;
  return WaitlistVerdict::kServe;
}

bool IsLiveWait(const WaitlistEntry& entry, const Meeting& meeting) {
  return meeting.state == MeetingState::kSubmitted && meeting.building_id == entry.building_id &&
         meeting.room_id == entry.room_id;
}

std::string PromotionReason(WaitlistMode mode, absl::string_view room_name,
                            absl::string_view freed_by) {
  return absl::StrCat(mode == WaitlistMode::kOffer ? "offered" : "confirmed",
                      " from the waitlist of ", room_name, ": ", freed_by, " gave the room up");
}

}  // namespace huiwu::booking
