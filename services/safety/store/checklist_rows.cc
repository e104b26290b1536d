#include "services/safety/store/checklist_rows.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "services/safety/store/store_util.h"

namespace huiwu::safety {
namespace {

constexpr char kSelectLatest[] =
    "SELECT latest_revision FROM checklist_templates WHERE template_id = ?";
constexpr char kSelectRevision[] =
    "SELECT display_name, description, create_time FROM checklist_revisions "
    "WHERE template_id = ? AND revision = ?";
constexpr char kSelectItems[] =
    "SELECT item_id, title, kind, min_value, max_value, unit, failure_severity, "
    "failure_hazard_kind FROM checklist_items WHERE template_id = ? AND revision = ? "
    "ORDER BY position";

}  // namespace

ChecklistItem ReadItem(sql::ResultSet& row, int first) {
  ChecklistItem item;
  item.item_id = row.getString(first);
  item.title = row.getString(first + 1);
  item.kind = static_cast<ItemKind>(row.getInt(first + 2));
  item.min_value = row.getDouble(first + 3);
  item.max_value = row.getDouble(first + 4);
  item.unit = row.getString(first + 5);
  item.failure_severity = static_cast<Severity>(row.getInt(first + 6));
  item.failure_hazard_kind = static_cast<HazardKind>(row.getInt(first + 7));
  return item;
}

std::optional<ChecklistTemplate> LoadRevision(db::Connection& c, const std::string& template_id,
                                              int revision) {
  if (revision == 0) {
    auto& latest = c.Prepare(kSelectLatest);
    latest.setString(1, template_id);
    std::unique_ptr<sql::ResultSet> row(latest.executeQuery());
    if (!row->next()) return std::nullopt;
    revision = row->getInt(1);
  }
  ChecklistTemplate t;
  {
    auto& select = c.Prepare(kSelectRevision);
    select.setString(1, template_id);
    select.setInt(2, revision);
    std::unique_ptr<sql::ResultSet> row(select.executeQuery());
    if (!row->next()) return std::nullopt;
    t.id = template_id;
    t.revision = revision;
    t.display_name = row->getString(1);
    t.description = row->getString(2);
    t.create_time = TimeColumn(*row, 3);
  }
  auto& items = c.Prepare(kSelectItems);
  items.setString(1, template_id);
  items.setInt(2, revision);
  std::unique_ptr<sql::ResultSet> rows(items.executeQuery());
  while (rows->next()) t.items.push_back(ReadItem(*rows, 1));
  return t;
}

}  // namespace huiwu::safety
