// SafetyStore: checklist templates and their revisions.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <map>
#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/db/idempotency.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/safety/store/checklist_rows.h"
#include "services/safety/store/safety_store.h"
#include "services/safety/store/store_util.h"

namespace huiwu::safety {
namespace {

constexpr char kSelectHeadForUpdate[] =
    "SELECT latest_revision FROM checklist_templates WHERE template_id = ? FOR UPDATE";
constexpr char kInsertHead[] =
    "INSERT INTO checklist_templates (template_id, latest_revision) VALUES (?, 1)";
constexpr char kUpdateHead[] =
    "UPDATE checklist_templates SET latest_revision = ? WHERE template_id = ?";
constexpr char kInsertRevision[] =
    "INSERT INTO checklist_revisions (template_id, revision, display_name, description, "
    "create_time) VALUES (?, ?, ?, ?, ?)";
constexpr char kInsertItem[] =
    "INSERT INTO checklist_items (template_id, revision, position, item_id, title, kind, "
    "min_value, max_value, unit, failure_severity, failure_hazard_kind) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
// The latest revisions of a page of templates, then their items: two queries a page.
constexpr char kListLatest[] =
    "SELECT r.template_id, r.revision, r.display_name, r.description, r.create_time "
    "FROM checklist_templates t JOIN checklist_revisions r ON r.template_id = t.template_id "
    "AND r.revision = t.latest_revision WHERE t.template_id > ? ORDER BY t.template_id LIMIT ?";
constexpr char kListLatestItems[] =
    "SELECT i.template_id, i.item_id, i.title, i.kind, i.min_value, i.max_value, i.unit, "
    "i.failure_severity, i.failure_hazard_kind FROM checklist_templates t "
    "JOIN checklist_items i ON i.template_id = t.template_id AND i.revision = t.latest_revision "
    "WHERE t.template_id > ? AND t.template_id <= ? ORDER BY i.template_id, i.position";

std::string RevisionName(absl::string_view id, int revision) {
  return absl::StrCat("checklistTemplates/", id, "/revisions/", revision);
}

void InsertRevision(db::Connection& c, const ChecklistTemplate& t) {
  auto& revision = c.Prepare(kInsertRevision);
  revision.setString(1, t.id);
  revision.setInt(2, t.revision);
  revision.setString(3, t.display_name);
  revision.setString(4, t.description);
  revision.setDateTime(5, db::ToSqlDateTime(t.create_time));
  revision.executeUpdate();
  for (size_t i = 0; i < t.items.size(); ++i) {
    const ChecklistItem& item = t.items[i];
    auto& insert = c.Prepare(kInsertItem);
    insert.setString(1, t.id);
    insert.setInt(2, t.revision);
    insert.setInt(3, static_cast<int>(i));
    insert.setString(4, item.item_id);
    insert.setString(5, item.title);
    insert.setInt(6, static_cast<int>(item.kind));
    insert.setDouble(7, item.min_value);
    insert.setDouble(8, item.max_value);
    insert.setString(9, item.unit);
    insert.setInt(10, static_cast<int>(item.failure_severity));
    insert.setInt(11, static_cast<int>(item.failure_hazard_kind));
    insert.executeUpdate();
  }
}

}  // namespace

absl::StatusOr<ChecklistTemplate> SafetyStore::CreateTemplate(const ChecklistTemplate& tmpl,
                                                              absl::string_view request_id,
                                                              absl::Time now) {
  ChecklistTemplate result;
  absl::Status status = db::InTransaction(pool_, "CreateChecklistTemplate", [&](db::Connection& c) {
    auto& head = c.Prepare(kSelectHeadForUpdate);
    head.setString(1, tmpl.id);
    std::unique_ptr<sql::ResultSet> row(head.executeQuery());
    const int latest = row->next() ? row->getInt(1) : 0;
    row.reset();
    std::optional<ChecklistTemplate> current;
    if (latest > 0) current = LoadRevision(c, tmpl.id, latest);
    // An unchanged template is not a new revision: seeding twice changes nothing.
    const bool unchanged = current.has_value() && SameContent(*current, tmpl);
    const int revision = unchanged ? latest : latest + 1;
    if (!request_id.empty()) {
      auto earlier = db::ClaimRequestId(c, "CreateChecklistTemplate", request_id,
                                        RevisionName(tmpl.id, revision), now);
      if (earlier.has_value()) {
        const std::vector<std::string> parts = absl::StrSplit(*earlier, '/');
        int earlier_revision = 0;
        if (parts.size() != 4 || !absl::SimpleAtoi(parts[3], &earlier_revision)) {
          return absl::InternalError("malformed idempotency record");
        }
        auto found = LoadRevision(c, parts[1], earlier_revision);
        if (!found.has_value()) return ClaimedResourceGone(*earlier);
        result = *found;
        return absl::OkStatus();
      }
    }
    if (unchanged) {
      result = *current;
      return absl::OkStatus();
    }
    if (latest == 0) {
      try {
        auto& insert = c.Prepare(kInsertHead);
        insert.setString(1, tmpl.id);
        insert.executeUpdate();
      } catch (const sql::SQLException& e) {
        if (e.getErrorCode() != db::kErDupEntry) throw;
        // A concurrent first version won; retry to make ours its next revision.
        throw sql::SQLException("template created concurrently", "40001", db::kErLockDeadlock);
      }
    } else {
      auto& update = c.Prepare(kUpdateHead);
      update.setInt(1, revision);
      update.setString(2, tmpl.id);
      update.executeUpdate();
    }
    result = tmpl;
    result.revision = revision;
    result.create_time = db::WholeMicros(now);
    InsertRevision(c, result);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<std::vector<ChecklistTemplate>> SafetyStore::ListTemplates(
    absl::string_view after_id, int limit) {
  std::vector<ChecklistTemplate> result;
  absl::Status status = db::ReadOnly(pool_, "ListChecklistTemplates", [&](db::Connection& c) {
    result.clear();
    auto& select = c.Prepare(kListLatest);
    select.setString(1, std::string(after_id));
    select.setInt(2, limit);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    std::map<std::string, size_t> index;
    while (rows->next()) {
      ChecklistTemplate t;
      t.id = rows->getString(1);
      t.revision = rows->getInt(2);
      t.display_name = rows->getString(3);
      t.description = rows->getString(4);
      t.create_time = TimeColumn(*rows, 5);
      index[t.id] = result.size();
      result.push_back(std::move(t));
    }
    if (result.empty()) return absl::OkStatus();
    auto& items = c.Prepare(kListLatestItems);
    items.setString(1, std::string(after_id));
    items.setString(2, result.back().id);
    std::unique_ptr<sql::ResultSet> item_rows(items.executeQuery());
    while (item_rows->next()) {
      auto it = index.find(std::string(item_rows->getString(1)));
      if (it == index.end()) continue;
      result[it->second].items.push_back(ReadItem(*item_rows, 2));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace huiwu::safety
