// The kinds of meeting the center hosts. The kind decides the booking lead time, the
// longest allowed meeting and whether an unattended booking is released (see
// scheduling_limits.h and no_show.h).
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_MEETING_KIND_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_MEETING_KIND_H_

#include <array>
#include <string_view>

namespace huiwu::booking {

enum class MeetingKind {
  kInternal,          // a unit's own working meeting
  kExternalExchange,  // a visiting delegation or inter-agency exchange (对外交流)
  kTraining,          // a training session (培训)
  kSeminar,           // a seminar or symposium (研讨会、座谈会)
  kVipReception,      // a reception in the VIP room (贵宾室接待)
  kVideoConference,   // a video conference (视频会议), needs the audio-control technicians
};

inline constexpr std::array<MeetingKind, 6> kAllMeetingKinds = {
    MeetingKind::kInternal, MeetingKind::kExternalExchange, MeetingKind::kTraining,
    MeetingKind::kSeminar,  MeetingKind::kVipReception,     MeetingKind::kVideoConference,
};

// Proto-style names ("INTERNAL", "VIP_RECEPTION", ...), used in error messages and
// metadata.
std::string_view MeetingKindName(MeetingKind kind);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_MEETING_KIND_H_
