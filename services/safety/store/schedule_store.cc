// SafetyStore: inspection schedules and the tasks they generate.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "absl/strings/str_cat.h"
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

constexpr char kScheduleColumns[] =
    "schedule_id, display_name, template_id, building_id, room_id, frequency, first_time, "
    "active_start_hour, active_end_hour, mandatory, generated_until, create_time";
const std::string kInsertSchedule =
    absl::StrCat("INSERT INTO inspection_schedules (", kScheduleColumns,
                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
const std::string kSelectSchedule =
    absl::StrCat("SELECT ", kScheduleColumns, " FROM inspection_schedules WHERE schedule_id = ?");
const std::string kSelectSchedulesBehind =
    absl::StrCat("SELECT ", kScheduleColumns,
                 " FROM inspection_schedules WHERE generated_until < ? "
                 "ORDER BY generated_until LIMIT ?");
// The guard: only the replica that read `generated_until` as it still is moves it.
constexpr char kAdvanceSchedule[] =
    "UPDATE inspection_schedules SET generated_until = ? WHERE schedule_id = ? AND "
    "generated_until = ?";
// INSERT IGNORE: an occurrence already has its task (unique schedule_id, start_time).
constexpr char kInsertTask[] =
    "INSERT IGNORE INTO inspection_tasks (task_id, schedule_id, template_id, building_id, "
    "room_id, start_time, due_time, mandatory, is_open, inspection_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, '')";
// Keyset by (due_time, task_id); the optional filters keep one prepared statement.
constexpr char kListTasks[] =
    "SELECT task_id, schedule_id, template_id, building_id, room_id, start_time, due_time, "
    "mandatory, inspection_id FROM inspection_tasks "
    "WHERE (due_time > ? OR (due_time = ? AND task_id > ?)) "
    "AND (? = 0 OR (building_id = ? AND room_id = ?)) AND (? = '' OR schedule_id = ?) "
    "AND (? = 1 OR is_open = 1) AND (? = 0 OR (is_open = 1 AND due_time <= ?)) "
    "ORDER BY due_time, task_id LIMIT ?";

InspectionSchedule ReadSchedule(sql::ResultSet& row) {
  InspectionSchedule s;
  s.id = row.getString(1);
  s.display_name = row.getString(2);
  s.template_id = row.getString(3);
  s.place.building_id = row.getString(4);
  s.place.room_id = row.getString(5);
  s.frequency = static_cast<Frequency>(row.getInt(6));
  s.first_time = TimeColumn(row, 7);
  s.active_start_hour = row.getInt(8);
  s.active_end_hour = row.getInt(9);
  s.mandatory = row.getBoolean(10);
  s.generated_until = TimeColumn(row, 11);
  s.create_time = TimeColumn(row, 12);
  return s;
}

}  // namespace

absl::StatusOr<InspectionSchedule> SafetyStore::CreateSchedule(const InspectionSchedule& schedule,
                                                               absl::string_view request_id,
                                                               absl::Time now) {
  InspectionSchedule result = schedule;
  absl::Status status =
      db::InTransaction(pool_, "CreateInspectionSchedule", [&](db::Connection& c) {
        result = schedule;
        result.id = NewId();
        if (!request_id.empty()) {
          auto earlier = db::ClaimRequestId(c, "CreateInspectionSchedule", request_id,
                                            "inspectionSchedules/" + result.id, now);
          if (earlier.has_value()) {
            auto& select = c.Prepare(kSelectSchedule);
            select.setString(1, LastId(*earlier));
            std::unique_ptr<sql::ResultSet> row(select.executeQuery());
            if (!row->next()) return ClaimedResourceGone(*earlier);
            result = ReadSchedule(*row);
            return absl::OkStatus();
          }
        }
        if (!LoadRevision(c, schedule.template_id, 0).has_value()) {
          return ErrorWithReason(
              absl::StatusCode::kNotFound, "CHECKLIST_TEMPLATE_NOT_FOUND",
              absl::StrCat("checklistTemplates/", schedule.template_id,
                           " does not exist; create it or list templates to find its name"),
              {{"checklist_template", "checklistTemplates/" + schedule.template_id}});
        }
        result.first_time = db::WholeMicros(schedule.first_time);
        result.generated_until = result.first_time;  // nothing generated yet
        result.create_time = db::WholeMicros(now);
        auto& insert = c.Prepare(kInsertSchedule);
        insert.setString(1, result.id);
        insert.setString(2, result.display_name);
        insert.setString(3, result.template_id);
        insert.setString(4, result.place.building_id);
        insert.setString(5, result.place.room_id);
        insert.setInt(6, static_cast<int>(result.frequency));
        insert.setDateTime(7, db::ToSqlDateTime(result.first_time));
        insert.setInt(8, result.active_start_hour);
        insert.setInt(9, result.active_end_hour);
        insert.setBoolean(10, result.mandatory);
        insert.setDateTime(11, db::ToSqlDateTime(result.generated_until));
        insert.setDateTime(12, db::ToSqlDateTime(result.create_time));
        insert.executeUpdate();
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<std::vector<InspectionTask>> SafetyStore::ListTasks(const TaskFilter& filter,
                                                                   const TimeKey& after, int limit,
                                                                   absl::Time now) {
  std::vector<InspectionTask> result;
  absl::Status status = db::ReadOnly(pool_, "ListInspectionTasks", [&](db::Connection& c) {
    result.clear();
    auto& select = c.Prepare(kListTasks);
    const std::string after_time =
        db::ToSqlDateTime(after.time == absl::InfinitePast() ? absl::UnixEpoch() : after.time);
    select.setDateTime(1, after_time);
    select.setDateTime(2, after_time);
    select.setString(3, after.time == absl::InfinitePast() ? "" : after.id);
    select.setInt(4, filter.place.has_value() ? 1 : 0);
    select.setString(5, filter.place.has_value() ? filter.place->building_id : "");
    select.setString(6, filter.place.has_value() ? filter.place->room_id : "");
    select.setString(7, filter.schedule_id);
    select.setString(8, filter.schedule_id);
    select.setInt(9, filter.include_done ? 1 : 0);
    select.setInt(10, filter.overdue_only ? 1 : 0);
    select.setDateTime(11, db::ToSqlDateTime(now));
    select.setInt(12, limit);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) {
      InspectionTask t;
      t.id = rows->getString(1);
      t.schedule_id = rows->getString(2);
      t.template_id = rows->getString(3);
      t.place.building_id = rows->getString(4);
      t.place.room_id = rows->getString(5);
      t.start = TimeColumn(*rows, 6);
      t.due = TimeColumn(*rows, 7);
      t.mandatory = rows->getBoolean(8);
      t.inspection_id = rows->getString(9);
      result.push_back(std::move(t));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<std::vector<InspectionSchedule>> SafetyStore::SchedulesBehind(absl::Time until,
                                                                             int limit) {
  std::vector<InspectionSchedule> result;
  absl::Status status = db::ReadOnly(pool_, "SchedulesBehind", [&](db::Connection& c) {
    result.clear();
    auto& select = c.Prepare(kSelectSchedulesBehind);
    select.setDateTime(1, db::ToSqlDateTime(until));
    select.setInt(2, limit);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) result.push_back(ReadSchedule(*rows));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<int> SafetyStore::GenerateTasks(const InspectionSchedule& schedule,
                                               absl::Time expected, absl::Time until,
                                               const std::vector<TaskSlot>& slots) {
  int inserted = 0;
  absl::Status status = db::InTransaction(pool_, "GenerateInspectionTasks", [&](db::Connection& c) {
    inserted = 0;
    // First the guarded write of the schedule row: competing replicas (on any Galera
    // node) all write it, so only one of them commits this step.
    auto& advance = c.Prepare(kAdvanceSchedule);
    advance.setDateTime(1, db::ToSqlDateTime(until));
    advance.setString(2, schedule.id);
    advance.setDateTime(3, db::ToSqlDateTime(expected));
    if (advance.executeUpdate() == 0) return absl::OkStatus();  // another replica did it
    for (const TaskSlot& slot : slots) {
      auto& insert = c.Prepare(kInsertTask);
      insert.setString(1, NewId());
      insert.setString(2, schedule.id);
      insert.setString(3, schedule.template_id);
      insert.setString(4, schedule.place.building_id);
      insert.setString(5, schedule.place.room_id);
      insert.setDateTime(6, db::ToSqlDateTime(slot.start));
      insert.setDateTime(7, db::ToSqlDateTime(slot.due));
      insert.setBoolean(8, schedule.mandatory);
      inserted += insert.executeUpdate();
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return inserted;
}

}  // namespace huiwu::safety
