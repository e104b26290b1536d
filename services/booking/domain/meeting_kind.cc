#include "services/booking/domain/meeting_kind.h"

namespace huiwu::booking {

std::string_view MeetingKindName(MeetingKind kind) {
  switch (kind) {
    case MeetingKind::kInternal:
      return "INTERNAL";
    case MeetingKind::kExternalExchange:
      return "EXTERNAL_EXCHANGE";
    case MeetingKind::kTraining:
      return "TRAINING";
    case MeetingKind::kSeminar:
      return "SEMINAR";
    case MeetingKind::kVipReception:
      return "VIP_RECEPTION";
    case MeetingKind::kVideoConference:
      return "VIDEO_CONFERENCE";
  }
  return "MEETING_KIND_UNSPECIFIED";
}

}  // namespace huiwu::booking
