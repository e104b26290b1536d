// InventoryStore: kit templates and meeting kits (reserved → issued → settled, or
// released when the meeting is cancelled), by hand (the kit RPCs) and, for release and
// settlement, by booking's events (meeting_event_handler.h).
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/api/etag_check.h"
#include "common/db/idempotency.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/inventory/api/names.h"
#include "services/inventory/domain/kit_rules.h"
#include "services/inventory/domain/meeting_kit_rules.h"
#include "services/inventory/store/balance_ops.h"
#include "services/inventory/store/inventory_events.h"
#include "services/inventory/store/inventory_store.h"
#include "services/inventory/store/kit_rows.h"

namespace huiwu::inventory {
namespace {

constexpr char kInsertTemplate[] =
    "INSERT INTO kit_templates (template_id, display_name, meeting_kind, min_participants, "
    "max_participants, create_time) VALUES (?, ?, ?, ?, ?, ?)";
constexpr char kInsertTemplateLine[] =
    "INSERT INTO kit_template_lines (template_id, item_id, per_participant, fixed) "
    "VALUES (?, ?, ?, ?)";
constexpr char kUpdateKitLine[] =
    "UPDATE kit_lines SET issued = ?, consumed = ?, returned = ? WHERE meeting_id = ? AND "
    "item_id = ?";

// How many short items the message names; metadata carries them all (bounded centrally).
constexpr int kShortItemsInMessage = 8;
constexpr int kShortItemsInMetadata = 14;

// KIT_SHORT: each short item and its missing quantity, as ErrorInfo metadata
// ("items/{item}" → missing) and in the message (the first few).
absl::Status KitShort(const Kit& kit, const std::vector<ItemQuantity>& missing) {
  // The metadata keeps the first items and the count: with the location that stays within
  // the 16 entries an answer carries (kMaxErrorMetadataEntries in common/status).
  ErrorMetadata metadata = {{"source_location", kit.source_location},
                            {"short_items", absl::StrCat(missing.size())}};
  std::vector<std::string> named;
  for (const ItemQuantity& m : missing) {
    if (static_cast<int>(metadata.size()) < kShortItemsInMetadata + 2) {
      metadata[ItemName(m.item_id)] = absl::StrCat(m.quantity);
    }
    named.push_back(absl::StrCat(ItemName(m.item_id), " short by ", m.quantity));
  }
  return ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "KIT_SHORT",
      absl::StrCat("the kit for ", MeetingName(kit.meeting_id), " cannot be met from ",
                   kit.source_location, ": ", JoinFirst(named, kShortItemsInMessage),
                   "; nothing was reserved. Transfer or receive stock, or reserve from "
                   "another location"),
      metadata);
}

void WriteKitLine(db::Connection& c, const Kit& kit, const KitLine& line) {
  auto& update = c.Prepare(kUpdateKitLine);
  update.setInt64(1, line.issued);
  update.setInt64(2, line.consumed);
  update.setInt64(3, line.returned);
  update.setString(4, kit.meeting_id);
  update.setString(5, line.item_id);
  update.executeUpdate();
}

// Everything reserved or issued comes back; nothing was consumed. A line that reserved
// nothing (a short kit) moves nothing.
void ReleaseLines(db::Connection& c, Kit& kit, absl::string_view actor, absl::string_view reason,
                  absl::Time now) {
  for (KitLine& line : kit.lines) {
    if (kit.state == KitState::kReserved) {
      if (line.quantity > 0) Unreserve(c, line.item_id, kit.source_location, line.quantity);
      continue;
    }
    // Issued and then cancelled: all of it comes back, nothing was consumed.
    if (line.issued > 0) {
      IncreaseOnHand(c, line.item_id, kit.source_location, line.issued);
      PostLedger(c, KitMovement(kit, line, MovementKind::kReturn, line.issued, actor, reason), now);
    }
    line.returned = line.issued;
    line.consumed = 0;
    WriteKitLine(c, kit, line);
  }
}

std::string ReleaseReason(absl::string_view reason) {
  return reason.empty() ? "kit released" : absl::StrCat("kit released: ", reason);
}

// The ledger's actor for what booking's events do.
constexpr char kMeetingEventsActor[] = "inventory/meeting-events";

}  // namespace

absl::StatusOr<KitTemplate> InventoryStore::CreateKitTemplate(const KitTemplate& kit_template,
                                                              absl::string_view request_id,
                                                              absl::Time now) {
  KitTemplate result;
  absl::Status status = db::InTransaction(pool_, "CreateKitTemplate", [&](db::Connection& c) {
    if (!request_id.empty()) {
      auto earlier = db::ClaimRequestId(c, "CreateKitTemplate", request_id,
                                        KitTemplateName(kit_template.id), now);
      if (earlier.has_value()) {
        auto found = FindTemplate(c, kit_template.id);
        if (!found.has_value()) return TemplateNotFound(kit_template.id);
        result = *found;
        return absl::OkStatus();
      }
    }
    for (const KitTemplateLine& line : kit_template.lines) {
      if (!ItemExists(c, line.item_id)) return ItemNotFound(line.item_id);
    }
    try {
      auto& insert = c.Prepare(kInsertTemplate);
      insert.setString(1, kit_template.id);
      insert.setString(2, kit_template.display_name);
      insert.setInt(3, static_cast<int>(kit_template.meeting_kind));
      insert.setInt(4, kit_template.min_participants);
      insert.setInt(5, kit_template.max_participants);
      insert.setDateTime(6, db::ToSqlDateTime(now));
      insert.executeUpdate();
    } catch (const sql::SQLException& e) {
      if (e.getErrorCode() != db::kErDupEntry) throw;
      return ErrorWithReason(absl::StatusCode::kAlreadyExists, "KIT_TEMPLATE_ALREADY_EXISTS",
                             absl::StrCat(KitTemplateName(kit_template.id),
                                          " already exists; choose another kit_template_id"),
                             {{"kit_template", KitTemplateName(kit_template.id)}});
    }
    for (const KitTemplateLine& line : kit_template.lines) {
      auto& insert = c.Prepare(kInsertTemplateLine);
      insert.setString(1, kit_template.id);
      insert.setString(2, line.item_id);
      insert.setInt64(3, line.per_participant);
      insert.setInt64(4, line.fixed);
      insert.executeUpdate();
    }
    result = kit_template;
    std::sort(
        result.lines.begin(), result.lines.end(),
        [](const KitTemplateLine& a, const KitTemplateLine& b) { return a.item_id < b.item_id; });
    result.create_time = absl::FromUnixMicros(absl::ToUnixMicros(now));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<Kit> InventoryStore::ReserveKit(const ReserveKitCommand& command, absl::Time now) {
  Kit result;
  absl::Status status = db::InTransaction(pool_, "ReserveKit", [&](db::Connection& c) {
    const Kit& kit = command.kit;
    if (!command.request_id.empty()) {
      auto earlier =
          db::ClaimRequestId(c, "ReserveKit", command.request_id, KitName(kit.meeting_id), now);
      if (earlier.has_value()) {
        auto found = FindKit(c, kit.meeting_id, KitLock::kNone);
        if (!found.has_value()) return KitNotFound(kit.meeting_id);
        result = *found;
        return absl::OkStatus();
      }
    }
    std::vector<ItemQuantity> lines = command.lines;
    std::string template_id = kit.template_id;
    if (lines.empty()) {
      std::optional<KitTemplate> chosen;
      if (!template_id.empty()) {
        chosen = FindTemplate(c, template_id);
        if (!chosen.has_value()) return TemplateNotFound(template_id);
      } else {
        chosen = ChooseTemplateFor(c, kit.meeting_kind, kit.participant_count);
        if (!chosen.has_value()) return NoTemplateFor(kit.meeting_kind, kit.participant_count);
      }
      template_id = chosen->id;
      lines = KitQuantities(*chosen, kit.participant_count);
    }
    result = kit;
    result.template_id = template_id;
    result.state = KitState::kReserved;
    result.version = 1;
    result.create_time = result.update_time = absl::FromUnixMicros(absl::ToUnixMicros(now));
    result.lines.clear();
    try {
      InsertKit(c, result, now);
    } catch (const sql::SQLException& e) {
      if (e.getErrorCode() != db::kErDupEntry) throw;
      return ErrorWithReason(
          absl::StatusCode::kAlreadyExists, "KIT_ALREADY_EXISTS",
          absl::StrCat(MeetingName(kit.meeting_id),
                       " already has a kit; read it, or release it and reserve again"),
          {{"kit", KitName(kit.meeting_id)}});
    }
    // All or nothing: every line is tried so the answer names every short item; one
    // short line rolls the whole transaction back.
    std::vector<ItemQuantity> missing;
    for (const ItemQuantity& line : lines) {
      if (Reserve(c, line.item_id, kit.source_location, line.quantity)) continue;
      const Balance balance = ReadBalance(c, line.item_id, kit.source_location);
      missing.push_back({line.item_id, line.quantity - std::max<int64_t>(0, balance.available())});
    }
    if (!missing.empty()) return KitShort(kit, missing);
    for (const ItemQuantity& line : lines) {
      KitLine kit_line;
      kit_line.item_id = line.item_id;
      kit_line.quantity = kit_line.needed = line.quantity;
      SaveKitLine(c, kit.meeting_id, kit_line);
      result.lines.push_back(kit_line);
      NoteAvailableDrop(c, line.item_id, kit.source_location, line.quantity, kit.meeting_id, now);
    }
    PublishKitReserved(c, result, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

// One step of a kit's life, in one transaction: the kit locked, its etag and the step
// checked against its state, `apply` moving its lines and stock, then its new state and
// its event. By an event, a meeting without a kit or with a closed one has nothing to
// do (nullopt): the event was applied before, or the kit was never reserved.
absl::StatusOr<std::optional<Kit>> InventoryStore::StepKit(
    absl::string_view method, const KitStepCommand& command, KitAction action, KitState next,
    StepBy by, absl::Time now, absl::FunctionRef<absl::Status(db::Connection&, Kit&)> apply) {
  std::optional<Kit> result;
  absl::Status status = db::InTransaction(pool_, method, [&](db::Connection& c) {
    result.reset();
    auto found = FindKit(c, command.meeting_id, KitLock::kForUpdate);
    if (!found.has_value()) {
      return by == StepBy::kEvent ? absl::OkStatus() : KitNotFound(command.meeting_id);
    }
    Kit kit = *found;
    if (by == StepBy::kEvent &&
        (kit.state == KitState::kSettled || kit.state == KitState::kReleased)) {
      return absl::OkStatus();
    }
    absl::Status fresh = api::CheckEtag(command.etag, kit.version, KitName(kit.meeting_id));
    if (!fresh.ok()) return fresh;
    absl::Status allowed = CheckKitAction(kit.state, action, KitName(kit.meeting_id));
    if (!allowed.ok()) return allowed;
    absl::Status applied = apply(c, kit);
    if (!applied.ok()) return applied;
    WriteKitState(c, kit, next, now);
    kit.state = next;
    kit.version += 1;
    kit.update_time = absl::FromUnixMicros(absl::ToUnixMicros(now));
    switch (next) {
      case KitState::kIssued:
        PublishKitIssued(c, kit, now);
        break;
      case KitState::kSettled:
        PublishKitSettled(c, kit, action == KitAction::kComplete, now);
        break;
      case KitState::kReleased:
        PublishKitReleased(c, kit, command.reason, now);
        break;
      case KitState::kReserved:
        break;
    }
    result = kit;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<Kit> InventoryStore::StepKitByHand(
    absl::string_view method, const KitStepCommand& command, KitAction action, KitState next,
    absl::Time now, absl::FunctionRef<absl::Status(db::Connection&, Kit&)> apply) {
  absl::StatusOr<std::optional<Kit>> kit =
      StepKit(method, command, action, next, StepBy::kHand, now, apply);
  if (!kit.ok()) return kit.status();
  if (!kit->has_value()) return KitNotFound(command.meeting_id);
  return **kit;
}

absl::StatusOr<Kit> InventoryStore::IssueKit(const KitStepCommand& command, absl::string_view actor,
                                             absl::Time now) {
  return StepKitByHand("IssueKit", command, KitAction::kIssue, KitState::kIssued, now,
                       [&](db::Connection& c, Kit& kit) {
                         for (KitLine& line : kit.lines) {
                           // A short kit hands out what it holds; a line that reserved nothing
                           // moves nothing.
                           if (line.quantity > 0) {
                             IssueReserved(c, line.item_id, kit.source_location, line.quantity);
                             PostLedger(c,
                                        KitMovement(kit, line, MovementKind::kIssue, -line.quantity,
                                                    actor, "kit issued"),
                                        now);
                           }
                           line.issued = line.quantity;
                           WriteKitLine(c, kit, line);
                         }
                         return absl::OkStatus();
                       });
}

absl::StatusOr<Kit> InventoryStore::SettleKit(const KitStepCommand& command,
                                              absl::string_view actor, absl::Time now) {
  return StepKitByHand("SettleKit", command, KitAction::kSettle, KitState::kSettled, now,
                       [&](db::Connection& c, Kit& kit) {
                         absl::Status split = SettleLines(command.consumed, kit.lines);
                         if (!split.ok()) return split;
                         for (const KitLine& line : kit.lines) {
                           if (line.returned > 0) {
                             IncreaseOnHand(c, line.item_id, kit.source_location, line.returned);
                             PostLedger(c,
                                        KitMovement(kit, line, MovementKind::kReturn, line.returned,
                                                    actor, "kit settled: unused returned"),
                                        now);
                           }
                           WriteKitLine(c, kit, line);
                         }
                         return absl::OkStatus();
                       });
}

absl::StatusOr<Kit> InventoryStore::ReleaseKit(const KitStepCommand& command,
                                               absl::string_view actor, absl::Time now) {
  const std::string reason = ReleaseReason(command.reason);
  return StepKitByHand("ReleaseKit", command, KitAction::kRelease, KitState::kReleased, now,
                       [&](db::Connection& c, Kit& kit) {
                         ReleaseLines(c, kit, actor, reason, now);
                         return absl::OkStatus();
                       });
}

absl::StatusOr<std::optional<Kit>> InventoryStore::ReleaseMeetingKit(absl::string_view meeting_id,
                                                                     absl::string_view reason,
                                                                     absl::Time now) {
  KitStepCommand command;
  command.meeting_id = std::string(meeting_id);
  command.reason = std::string(reason);
  const std::string ledger_reason = ReleaseReason(reason);
  return StepKit("ReleaseMeetingKit", command, KitAction::kRelease, KitState::kReleased,
                 StepBy::kEvent, now, [&](db::Connection& c, Kit& kit) {
                   ReleaseLines(c, kit, kMeetingEventsActor, ledger_reason, now);
                   return absl::OkStatus();
                 });
}

absl::StatusOr<std::optional<Kit>> InventoryStore::SettleMeetingKit(absl::string_view meeting_id,
                                                                    absl::Time now) {
  KitStepCommand command;
  command.meeting_id = std::string(meeting_id);
  return StepKit(
      "SettleMeetingKit", command, KitAction::kComplete, KitState::kSettled, StepBy::kEvent, now,
      [&](db::Connection& c, Kit& kit) {
        const bool was_issued = kit.state == KitState::kIssued;
        SettleOnCompletion(was_issued, KitItemCategories(c, kit.meeting_id), kit.lines);
        for (const KitLine& line : kit.lines) {
          if (!was_issued) {
            // Used in place from the cabinet: the consumed units leave the stock now; what
            // comes back never left and is simply no longer held.
            if (line.consumed > 0) {
              IssueReserved(c, line.item_id, kit.source_location, line.consumed);
              PostLedger(
                  c,
                  KitMovement(kit, line, MovementKind::kIssue, -line.consumed, kMeetingEventsActor,
                              "kit used at the meeting, settled on its completion"),
                  now);
            }
            if (line.returned > 0) {
              Unreserve(c, line.item_id, kit.source_location, line.returned);
            }
          } else if (line.returned > 0) {
            IncreaseOnHand(c, line.item_id, kit.source_location, line.returned);
            PostLedger(
                c,
                KitMovement(kit, line, MovementKind::kReturn, line.returned, kMeetingEventsActor,
                            "kit settled on the meeting's completion: returned"),
                now);
          }
          SaveKitLine(c, kit.meeting_id, line);
        }
        return absl::OkStatus();
      });
}

}  // namespace huiwu::inventory
