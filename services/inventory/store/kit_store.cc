// InventoryStore: kit templates and meeting kits (reserved → issued → settled, or
// released when the meeting is cancelled).
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

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
#include "services/inventory/store/balance_ops.h"
#include "services/inventory/store/inventory_store.h"

namespace huiwu::inventory {
namespace {

constexpr char kInsertTemplate[] =
    "INSERT INTO kit_templates (template_id, display_name, meeting_kind, min_participants, "
    "max_participants, create_time) VALUES (?, ?, ?, ?, ?, ?)";
constexpr char kInsertTemplateLine[] =
    "INSERT INTO kit_template_lines (template_id, item_id, per_participant, fixed) "
    "VALUES (?, ?, ?, ?)";
constexpr char kTemplateColumns[] =
    "t.template_id, t.display_name, t.meeting_kind, t.min_participants, t.max_participants, "
    "t.create_time, l.item_id, l.per_participant, l.fixed";
const std::string kSelectTemplate =
    absl::StrCat("SELECT ", kTemplateColumns,
                 " FROM kit_templates t JOIN kit_template_lines l ON l.template_id = t.template_id "
                 "WHERE t.template_id = ? ORDER BY l.item_id");
// The templates of a kind whose size range holds the meeting (index on kind, min).
const std::string kSelectTemplatesFor =
    absl::StrCat("SELECT ", kTemplateColumns,
                 " FROM kit_templates t JOIN kit_template_lines l ON l.template_id = t.template_id "
                 "WHERE t.meeting_kind = ? AND t.min_participants <= ? AND t.max_participants >= ? "
                 "ORDER BY t.template_id, l.item_id");

constexpr char kKitColumns[] =
    "meeting_id, meeting_kind, participant_count, room, organizer_unit, start_time, end_time, "
    "source_location, template_id, state, version, create_time, update_time";
const std::string kInsertKit = absl::StrCat("INSERT INTO kits (", kKitColumns,
                                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)");
const std::string kSelectKit =
    absl::StrCat("SELECT ", kKitColumns, " FROM kits WHERE meeting_id = ?");
const std::string kSelectKitForUpdate = kSelectKit + " FOR UPDATE";
constexpr char kSelectKitLines[] =
    "SELECT item_id, quantity, issued, consumed, returned FROM kit_lines WHERE meeting_id = ? "
    "ORDER BY item_id";
constexpr char kInsertKitLine[] =
    "INSERT INTO kit_lines (meeting_id, item_id, quantity, issued, consumed, returned) "
    "VALUES (?, ?, ?, 0, 0, 0)";
constexpr char kUpdateKitLine[] =
    "UPDATE kit_lines SET issued = ?, consumed = ?, returned = ? WHERE meeting_id = ? AND "
    "item_id = ?";
// Every step writes the kit row, so two steps of one kit on two nodes conflict.
constexpr char kUpdateKitState[] =
    "UPDATE kits SET state = ?, version = version + 1, update_time = ? WHERE meeting_id = ?";

// How many short items the message names; metadata carries them all (bounded centrally).
constexpr int kShortItemsInMessage = 8;
constexpr int kShortItemsInMetadata = 14;

KitTemplate ReadTemplateHead(sql::ResultSet& row) {
  KitTemplate t;
  t.id = row.getString(1);
  t.display_name = row.getString(2);
  t.meeting_kind = static_cast<MeetingKind>(row.getInt(3));
  t.min_participants = row.getInt(4);
  t.max_participants = row.getInt(5);
  t.create_time = db::FromSqlDateTime(std::string(row.getString(6)));
  return t;
}

std::vector<KitTemplate> ReadTemplates(sql::ResultSet& row) {
  std::vector<KitTemplate> templates;
  while (row.next()) {
    const std::string id = row.getString(1);
    if (templates.empty() || templates.back().id != id) templates.push_back(ReadTemplateHead(row));
    templates.back().lines.push_back(
        {std::string(row.getString(7)), row.getInt64(8), row.getInt64(9)});
  }
  return templates;
}

std::optional<KitTemplate> FindTemplate(db::Connection& c, absl::string_view template_id) {
  auto& select = c.Prepare(kSelectTemplate);
  select.setString(1, std::string(template_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  std::vector<KitTemplate> found = ReadTemplates(*row);
  if (found.empty()) return std::nullopt;
  return found[0];
}

std::optional<Kit> FindKit(db::Connection& c, const std::string& sql,
                           absl::string_view meeting_id) {
  auto& select = c.Prepare(sql);
  select.setString(1, std::string(meeting_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  Kit kit;
  kit.meeting_id = row->getString(1);
  kit.meeting_kind = static_cast<MeetingKind>(row->getInt(2));
  kit.participant_count = row->getInt(3);
  kit.room = row->getString(4);
  kit.organizer_unit = row->getString(5);
  kit.start_time = db::FromSqlDateTime(std::string(row->getString(6)));
  kit.end_time = db::FromSqlDateTime(std::string(row->getString(7)));
  kit.source_location = row->getString(8);
  kit.template_id = row->getString(9);
  kit.state = static_cast<KitState>(row->getInt(10));
  kit.version = row->getInt64(11);
  kit.create_time = db::FromSqlDateTime(std::string(row->getString(12)));
  kit.update_time = db::FromSqlDateTime(std::string(row->getString(13)));
  auto& lines = c.Prepare(kSelectKitLines);
  lines.setString(1, std::string(meeting_id));
  std::unique_ptr<sql::ResultSet> line(lines.executeQuery());
  while (line->next()) {
    kit.lines.push_back({std::string(line->getString(1)), line->getInt64(2), line->getInt64(3),
                         line->getInt64(4), line->getInt64(5)});
  }
  return kit;
}

absl::Status KitNotFound(absl::string_view meeting_id) {
  return ErrorWithReason(
      absl::StatusCode::kNotFound, "KIT_NOT_FOUND",
      absl::StrCat(KitName(meeting_id), " does not exist; reserve the meeting's kit first"),
      {{"kit", KitName(meeting_id)}});
}

absl::Status TemplateNotFound(absl::string_view template_id) {
  return ErrorWithReason(
      absl::StatusCode::kNotFound, "KIT_TEMPLATE_NOT_FOUND",
      absl::StrCat(KitTemplateName(template_id), " does not exist; create it or give lines"),
      {{"kit_template", KitTemplateName(template_id)}});
}

absl::Status NoTemplateFor(const Kit& kit) {
  return ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "NO_KIT_TEMPLATE",
      absl::StrCat("no kit template for meeting kind ", static_cast<int>(kit.meeting_kind), " and ",
                   kit.participant_count,
                   " participants; create one (CreateKitTemplate) or give the lines"),
      {{"meeting_kind", absl::StrCat(static_cast<int>(kit.meeting_kind))},
       {"participant_count", absl::StrCat(kit.participant_count)}});
}

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

void WriteKitState(db::Connection& c, const Kit& kit, KitState state, absl::Time now) {
  auto& update = c.Prepare(kUpdateKitState);
  update.setInt(1, static_cast<int>(state));
  update.setDateTime(2, db::ToSqlDateTime(now));
  update.setString(3, kit.meeting_id);
  update.executeUpdate();
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

Movement KitMovement(const Kit& kit, const KitLine& line, MovementKind kind, int64_t quantity,
                     absl::string_view actor, absl::string_view reason) {
  Movement m;
  m.item_id = line.item_id;
  m.location = kit.source_location;
  m.kind = kind;
  m.quantity = quantity;
  m.reason = std::string(reason);
  m.meeting_id = kit.meeting_id;
  m.actor = std::string(actor);
  return m;
}

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
        auto found = FindKit(c, kSelectKit, kit.meeting_id);
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
        auto& select = c.Prepare(kSelectTemplatesFor);
        select.setInt(1, static_cast<int>(kit.meeting_kind));
        select.setInt(2, kit.participant_count);
        select.setInt(3, kit.participant_count);
        std::unique_ptr<sql::ResultSet> row(select.executeQuery());
        chosen = ChooseTemplate(ReadTemplates(*row), kit.meeting_kind, kit.participant_count);
        if (!chosen.has_value()) return NoTemplateFor(kit);
      }
      template_id = chosen->id;
      lines = KitQuantities(*chosen, kit.participant_count);
    }
    try {
      auto& insert = c.Prepare(kInsertKit);
      insert.setString(1, kit.meeting_id);
      insert.setInt(2, static_cast<int>(kit.meeting_kind));
      insert.setInt(3, kit.participant_count);
      insert.setString(4, kit.room);
      insert.setString(5, kit.organizer_unit);
      insert.setDateTime(6, db::ToSqlDateTime(kit.start_time));
      insert.setDateTime(7, db::ToSqlDateTime(kit.end_time));
      insert.setString(8, kit.source_location);
      insert.setString(9, template_id);
      insert.setInt(10, static_cast<int>(KitState::kReserved));
      insert.setDateTime(11, db::ToSqlDateTime(now));
      insert.setDateTime(12, db::ToSqlDateTime(now));
      insert.executeUpdate();
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
      auto& insert = c.Prepare(kInsertKitLine);
      insert.setString(1, kit.meeting_id);
      insert.setString(2, line.item_id);
      insert.setInt64(3, line.quantity);
      insert.executeUpdate();
      OpenReplenishmentIfLow(c, line.item_id, kit.source_location, now);
    }
    result = kit;
    result.template_id = template_id;
    result.state = KitState::kReserved;
    result.version = 1;
    result.create_time = result.update_time = absl::FromUnixMicros(absl::ToUnixMicros(now));
    result.lines.clear();
    for (const ItemQuantity& line : lines) result.lines.push_back({line.item_id, line.quantity});
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

// One step of a kit's life, in one transaction: the kit locked, its etag and the step
// checked against its state, `apply` moving its lines and stock, then its new state.
absl::StatusOr<Kit> InventoryStore::StepKit(
    absl::string_view method, const KitStepCommand& command, KitAction action, KitState next,
    absl::Time now, absl::FunctionRef<absl::Status(db::Connection&, Kit&)> apply) {
  Kit result;
  absl::Status status = db::InTransaction(pool_, method, [&](db::Connection& c) {
    auto found = FindKit(c, kSelectKitForUpdate, command.meeting_id);
    if (!found.has_value()) return KitNotFound(command.meeting_id);
    Kit kit = *found;
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
    result = kit;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<Kit> InventoryStore::IssueKit(const KitStepCommand& command, absl::string_view actor,
                                             absl::Time now) {
  return StepKit(
      "IssueKit", command, KitAction::kIssue, KitState::kIssued, now,
      [&](db::Connection& c, Kit& kit) {
        for (KitLine& line : kit.lines) {
          IssueReserved(c, line.item_id, kit.source_location, line.quantity);
          PostLedger(
              c, KitMovement(kit, line, MovementKind::kIssue, -line.quantity, actor, "kit issued"),
              now);
          line.issued = line.quantity;
          WriteKitLine(c, kit, line);
        }
        return absl::OkStatus();
      });
}

absl::StatusOr<Kit> InventoryStore::SettleKit(const KitStepCommand& command,
                                              absl::string_view actor, absl::Time now) {
  return StepKit("SettleKit", command, KitAction::kSettle, KitState::kSettled, now,
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
  const std::string reason =
      command.reason.empty() ? "kit released" : absl::StrCat("kit released: ", command.reason);
  return StepKit(
      "ReleaseKit", command, KitAction::kRelease, KitState::kReleased, now,
      [&](db::Connection& c, Kit& kit) {
        for (KitLine& line : kit.lines) {
          if (kit.state == KitState::kReserved) {
            Unreserve(c, line.item_id, kit.source_location, line.quantity);
            continue;
          }
          // Issued and then cancelled: all of it comes back, nothing was consumed.
          IncreaseOnHand(c, line.item_id, kit.source_location, line.issued);
          PostLedger(c, KitMovement(kit, line, MovementKind::kReturn, line.issued, actor, reason),
                     now);
          line.returned = line.issued;
          line.consumed = 0;
          WriteKitLine(c, kit, line);
        }
        return absl::OkStatus();
      });
}

}  // namespace huiwu::inventory
