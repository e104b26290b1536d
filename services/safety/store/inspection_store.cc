// SafetyStore: inspections. A failed item opens a hazard once, however often the
// inspection is resubmitted: (source_inspection_id, source_item_id) is unique.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/safety/store/checklist_rows.h"
#include "services/safety/store/hazard_rows.h"
#include "services/safety/store/safety_events.h"
#include "services/safety/store/safety_store.h"
#include "services/safety/store/store_util.h"

namespace huiwu::safety {
namespace {

constexpr char kSelectInspection[] =
    "SELECT template_id, template_revision, building_id, room_id, task_id, inspector, "
    "supervisor, submission, submit_time FROM inspections WHERE inspection_id = ?";
constexpr char kSelectInspectionForUpdate[] =
    "SELECT template_id, template_revision, building_id, room_id, task_id, inspector, "
    "supervisor, submission, submit_time FROM inspections WHERE inspection_id = ? FOR UPDATE";
constexpr char kInsertInspection[] =
    "INSERT INTO inspections (inspection_id, template_id, template_revision, building_id, "
    "room_id, task_id, inspector, supervisor, submission, submit_time) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kUpdateInspection[] =
    "UPDATE inspections SET task_id = ?, inspector = ?, supervisor = ?, submission = ?, "
    "submit_time = ? WHERE inspection_id = ?";
constexpr char kDeleteAnswers[] = "DELETE FROM inspection_answers WHERE inspection_id = ?";
constexpr char kInsertAnswer[] =
    "INSERT INTO inspection_answers (inspection_id, position, item_id, value_kind, passed, "
    "number_value, text_value, failed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectAnswers[] =
    "SELECT item_id, value_kind, passed, number_value, text_value, failed "
    "FROM inspection_answers WHERE inspection_id = ? ORDER BY position";
constexpr char kSelectHazardsOf[] =
    "SELECT hazard_id FROM hazards WHERE source_inspection_id = ? ORDER BY source_item_id";
constexpr char kSelectTaskForUpdate[] =
    "SELECT template_id, building_id, room_id, inspection_id FROM inspection_tasks "
    "WHERE task_id = ? FOR UPDATE";
constexpr char kCloseTask[] =
    "UPDATE inspection_tasks SET is_open = 0, inspection_id = ? WHERE task_id = ?";

std::optional<Inspection> LoadInspection(db::Connection& c, const std::string& id,
                                         bool for_update) {
  Inspection in;
  {
    auto& select = c.Prepare(for_update ? kSelectInspectionForUpdate : kSelectInspection);
    select.setString(1, id);
    std::unique_ptr<sql::ResultSet> row(select.executeQuery());
    if (!row->next()) return std::nullopt;
    in.id = id;
    in.template_id = row->getString(1);
    in.template_revision = row->getInt(2);
    in.place.building_id = row->getString(3);
    in.place.room_id = row->getString(4);
    in.task_id = row->getString(5);
    in.inspector = row->getString(6);
    in.supervisor = row->getString(7);
    in.submission = row->getInt(8);
    in.submit_time = TimeColumn(*row, 9);
  }
  {
    auto& select = c.Prepare(kSelectAnswers);
    select.setString(1, id);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) {
      Answer a;
      a.item_id = rows->getString(1);
      a.kind = static_cast<ItemKind>(rows->getInt(2));
      a.passed = rows->getBoolean(3);
      a.number = rows->getDouble(4);
      a.text = rows->getString(5);
      if (rows->getBoolean(6)) in.failed_items.push_back(a.item_id);
      in.answers.push_back(std::move(a));
    }
  }
  auto& hazards = c.Prepare(kSelectHazardsOf);
  hazards.setString(1, id);
  std::unique_ptr<sql::ResultSet> rows(hazards.executeQuery());
  while (rows->next()) in.hazard_ids.push_back(rows->getString(1));
  return in;
}

absl::Status TemplateNotFound(const std::string& template_id, int revision) {
  const std::string name = absl::StrCat("checklistTemplates/", template_id);
  return ErrorWithReason(
      absl::StatusCode::kNotFound, "CHECKLIST_TEMPLATE_NOT_FOUND",
      revision == 0 ? absl::StrCat(name, " does not exist; list templates to find its name")
                    : absl::StrCat(name, " has no revision ", revision, "; pass 0 for the latest"),
      {{"checklist_template", name}});
}

// Marks the task done by this inspection, after checking it is the same work.
absl::Status CloseTask(db::Connection& c, const Inspection& in) {
  const std::string name = absl::StrCat("inspectionTasks/", in.task_id);
  auto& select = c.Prepare(kSelectTaskForUpdate);
  select.setString(1, in.task_id);
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) {
    return ErrorWithReason(absl::StatusCode::kNotFound, "INSPECTION_TASK_NOT_FOUND",
                           absl::StrCat(name, " does not exist; list inspection tasks"),
                           {{"task", name}});
  }
  const Place place{row->getString(2), row->getString(3)};
  if (std::string(row->getString(1)) != in.template_id || place != in.place) {
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "TASK_MISMATCH",
        absl::StrCat(name, " asks for checklistTemplates/", std::string(row->getString(1)),
                     " at another place or with another template; submit it with the "
                     "task's template and place"),
        {{"task", name}});
  }
  const std::string done_by = row->getString(4);
  if (!done_by.empty() && done_by != in.id) {
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "TASK_ALREADY_DONE",
                           absl::StrCat(name, " was already done by inspections/", done_by,
                                        "; resubmit that inspection to correct it"),
                           {{"task", name}, {"inspection", "inspections/" + done_by}});
  }
  auto& close = c.Prepare(kCloseTask);
  close.setString(1, in.id);
  close.setString(2, in.task_id);
  close.executeUpdate();
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Inspection> SafetyStore::SubmitInspection(const Inspection& input,
                                                         absl::string_view request_id,
                                                         absl::Time now) {
  Inspection result;
  absl::Status status = db::InTransaction(pool_, "SubmitInspection", [&](db::Connection& c) {
    Inspection in = input;
    if (in.id.empty()) in.id = NewId();
    if (!request_id.empty()) {
      auto earlier =
          db::ClaimRequestId(c, "SubmitInspection", request_id, "inspections/" + in.id, now);
      if (earlier.has_value()) {
        auto found = LoadInspection(c, LastId(*earlier), /*for_update=*/false);
        if (!found.has_value()) return ClaimedResourceGone(*earlier);
        result = *std::move(found);
        return absl::OkStatus();
      }
    }
    auto stored = LoadInspection(c, in.id, /*for_update=*/true);
    if (stored.has_value()) {
      // A resubmission corrects the answers of the same inspection.
      if (stored->template_id != in.template_id || stored->place != in.place ||
          (in.template_revision != 0 && in.template_revision != stored->template_revision)) {
        return ErrorWithReason(
            absl::StatusCode::kFailedPrecondition, "INSPECTION_MISMATCH",
            absl::StrCat("inspections/", in.id,
                         " was submitted for another template, revision or place; resubmit "
                         "it unchanged in those, or choose a new inspection_id"),
            {{"inspection", "inspections/" + in.id}});
      }
      in.template_revision = stored->template_revision;
      in.submission = stored->submission + 1;
      if (in.task_id.empty()) in.task_id = stored->task_id;
    } else {
      in.submission = 1;
    }
    auto revision = LoadRevision(c, in.template_id, in.template_revision);
    if (!revision.has_value()) return TemplateNotFound(in.template_id, in.template_revision);
    in.template_revision = revision->revision;
    if (absl::Status answers = CheckAnswers(*revision, in.answers); !answers.ok()) return answers;
    if (!in.task_id.empty()) {
      if (absl::Status task = CloseTask(c, in); !task.ok()) return task;
    }
    in.submit_time = db::WholeMicros(now);
    if (stored.has_value()) {
      auto& update = c.Prepare(kUpdateInspection);
      update.setString(1, in.task_id);
      update.setString(2, in.inspector);
      update.setString(3, in.supervisor);
      update.setInt(4, in.submission);
      update.setDateTime(5, db::ToSqlDateTime(in.submit_time));
      update.setString(6, in.id);
      update.executeUpdate();
      auto& remove = c.Prepare(kDeleteAnswers);
      remove.setString(1, in.id);
      remove.executeUpdate();
    } else {
      auto& insert = c.Prepare(kInsertInspection);
      insert.setString(1, in.id);
      insert.setString(2, in.template_id);
      insert.setInt(3, in.template_revision);
      insert.setString(4, in.place.building_id);
      insert.setString(5, in.place.room_id);
      insert.setString(6, in.task_id);
      insert.setString(7, in.inspector);
      insert.setString(8, in.supervisor);
      insert.setInt(9, in.submission);
      insert.setDateTime(10, db::ToSqlDateTime(in.submit_time));
      try {
        insert.executeUpdate();
      } catch (const sql::SQLException& e) {
        if (e.getErrorCode() != db::kErDupEntry) throw;
        // A concurrent first submission of this id won: retry as its resubmission.
        throw sql::SQLException("inspection created concurrently", "40001", db::kErLockDeadlock);
      }
    }
    std::vector<FailedItem> failed = FailedItems(*revision, in.answers, in.place, in.inspector);
    std::set<std::string> failed_ids;
    for (const FailedItem& f : failed) failed_ids.insert(f.item_id);
    for (size_t i = 0; i < in.answers.size(); ++i) {
      const Answer& a = in.answers[i];
      auto& insert = c.Prepare(kInsertAnswer);
      insert.setString(1, in.id);
      insert.setInt(2, static_cast<int>(i));
      insert.setString(3, a.item_id);
      insert.setInt(4, static_cast<int>(a.kind));
      insert.setBoolean(5, a.passed);
      insert.setDouble(6, a.number);
      insert.setString(7, a.text);
      insert.setBoolean(8, failed_ids.contains(a.item_id));
      insert.executeUpdate();
    }
    std::vector<const Hazard*> opened;
    for (FailedItem& f : failed) {
      f.hazard.id = NewId();
      f.hazard.source_inspection_id = in.id;
      f.hazard.source_item_id = f.item_id;
      StartHazard(f.hazard, in.submit_time);
      try {
        InsertHazard(c, f.hazard);
        opened.push_back(&f.hazard);
      } catch (const sql::SQLException& e) {
        // This item already opened its hazard (an earlier submission): once is enough.
        if (e.getErrorCode() != db::kErDupEntry) throw;
      }
    }
    auto loaded = LoadInspection(c, in.id, /*for_update=*/false);
    if (!loaded.has_value()) return absl::InternalError("inspection vanished");
    result = *std::move(loaded);
    PublishInspectionSubmitted(c, result, now);
    for (const Hazard* h : opened) PublishHazard(c, HazardEvent::kOpened, *h, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace huiwu::safety
