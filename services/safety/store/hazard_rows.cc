#include "services/safety/store/hazard_rows.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/db/sql_time.h"
#include "common/status/errors.h"
#include "services/safety/store/store_util.h"

namespace huiwu::safety {

const char kHazardColumns[] =
    "hazard_id, kind, severity, building_id, room_id, description, reporter, state, assignee, "
    "deadline, escalation_level, escalation_count, source_inspection_id, source_item_id, "
    "resolution, resolver, verifier, version, create_time, update_time";

namespace {

const std::string kInsertHazard = absl::StrCat(
    "INSERT INTO hazards (", kHazardColumns,
    ", is_open) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
const std::string kSelectHazard =
    absl::StrCat("SELECT ", kHazardColumns, " FROM hazards WHERE hazard_id = ?");
const std::string kSelectHazardForUpdate = kSelectHazard + " FOR UPDATE";
constexpr char kSelectEscalations[] =
    "SELECT level, escalate_time, manual, actor, note FROM hazard_escalations "
    "WHERE hazard_id = ? ORDER BY seq";
constexpr char kInsertEscalation[] =
    "INSERT INTO hazard_escalations (hazard_id, seq, level, escalate_time, manual, actor, note) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";

}  // namespace

Hazard ReadHazard(sql::ResultSet& row) {
  Hazard h;
  h.id = row.getString(1);
  h.kind = static_cast<HazardKind>(row.getInt(2));
  h.severity = static_cast<Severity>(row.getInt(3));
  h.place.building_id = row.getString(4);
  h.place.room_id = row.getString(5);
  h.description = row.getString(6);
  h.reporter = row.getString(7);
  h.state = static_cast<HazardState>(row.getInt(8));
  h.assignee = row.getString(9);
  h.deadline = TimeColumn(row, 10);
  h.escalation_level = static_cast<EscalationLevel>(row.getInt(11));
  h.escalation_count = row.getInt(12);
  if (!row.isNull(13)) h.source_inspection_id = row.getString(13);
  if (!row.isNull(14)) h.source_item_id = row.getString(14);
  h.resolution = row.getString(15);
  h.resolver = row.getString(16);
  h.verifier = row.getString(17);
  h.version = row.getInt64(18);
  h.create_time = TimeColumn(row, 19);
  h.update_time = TimeColumn(row, 20);
  return h;
}

void InsertHazard(db::Connection& c, const Hazard& h) {
  auto& insert = c.Prepare(kInsertHazard);
  insert.setString(1, h.id);
  insert.setInt(2, static_cast<int>(h.kind));
  insert.setInt(3, static_cast<int>(h.severity));
  insert.setString(4, h.place.building_id);
  insert.setString(5, h.place.room_id);
  insert.setString(6, h.description);
  insert.setString(7, h.reporter);
  insert.setInt(8, static_cast<int>(h.state));
  insert.setString(9, h.assignee);
  insert.setDateTime(10, db::ToSqlDateTime(h.deadline));
  insert.setInt(11, static_cast<int>(h.escalation_level));
  insert.setInt(12, h.escalation_count);
  if (h.source_inspection_id.empty()) {
    insert.setNull(13, 0);
    insert.setNull(14, 0);
  } else {
    insert.setString(13, h.source_inspection_id);
    insert.setString(14, h.source_item_id);
  }
  insert.setString(15, h.resolution);
  insert.setString(16, h.resolver);
  insert.setString(17, h.verifier);
  insert.setInt64(18, h.version);
  insert.setDateTime(19, db::ToSqlDateTime(h.create_time));
  insert.setDateTime(20, db::ToSqlDateTime(h.update_time));
  insert.setBoolean(21, IsOpen(h.state));
  insert.executeUpdate();
}

std::optional<Hazard> LoadHazard(db::Connection& c, absl::string_view hazard_id, bool for_update) {
  std::optional<Hazard> hazard;
  {
    auto& select = c.Prepare(for_update ? kSelectHazardForUpdate : kSelectHazard);
    select.setString(1, std::string(hazard_id));
    std::unique_ptr<sql::ResultSet> row(select.executeQuery());
    if (!row->next()) return std::nullopt;
    hazard = ReadHazard(*row);
  }
  auto& escalations = c.Prepare(kSelectEscalations);
  escalations.setString(1, std::string(hazard_id));
  std::unique_ptr<sql::ResultSet> rows(escalations.executeQuery());
  while (rows->next()) {
    hazard->escalations.push_back(Escalation{
        static_cast<EscalationLevel>(rows->getInt(1)), TimeColumn(*rows, 2), rows->getBoolean(3),
        std::string(rows->getString(4)), std::string(rows->getString(5))});
  }
  return hazard;
}

void InsertEscalation(db::Connection& c, const Hazard& h) {
  const Escalation& e = h.escalations.back();
  auto& insert = c.Prepare(kInsertEscalation);
  insert.setString(1, h.id);
  insert.setInt(2, h.escalation_count);
  insert.setInt(3, static_cast<int>(e.level));
  insert.setDateTime(4, db::ToSqlDateTime(e.time));
  insert.setBoolean(5, e.manual);
  insert.setString(6, e.actor);
  insert.setString(7, e.note);
  insert.executeUpdate();
}

absl::Status HazardNotFound(absl::string_view hazard_id) {
  const std::string name = absl::StrCat("hazards/", hazard_id);
  return ErrorWithReason(absl::StatusCode::kNotFound, "HAZARD_NOT_FOUND",
                         absl::StrCat(name, " does not exist; list hazards to find its name"),
                         {{"hazard", name}});
}

}  // namespace huiwu::safety
