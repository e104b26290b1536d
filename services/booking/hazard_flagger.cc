#include "services/booking/hazard_flagger.h"

#include <memory>
#include <optional>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/server/service_host.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "huiwu/safety/v1/events.pb.h"
#include "services/booking/api/catalog_requests.h"
#include "services/booking/domain/hazard_flag.h"

namespace huiwu::booking {
namespace {

namespace safety_v1 = ::huiwu::safety::v1;

constexpr char kHazardOpened[] = "huiwu.safety.v1.HazardOpened";
constexpr char kHazardEscalated[] = "huiwu.safety.v1.HazardEscalated";
constexpr char kHazardReopened[] = "huiwu.safety.v1.HazardReopened";

// meeting_flags.hazard and .reason hold at most 100 and 500 characters.
constexpr size_t kMaxHazardNameBytes = 100;
constexpr int kMaxReasonBytes = 500;

// The hazard an event carries, whichever of the three it is.
absl::StatusOr<safety_v1::Hazard> HazardOf(const huiwu::events::v1::Event& event) {
  if (event.type() == kHazardOpened) {
    safety_v1::HazardOpened opened;
    RETURN_IF_ERROR(events::UnpackPayload(event, opened));
    return opened.hazard();
  }
  if (event.type() == kHazardEscalated) {
    safety_v1::HazardEscalated escalated;
    RETURN_IF_ERROR(events::UnpackPayload(event, escalated));
    return escalated.hazard();
  }
  if (event.type() == kHazardReopened) {
    safety_v1::HazardReopened reopened;
    RETURN_IF_ERROR(events::UnpackPayload(event, reopened));
    return reopened.hazard();
  }
  return absl::InvalidArgumentError(
      absl::StrCat("event ", event.cursor(), " of type ", event.type(), " is not a hazard event"));
}

HazardLevel LevelOf(safety_v1::HazardSeverity severity) {
  switch (severity) {
    case safety_v1::HAZARD_SEVERITY_CRITICAL:
      return HazardLevel::kCritical;
    case safety_v1::HAZARD_SEVERITY_HIGH:
      return HazardLevel::kHigh;
    default:
      return HazardLevel::kMinor;
  }
}

// A resolved or verified hazard no longer blocks anything (a late escalation event of
// a hazard fixed since).
bool IsOpen(safety_v1::HazardState state) {
  return state != safety_v1::HAZARD_STATE_RESOLVED && state != safety_v1::HAZARD_STATE_VERIFIED;
}

// "buildings/{building}" or "buildings/{building}/rooms/{room}".
absl::StatusOr<Place> PlaceOf(absl::string_view place) {
  if (absl::StrContains(place, "/rooms/")) {
    ASSIGN_OR_RETURN(RoomKey room, ParseRoomName("hazard.place", place));
    return Place{room.building_id, room.room_id};
  }
  ASSIGN_OR_RETURN(std::string building, ParseBuildingName("hazard.place", place));
  return Place{building, ""};
}

}  // namespace

absl::Status HazardFlagger::Handle(const huiwu::events::v1::Event& event) const {
  ASSIGN_OR_RETURN(safety_v1::Hazard hazard, HazardOf(event));
  const HazardLevel level = LevelOf(hazard.severity());
  if (level == HazardLevel::kMinor || !IsOpen(hazard.state())) return absl::OkStatus();
  if (!absl::StartsWith(hazard.name(), "hazards/") || hazard.name().size() > kMaxHazardNameBytes) {
    return absl::InvalidArgumentError(absl::StrCat("event ", event.cursor(),
                                                   " names no hazard of safety: \"",
                                                   Shorten(hazard.name(), 120), "\""));
  }
  ASSIGN_OR_RETURN(Place place, PlaceOf(hazard.place()));
  std::optional<Place> affected = AffectedRooms(level, place);
  if (!affected.has_value()) return absl::OkStatus();
  FlagCommand command;
  command.building_id = affected->building_id;
  command.room_id = affected->room_id;
  command.hazard = hazard.name();
  command.reason = Shorten(absl::StrCat(level == HazardLevel::kCritical ? "critical" : "high",
                                        " hazard in ", hazard.place(), ": ", hazard.description()),
                           kMaxReasonBytes);
  absl::StatusOr<std::vector<std::string>> flagged = store_.FlagMeetings(command, clock_.Now());
  return flagged.status();
}

events::Subscription HazardSubscription(const Clock& clock, const SchedulingPolicy& policy) {
  events::Subscription subscription;
  subscription.source = "safety";
  subscription.types = {kHazardOpened, kHazardEscalated, kHazardReopened};
  subscription.make_handler = [&clock, &policy](server::ServiceContext& context) {
    auto store = std::make_shared<BookingStore>(context.pool, policy.LongestMeeting());
    auto flagger = std::make_shared<HazardFlagger>(*store, clock);
    return events::EventHandler(
        [store, flagger](const huiwu::events::v1::Event& event) { return flagger->Handle(event); });
  };
  return subscription;
}

}  // namespace huiwu::booking
