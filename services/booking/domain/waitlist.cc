#include "services/booking/domain/waitlist.h"

#include <algorithm>

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

std::optional<TimeWindow> PromotionClearanceWindow(const std::vector<TimeWindow>& holds) {
  if (holds.empty()) return std::nullopt;
  TimeWindow span = holds.front();
  for (const TimeWindow& hold : holds) {
    span.start = std::min(span.start, hold.start);
    span.end = std::max(span.end, hold.end);
  }
  return span;
}

Promotion PromotionFor(WaitlistMode room_mode, const absl::Status& clearance,
                       absl::string_view room_name, absl::string_view freed_by) {
  const std::string from =
      absl::StrCat(" from the waitlist of ", room_name, ": ", freed_by, " gave the room up");
  if (room_mode == WaitlistMode::kOffer) {
    return {WaitlistMode::kOffer, absl::StrCat("offered", from)};
  }
  if (clearance.ok()) return {WaitlistMode::kAutoConfirm, absl::StrCat("confirmed", from)};
  // Kept short: the history reason holds 500 characters, and the room's name and the
  // freed meeting's come first.
  constexpr size_t kDetailChars = 120;
  const ErrorMetadata metadata = MetadataOf(clearance);
  std::string why;
  std::string reason = ReasonOf(clearance);
  if (reason.empty()) reason = absl::StatusCodeToString(clearance.code());
  if (clearance.code() == absl::StatusCode::kUnavailable) {
    why = "safety could not be asked whether the room is clear";
  } else if (clearance.code() == absl::StatusCode::kFailedPrecondition &&
             reason == "ROOM_NOT_CLEARED") {
    why = "safety has not cleared the room";
  } else {
    why = "safety was not asked about this notice's hold";
  }
  std::string detail = reason;
  if (auto blocks = metadata.find("blocks"); blocks != metadata.end() && !blocks->second.empty()) {
    absl::StrAppend(&detail, ": ", blocks->second);
  }
  if (detail.size() > kDetailChars) {
    size_t cut = kDetailChars - 3;
    // Never inside a UTF-8 sequence: the reason is stored as text.
    while (cut > 0 && (static_cast<unsigned char>(detail[cut]) & 0xC0) == 0x80) --cut;
    detail = absl::StrCat(detail.substr(0, cut), "...");
  }
  return {WaitlistMode::kOffer,
          absl::StrCat("offered", from, "; not confirmed, as ", why, " (", detail,
                       "): confirm it with ConfirmMeeting once safety clears the room")};
}

}  // namespace huiwu::booking
