#include "services/inventory/api/resources.h"

#include "common/api/etag.h"
#include "common/api/timestamp.h"
#include "services/inventory/api/names.h"
#include "services/inventory/domain/key_rules.h"
#include "services/inventory/domain/meeting_kit_rules.h"

namespace huiwu::inventory {

void ToProto(const Item& item, v1::Item* out) {
  out->set_name(ItemName(item.id));
  out->set_display_name(item.display_name);
  out->set_unit(item.unit);
  out->set_category(static_cast<v1::ItemCategory>(item.category));
  out->set_unit_cost_fen(item.unit_cost_fen);
  for (const StockLimit& limit : item.stock_limits) {
    v1::StockLimit* l = out->add_stock_limits();
    l->set_location(limit.location);
    l->set_minimum(limit.minimum);
    l->set_maximum(limit.maximum);
  }
  out->set_etag(api::EtagOf(item.version));
  *out->mutable_create_time() = api::ToTimestamp(item.create_time);
  *out->mutable_update_time() = api::ToTimestamp(item.update_time);
}

void ToProto(const Balance& balance, v1::Balance* out) {
  out->set_item(ItemName(balance.item_id));
  out->set_location(balance.location);
  out->set_on_hand(balance.on_hand);
  out->set_reserved(balance.reserved);
  out->set_available(balance.available());
  out->set_minimum(balance.minimum);
}

void ToProto(const Movement& movement, v1::Movement* out) {
  out->set_name(MovementName(movement.id));
  out->set_item(ItemName(movement.item_id));
  out->set_location(movement.location);
  out->set_kind(static_cast<v1::MovementKind>(movement.kind));
  out->set_quantity(movement.quantity);
  out->set_reason(movement.reason);
  if (!movement.meeting_id.empty()) out->set_meeting(MeetingName(movement.meeting_id));
  out->set_actor(movement.actor);
  *out->mutable_create_time() = api::ToTimestamp(movement.create_time);
  out->set_counterpart_location(movement.counterpart_location);
}

void ToProto(const KitTemplate& kit_template, v1::KitTemplate* out) {
  out->set_name(KitTemplateName(kit_template.id));
  out->set_display_name(kit_template.display_name);
  out->set_meeting_kind(static_cast<v1::MeetingKind>(kit_template.meeting_kind));
  out->set_min_participants(kit_template.min_participants);
  out->set_max_participants(kit_template.max_participants);
  for (const KitTemplateLine& line : kit_template.lines) {
    v1::KitTemplateLine* l = out->add_lines();
    l->set_item(ItemName(line.item_id));
    l->set_per_participant(line.per_participant);
    l->set_fixed(line.fixed);
  }
  *out->mutable_create_time() = api::ToTimestamp(kit_template.create_time);
}

void ToProto(const Kit& kit, v1::Kit* out) {
  out->set_name(KitName(kit.meeting_id));
  out->set_meeting(MeetingName(kit.meeting_id));
  out->set_meeting_kind(static_cast<v1::MeetingKind>(kit.meeting_kind));
  out->set_participant_count(kit.participant_count);
  out->set_room(kit.room);
  out->set_organizer_unit(kit.organizer_unit);
  *out->mutable_start_time() = api::ToTimestamp(kit.start_time);
  *out->mutable_end_time() = api::ToTimestamp(kit.end_time);
  out->set_source_location(kit.source_location);
  if (!kit.template_id.empty()) out->set_kit_template(KitTemplateName(kit.template_id));
  out->set_state(static_cast<v1::KitState>(kit.state));
  for (const KitLine& line : kit.lines) {
    v1::KitLine* l = out->add_lines();
    l->set_item(ItemName(line.item_id));
    l->set_quantity(line.quantity);
    l->set_issued(line.issued);
    l->set_consumed(line.consumed);
    l->set_returned(line.returned);
    l->set_needed(line.needed);
  }
  for (const KitShortage& shortage : ShortLines(kit)) {
    v1::KitShortLine* s = out->add_short_lines();
    s->set_item(ItemName(shortage.item_id));
    s->set_needed(shortage.needed);
    s->set_reserved(shortage.reserved);
    s->set_missing(shortage.missing());
  }
  out->set_etag(api::EtagOf(kit.version));
  *out->mutable_create_time() = api::ToTimestamp(kit.create_time);
  *out->mutable_update_time() = api::ToTimestamp(kit.update_time);
}

void ToProto(const Stocktake& stocktake, v1::Stocktake* out) {
  out->set_name(StocktakeName(stocktake.id));
  out->set_location(stocktake.location);
  out->set_submitted(stocktake.submitted);
  for (const ItemQuantity& q : stocktake.expected) {
    v1::ItemQuantity* e = out->add_expected();
    e->set_item(ItemName(q.item_id));
    e->set_quantity(q.quantity);
  }
  *out->mutable_create_time() = api::ToTimestamp(stocktake.create_time);
  if (stocktake.submit_time.has_value()) {
    *out->mutable_submit_time() = api::ToTimestamp(*stocktake.submit_time);
  }
}

void ToProto(const ReplenishmentRequest& request, v1::ReplenishmentRequest* out) {
  out->set_name(ReplenishmentName(request.id));
  out->set_item(ItemName(request.item_id));
  out->set_location(request.location);
  out->set_quantity(request.quantity);
  out->set_received_quantity(request.received_quantity);
  out->set_state(static_cast<v1::ReplenishmentState>(request.state));
  out->set_reason(request.reason);
  out->set_requester(request.requester);
  out->set_etag(api::EtagOf(request.version));
  *out->mutable_create_time() = api::ToTimestamp(request.create_time);
  *out->mutable_update_time() = api::ToTimestamp(request.update_time);
}

void ToProto(const RoomKey& key, absl::Time now, v1::RoomKey* out) {
  out->set_name(KeyName(key.building_id, key.room_id, key.key_id));
  out->set_custodian(key.custodian);
  out->set_holder(key.holder);
  if (key.expected_return_time.has_value()) {
    *out->mutable_expected_return_time() = api::ToTimestamp(*key.expected_return_time);
  }
  if (key.check_out_time.has_value()) {
    *out->mutable_check_out_time() = api::ToTimestamp(*key.check_out_time);
  }
  out->set_overdue(IsOverdue(key, now));
  *out->mutable_create_time() = api::ToTimestamp(key.create_time);
}

}  // namespace huiwu::inventory
