// A room's waitlist setting and a notice's place on it, as plain values shared by the
// room (catalog.h), the meeting (meeting.h) and the waitlist's rules (waitlist.h).
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_WAITLIST_ENTRY_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_WAITLIST_ENTRY_H_

#include <optional>
#include <string>

#include "absl/time/time.h"

namespace huiwu::booking {

// What a freed slot does for the first waiting notice that fits (Room.waitlist_mode);
// numbered as the proto enum.
enum class WaitlistMode { kAutoConfirm = 1, kOffer = 2 };

// A notice's place on a room's waitlist.
struct WaitlistEntry {
  std::string meeting_id;
  std::string building_id;
  std::string room_id;
  absl::Time join_time;
  std::optional<absl::Time> offer_time;  // set once the slot was offered (kOffer)
};

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_WAITLIST_ENTRY_H_
