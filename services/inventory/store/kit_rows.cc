#include "services/inventory/store/kit_rows.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/sql_time.h"
#include "common/status/errors.h"
#include "services/inventory/api/names.h"
#include "services/inventory/domain/kit_rules.h"

namespace huiwu::inventory {
namespace {

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
    "SELECT item_id, quantity, issued, consumed, returned, needed FROM kit_lines "
    "WHERE meeting_id = ? ORDER BY item_id";
constexpr char kSaveKitLine[] =
    "INSERT INTO kit_lines (meeting_id, item_id, quantity, issued, consumed, returned, needed) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE quantity = VALUES(quantity), "
    "issued = VALUES(issued), consumed = VALUES(consumed), returned = VALUES(returned), "
    "needed = VALUES(needed)";
constexpr char kDeleteKitLine[] = "DELETE FROM kit_lines WHERE meeting_id = ? AND item_id = ?";
constexpr char kUpdateKitState[] =
    "UPDATE kits SET state = ?, version = version + 1, update_time = ? WHERE meeting_id = ?";
constexpr char kUpdateKitDetails[] =
    "UPDATE kits SET meeting_kind = ?, participant_count = ?, room = ?, organizer_unit = ?, "
    "start_time = ?, end_time = ?, source_location = ?, template_id = ?, state = ?, "
    "version = version + 1, update_time = ? WHERE meeting_id = ?";
constexpr char kSelectKitCategories[] =
    "SELECT l.item_id, i.category FROM kit_lines l JOIN items i ON i.item_id = l.item_id "
    "WHERE l.meeting_id = ?";

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

}  // namespace

std::optional<KitTemplate> FindTemplate(db::Connection& c, absl::string_view template_id) {
  auto& select = c.Prepare(kSelectTemplate);
  select.setString(1, std::string(template_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  std::vector<KitTemplate> found = ReadTemplates(*row);
  if (found.empty()) return std::nullopt;
  return found[0];
}

std::optional<KitTemplate> ChooseTemplateFor(db::Connection& c, MeetingKind kind,
                                             int participants) {
  auto& select = c.Prepare(kSelectTemplatesFor);
  select.setInt(1, static_cast<int>(kind));
  select.setInt(2, participants);
  select.setInt(3, participants);
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  return ChooseTemplate(ReadTemplates(*row), kind, participants);
}

std::optional<Kit> FindKit(db::Connection& c, absl::string_view meeting_id, KitLock lock) {
  auto& select = c.Prepare(lock == KitLock::kForUpdate ? kSelectKitForUpdate : kSelectKit);
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
                         line->getInt64(4), line->getInt64(5), line->getInt64(6)});
  }
  return kit;
}

void InsertKit(db::Connection& c, const Kit& kit, absl::Time now) {
  auto& insert = c.Prepare(kInsertKit);
  insert.setString(1, kit.meeting_id);
  insert.setInt(2, static_cast<int>(kit.meeting_kind));
  insert.setInt(3, kit.participant_count);
  insert.setString(4, kit.room);
  insert.setString(5, kit.organizer_unit);
  insert.setDateTime(6, db::ToSqlDateTime(kit.start_time));
  insert.setDateTime(7, db::ToSqlDateTime(kit.end_time));
  insert.setString(8, kit.source_location);
  insert.setString(9, kit.template_id);
  insert.setInt(10, static_cast<int>(kit.state));
  insert.setDateTime(11, db::ToSqlDateTime(now));
  insert.setDateTime(12, db::ToSqlDateTime(now));
  insert.executeUpdate();
}

void WriteKitDetails(db::Connection& c, const Kit& kit, absl::Time now) {
  auto& update = c.Prepare(kUpdateKitDetails);
  update.setInt(1, static_cast<int>(kit.meeting_kind));
  update.setInt(2, kit.participant_count);
  update.setString(3, kit.room);
  update.setString(4, kit.organizer_unit);
  update.setDateTime(5, db::ToSqlDateTime(kit.start_time));
  update.setDateTime(6, db::ToSqlDateTime(kit.end_time));
  update.setString(7, kit.source_location);
  update.setString(8, kit.template_id);
  update.setInt(9, static_cast<int>(kit.state));
  update.setDateTime(10, db::ToSqlDateTime(now));
  update.setString(11, kit.meeting_id);
  update.executeUpdate();
}

void WriteKitState(db::Connection& c, const Kit& kit, KitState state, absl::Time now) {
  auto& update = c.Prepare(kUpdateKitState);
  update.setInt(1, static_cast<int>(state));
  update.setDateTime(2, db::ToSqlDateTime(now));
  update.setString(3, kit.meeting_id);
  update.executeUpdate();
}

void SaveKitLine(db::Connection& c, absl::string_view meeting_id, const KitLine& line) {
  auto& save = c.Prepare(kSaveKitLine);
  save.setString(1, std::string(meeting_id));
  save.setString(2, line.item_id);
  save.setInt64(3, line.quantity);
  save.setInt64(4, line.issued);
  save.setInt64(5, line.consumed);
  save.setInt64(6, line.returned);
  save.setInt64(7, line.needed);
  save.executeUpdate();
}

void DeleteKitLine(db::Connection& c, absl::string_view meeting_id, absl::string_view item_id) {
  auto& remove = c.Prepare(kDeleteKitLine);
  remove.setString(1, std::string(meeting_id));
  remove.setString(2, std::string(item_id));
  remove.executeUpdate();
}

std::map<std::string, ItemCategory> KitItemCategories(db::Connection& c,
                                                      absl::string_view meeting_id) {
  auto& select = c.Prepare(kSelectKitCategories);
  select.setString(1, std::string(meeting_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  std::map<std::string, ItemCategory> categories;
  while (row->next()) {
    categories[std::string(row->getString(1))] = static_cast<ItemCategory>(row->getInt(2));
  }
  return categories;
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

absl::Status NoTemplateFor(MeetingKind kind, int participants) {
  return ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "NO_KIT_TEMPLATE",
      absl::StrCat("no kit template for meeting kind ", static_cast<int>(kind), " and ",
                   participants, " participants; create one (CreateKitTemplate) or give the lines"),
      {{"meeting_kind", absl::StrCat(static_cast<int>(kind))},
       {"participant_count", absl::StrCat(participants)}});
}

}  // namespace huiwu::inventory
