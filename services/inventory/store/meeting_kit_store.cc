// InventoryStore: the kit that follows its meeting through booking's events
// (meeting_event_handler.h), and the kit as readiness reads it.
#include <cppconn/exception.h>

#include <map>
#include <optional>

#include "absl/status/status.h"
#include "common/db/sql_error.h"
#include "common/db/transaction.h"
#include "services/inventory/domain/kit_rules.h"
#include "services/inventory/domain/meeting_kit_rules.h"
#include "services/inventory/store/balance_ops.h"
#include "services/inventory/store/inventory_events.h"
#include "services/inventory/store/inventory_store.h"
#include "services/inventory/store/kit_rows.h"

namespace huiwu::inventory {
namespace {

// The norm a reserved kit is held to after its meeting changed: its own template while
// that still fits the kind and size, else the template that fits now, else (no norm for
// the new size) the norm it holds.
std::vector<ItemQuantity> TargetNorm(db::Connection& c, const Kit& kit, Kit& next) {
  if (kit.template_id.empty()) return NeededLines(kit);  // lines given by hand stay
  std::optional<KitTemplate> own = FindTemplate(c, kit.template_id);
  if (own.has_value() && TemplateFits(*own, next.meeting_kind, next.participant_count)) {
    return KitQuantities(*own, next.participant_count);
  }
  std::optional<KitTemplate> chosen =
      ChooseTemplateFor(c, next.meeting_kind, next.participant_count);
  if (!chosen.has_value()) return NeededLines(kit);
  next.template_id = chosen->id;
  return KitQuantities(*chosen, next.participant_count);
}

// Applies `changes`: gives back at `from` first (so a change within one cabinet can
// reuse what it frees), then reserves at `next.source_location` as much as is available.
// Sets next.lines.
void ApplyReservation(db::Connection& c, const std::vector<LineChange>& changes,
                      absl::string_view from, Kit& next, absl::Time now) {
  for (const LineChange& change : changes) {
    if (change.release > 0) Unreserve(c, change.item_id, from, change.release);
  }
  next.lines.clear();
  for (const LineChange& change : changes) {
    const int64_t got = ReserveUpTo(c, change.item_id, next.source_location, change.reserve);
    if (got > 0) {
      NoteAvailableDrop(c, change.item_id, next.source_location, got, next.meeting_id, now);
    }
    if (change.needed == 0) continue;
    KitLine line;
    line.item_id = change.item_id;
    line.quantity = change.keep + got;
    line.needed = change.needed;
    next.lines.push_back(line);
  }
}

bool SameLines(const std::vector<KitLine>& a, const std::vector<KitLine>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].item_id != b[i].item_id || a[i].quantity != b[i].quantity ||
        a[i].needed != b[i].needed) {
      return false;
    }
  }
  return true;
}

void CopyMeetingDetails(const Kit& meeting, Kit& kit) {
  kit.meeting_kind = meeting.meeting_kind;
  kit.participant_count = meeting.participant_count;
  kit.room = meeting.room;
  kit.organizer_unit = meeting.organizer_unit;
  kit.start_time = meeting.start_time;
  kit.end_time = meeting.end_time;
}

}  // namespace

absl::StatusOr<std::optional<Kit>> InventoryStore::FollowMeeting(const Kit& meeting, bool create,
                                                                 absl::Time now) {
  std::optional<Kit> result;
  const absl::Time stamp = absl::FromUnixMicros(absl::ToUnixMicros(now));
  absl::Status status = db::InTransaction(pool_, "FollowMeeting", [&](db::Connection& c) {
    result.reset();
    std::optional<Kit> found = FindKit(c, meeting.meeting_id, KitLock::kForUpdate);
    if (!found.has_value()) {
      if (!create) return absl::OkStatus();
      std::optional<KitTemplate> chosen =
          ChooseTemplateFor(c, meeting.meeting_kind, meeting.participant_count);
      if (!chosen.has_value())
        return NoTemplateFor(meeting.meeting_kind, meeting.participant_count);
      Kit kit = meeting;
      // The room's own cabinet, as ReserveKit does by default.
      kit.source_location = meeting.room;
      kit.template_id = chosen->id;
      kit.state = KitState::kReserved;
      kit.version = 1;
      kit.create_time = kit.update_time = stamp;
      try {
        InsertKit(c, kit, now);
      } catch (const sql::SQLException& e) {
        if (e.getErrorCode() != db::kErDupEntry) throw;
        // Another replica reserved it in between: the next attempt finds it.
        return absl::AbortedError("the meeting's kit was reserved concurrently; retry");
      }
      ApplyReservation(
          c, PlanReservation({}, KitQuantities(*chosen, meeting.participant_count), false),
          kit.source_location, kit, now);
      for (const KitLine& line : kit.lines) SaveKitLine(c, kit.meeting_id, line);
      PublishKitReserved(c, kit, now);
      result = kit;
      return absl::OkStatus();
    }
    const Kit kit = *found;
    if (kit.state == KitState::kSettled || kit.state == KitState::kReleased) {
      return absl::OkStatus();  // closed: a late move changes nothing any more
    }
    Kit next = kit;
    CopyMeetingDetails(meeting, next);
    if (kit.state == KitState::kIssued) {
      // Handed out already: the kit goes with the meeting as it is; its stock returns to
      // where it came from when it is settled.
      if (!MeetingDetailsDiffer(kit, next)) return absl::OkStatus();
      WriteKitDetails(c, next, now);
      next.version += 1;
      next.update_time = stamp;
      PublishKitUpdated(c, next, now);
      result = next;
      return absl::OkStatus();
    }
    next.source_location = SourceAfterMove(kit, meeting.room);
    const std::vector<ItemQuantity> target = TargetNorm(c, kit, next);
    const bool source_moved = next.source_location != kit.source_location;
    ApplyReservation(c, PlanReservation(kit.lines, target, source_moved), kit.source_location, next,
                     now);
    if (!source_moved && SameLines(kit.lines, next.lines) && !MeetingDetailsDiffer(kit, next) &&
        next.template_id == kit.template_id) {
      return absl::OkStatus();  // already so: a repeated event, or nothing came free
    }
    std::map<std::string, bool> kept;
    for (const KitLine& line : next.lines) {
      SaveKitLine(c, next.meeting_id, line);
      kept[line.item_id] = true;
    }
    for (const KitLine& line : kit.lines) {
      if (kept.count(line.item_id) == 0) DeleteKitLine(c, next.meeting_id, line.item_id);
    }
    WriteKitDetails(c, next, now);
    next.version += 1;
    next.update_time = stamp;
    PublishKitReserved(c, next, now);
    result = next;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<Kit> InventoryStore::GetKit(absl::string_view meeting_id) {
  std::optional<Kit> kit;
  absl::Status status = db::ReadOnly(pool_, "GetMeetingKit", [&](db::Connection& c) {
    kit = FindKit(c, meeting_id, KitLock::kNone);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!kit.has_value()) return KitNotFound(meeting_id);
  return *kit;
}

}  // namespace huiwu::inventory
