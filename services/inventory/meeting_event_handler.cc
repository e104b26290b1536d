#include "services/inventory/meeting_event_handler.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/server/service_host.h"
#include "common/status/status_macros.h"
#include "huiwu/booking/v1/events.pb.h"
#include "services/inventory/api/meeting_events.h"

namespace huiwu::inventory {
namespace {

namespace bk = booking::v1;

template <typename Payload>
bool Is(const events::v1::Event& event) {
  return event.type() == Payload::descriptor()->full_name();
}

// Reserves (or keeps fitting) the kit of the event's meeting. Only a confirmed meeting
// gets a kit: a notice that is moved or changed before confirmation holds no supplies.
template <typename Payload>
absl::Status Follow(InventoryStore& store, const events::v1::Event& event, absl::Time now) {
  Payload payload;
  RETURN_IF_ERROR(events::UnpackPayload(event, payload));
  ASSIGN_OR_RETURN(Kit meeting, ParseMeetingForKit(payload.meeting()));
  const bool create = payload.meeting().state() == bk::MEETING_STATE_CONFIRMED;
  return store.FollowMeeting(meeting, create, now).status();
}

// At most `bytes` of UTF-8 `text`, never cutting a character (the ledger keeps 500
// characters of reason).
std::string Clip(const std::string& text, size_t bytes) {
  if (text.size() <= bytes) return text;
  size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

template <typename Payload>
absl::Status Release(InventoryStore& store, const events::v1::Event& event, absl::string_view why,
                     absl::Time now) {
  Payload payload;
  RETURN_IF_ERROR(events::UnpackPayload(event, payload));
  ASSIGN_OR_RETURN(std::string meeting_id, ParseEventMeetingName(payload.meeting()));
  const std::string& detail = payload.meeting().state_reason();
  const std::string reason = detail.empty() ? std::string(why) : absl::StrCat(why, ": ", detail);
  return store.ReleaseMeetingKit(meeting_id, Clip(reason, 400), now).status();
}

}  // namespace

absl::Status MeetingEventHandler::Handle(const events::v1::Event& event) {
  const absl::Time now = clock_.Now();
  if (Is<bk::MeetingConfirmed>(event)) return Follow<bk::MeetingConfirmed>(store_, event, now);
  if (Is<bk::MeetingRescheduled>(event)) return Follow<bk::MeetingRescheduled>(store_, event, now);
  if (Is<bk::MeetingUpdated>(event)) return Follow<bk::MeetingUpdated>(store_, event, now);
  if (Is<bk::MeetingCancelled>(event)) {
    return Release<bk::MeetingCancelled>(store_, event, "会议取消 (meeting cancelled)", now);
  }
  if (Is<bk::MeetingNoShowReleased>(event)) {
    return Release<bk::MeetingNoShowReleased>(store_, event, "无人签到 (no-show, room released)",
                                              now);
  }
  if (Is<bk::MeetingCompleted>(event)) {
    bk::MeetingCompleted payload;
    RETURN_IF_ERROR(events::UnpackPayload(event, payload));
    ASSIGN_OR_RETURN(std::string meeting_id, ParseEventMeetingName(payload.meeting()));
    return store_.SettleMeetingKit(meeting_id, now).status();
  }
  return absl::OkStatus();  // not a type this service follows
}

events::Subscription BookingMeetingsSubscription(const Clock& clock) {
  events::Subscription subscription;
  subscription.source = "booking";
  subscription.types = {
      bk::MeetingConfirmed::descriptor()->full_name(),
      bk::MeetingRescheduled::descriptor()->full_name(),
      bk::MeetingUpdated::descriptor()->full_name(),
      bk::MeetingCancelled::descriptor()->full_name(),
      bk::MeetingNoShowReleased::descriptor()->full_name(),
      bk::MeetingCompleted::descriptor()->full_name(),
  };
  subscription.make_handler = [&clock](server::ServiceContext& context) -> events::EventHandler {
    auto store = std::make_shared<InventoryStore>(context.pool);
    auto handler = std::make_shared<MeetingEventHandler>(*store, clock);
    return [store, handler](const events::v1::Event& event) { return handler->Handle(event); };
  };
  return subscription;
}

}  // namespace huiwu::inventory
