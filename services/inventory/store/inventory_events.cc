#include "services/inventory/store/inventory_events.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "common/events/outbox.h"
#include "huiwu/inventory/v1/events.pb.h"
#include "services/inventory/api/names.h"
#include "services/inventory/api/resources.h"
#include "services/inventory/domain/meeting_kit_rules.h"

namespace huiwu::inventory {
namespace {

// The meeting, its room, and the source when the stock comes from elsewhere: what a
// room's door display, the meeting's readiness or a store keeper follows.
std::vector<std::string> KitSubjects(const Kit& kit) {
  std::vector<std::string> subjects = {MeetingName(kit.meeting_id), kit.room};
  if (kit.source_location != kit.room) subjects.push_back(kit.source_location);
  return subjects;
}

template <typename Event>
void PublishKit(db::Connection& c, Event& event, const Kit& kit,
                const std::vector<std::string>& subjects, absl::Time now) {
  ToProto(kit, event.mutable_kit());
  events::Publish(c, event, subjects, now);
}

}  // namespace

void PublishKitReserved(db::Connection& c, const Kit& kit, absl::Time now) {
  v1::KitReserved reserved;
  PublishKit(c, reserved, kit, KitSubjects(kit), now);
  const std::vector<KitShortage> short_lines = ShortLines(kit);
  if (short_lines.empty()) return;
  // The short items too, so that whoever follows an item sees the shortage it causes
  // (Publish keeps the first 16 subjects).
  std::vector<std::string> subjects = KitSubjects(kit);
  for (const KitShortage& s : short_lines) subjects.push_back(ItemName(s.item_id));
  v1::KitShort kit_short;
  PublishKit(c, kit_short, kit, subjects, now);
}

void PublishKitIssued(db::Connection& c, const Kit& kit, absl::Time now) {
  v1::KitIssued issued;
  PublishKit(c, issued, kit, KitSubjects(kit), now);
}

void PublishKitSettled(db::Connection& c, const Kit& kit, bool on_completion, absl::Time now) {
  v1::KitSettled settled;
  settled.set_settled_on_completion(on_completion);
  PublishKit(c, settled, kit, KitSubjects(kit), now);
}

void PublishKitReleased(db::Connection& c, const Kit& kit, absl::string_view reason,
                        absl::Time now) {
  v1::KitReleased released;
  released.set_reason(std::string(reason));
  PublishKit(c, released, kit, KitSubjects(kit), now);
}

void PublishKitUpdated(db::Connection& c, const Kit& kit, absl::Time now) {
  v1::KitUpdated updated;
  PublishKit(c, updated, kit, KitSubjects(kit), now);
}

void PublishStockMoved(db::Connection& c, const Movement& movement, const Balance& balance,
                       absl::Time now) {
  v1::StockMoved moved;
  ToProto(movement, moved.mutable_movement());
  ToProto(balance, moved.mutable_balance());
  std::vector<std::string> subjects = {ItemName(movement.item_id), movement.location};
  if (!movement.meeting_id.empty()) subjects.push_back(MeetingName(movement.meeting_id));
  events::Publish(c, moved, subjects, now);
}

void PublishStockBelowMinimum(db::Connection& c, const Balance& balance,
                              absl::string_view replenishment_id, absl::string_view meeting_id,
                              absl::Time now) {
  v1::StockBelowMinimum below;
  ToProto(balance, below.mutable_balance());
  std::vector<std::string> subjects = {ItemName(balance.item_id), balance.location};
  if (!replenishment_id.empty()) {
    below.set_replenishment_request(ReplenishmentName(replenishment_id));
    subjects.push_back(below.replenishment_request());
  }
  if (!meeting_id.empty()) {
    below.set_meeting(MeetingName(meeting_id));
    subjects.push_back(below.meeting());
  }
  events::Publish(c, below, subjects, now);
}

void PublishReplenishment(db::Connection& c, ReplenishmentEvent event,
                          const ReplenishmentRequest& request, const Balance& balance,
                          absl::Time now) {
  const std::vector<std::string> subjects = {ReplenishmentName(request.id),
                                             ItemName(request.item_id), request.location};
  switch (event) {
    case ReplenishmentEvent::kRequested: {
      v1::ReplenishmentRequested requested;
      ToProto(request, requested.mutable_replenishment_request());
      events::Publish(c, requested, subjects, now);
      return;
    }
    case ReplenishmentEvent::kApproved: {
      v1::ReplenishmentApproved approved;
      ToProto(request, approved.mutable_replenishment_request());
      events::Publish(c, approved, subjects, now);
      return;
    }
    case ReplenishmentEvent::kReceived: {
      v1::ReplenishmentReceived received;
      ToProto(request, received.mutable_replenishment_request());
      ToProto(balance, received.mutable_balance());
      events::Publish(c, received, subjects, now);
      return;
    }
  }
}

void PublishKeyCheckedOut(db::Connection& c, const RoomKey& key, absl::Time now) {
  v1::KeyCheckedOut out;
  ToProto(key, now, out.mutable_key());
  const RoomRef room{key.building_id, key.room_id};
  events::Publish(c, out, {out.key().name(), room.name(), key.holder}, now);
}

void PublishKeyReturned(db::Connection& c, const RoomKey& key, absl::string_view returned_by,
                        absl::Time now) {
  v1::KeyReturned returned;
  ToProto(key, now, returned.mutable_key());
  returned.set_returned_by(std::string(returned_by));
  const RoomRef room{key.building_id, key.room_id};
  events::Publish(c, returned, {returned.key().name(), room.name(), std::string(returned_by)}, now);
}

}  // namespace huiwu::inventory
