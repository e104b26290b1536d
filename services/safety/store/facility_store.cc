// SafetyStore: disinfection tasks (一会一消毒), room clearance, emergency plans and drills.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/db/idempotency.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/safety/store/clearance_sql.h"
#include "services/safety/store/safety_events.h"
#include "services/safety/store/safety_store.h"
#include "services/safety/store/store_util.h"

namespace huiwu::safety {
namespace {

constexpr char kDisinfectionColumns[] =
    "task_id, meeting_id, building_id, room_id, meeting_end_time, is_pending, performer, "
    "method, complete_time, note, create_time";
const std::string kInsertDisinfection =
    absl::StrCat("INSERT INTO disinfection_tasks (", kDisinfectionColumns,
                 ") VALUES (?, ?, ?, ?, ?, 1, '', 0, NULL, '', ?)");
const std::string kSelectDisinfection =
    absl::StrCat("SELECT ", kDisinfectionColumns, " FROM disinfection_tasks WHERE task_id = ?");
const std::string kSelectDisinfectionForUpdate = kSelectDisinfection + " FOR UPDATE";
const std::string kSelectDisinfectionOfMeeting =
    absl::StrCat("SELECT ", kDisinfectionColumns, " FROM disinfection_tasks WHERE meeting_id = ?");
constexpr char kCompleteDisinfection[] =
    "UPDATE disinfection_tasks SET is_pending = 0, performer = ?, method = ?, "
    "complete_time = ?, note = ? WHERE task_id = ? AND is_pending = 1";

constexpr char kInsertPlan[] =
    "INSERT INTO emergency_plans (building_id, plan_id, title, kind, content, responsible, "
    "create_time) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectPlan[] =
    "SELECT title, kind, content, responsible, create_time FROM emergency_plans "
    "WHERE building_id = ? AND plan_id = ?";
constexpr char kInsertDrill[] =
    "INSERT INTO drills (building_id, plan_id, drill_id, drill_date, participants, findings, "
    "create_time) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectDrill[] =
    "SELECT drill_date, participants, findings, create_time FROM drills "
    "WHERE building_id = ? AND plan_id = ? AND drill_id = ?";

DisinfectionTask ReadDisinfection(sql::ResultSet& row) {
  DisinfectionTask t;
  t.id = row.getString(1);
  t.meeting_id = row.getString(2);
  t.room.building_id = row.getString(3);
  t.room.room_id = row.getString(4);
  t.meeting_end_time = TimeColumn(row, 5);
  t.completed = !row.getBoolean(6);
  t.performer = row.getString(7);
  t.method = static_cast<DisinfectionMethod>(row.getInt(8));
  t.complete_time = TimeColumn(row, 9);
  t.note = row.getString(10);
  t.create_time = TimeColumn(row, 11);
  return t;
}

std::optional<DisinfectionTask> FindDisinfection(db::Connection& c, const std::string& sql,
                                                 const std::string& key) {
  auto& select = c.Prepare(sql);
  select.setString(1, key);
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  return ReadDisinfection(*row);
}

void InsertDisinfection(db::Connection& c, const DisinfectionTask& task) {
  auto& insert = c.Prepare(kInsertDisinfection);
  insert.setString(1, task.id);
  insert.setString(2, task.meeting_id);
  insert.setString(3, task.room.building_id);
  insert.setString(4, task.room.room_id);
  insert.setDateTime(5, db::ToSqlDateTime(task.meeting_end_time));
  insert.setDateTime(6, db::ToSqlDateTime(task.create_time));
  insert.executeUpdate();
}

std::optional<EmergencyPlan> FindPlan(db::Connection& c, const std::string& building_id,
                                      const std::string& plan_id) {
  auto& select = c.Prepare(kSelectPlan);
  select.setString(1, building_id);
  select.setString(2, plan_id);
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  return EmergencyPlan{building_id,
                       plan_id,
                       std::string(row->getString(1)),
                       static_cast<EmergencyKind>(row->getInt(2)),
                       std::string(row->getString(3)),
                       std::string(row->getString(4)),
                       TimeColumn(*row, 5)};
}

std::optional<Drill> FindDrill(db::Connection& c, const Drill& key) {
  auto& select = c.Prepare(kSelectDrill);
  select.setString(1, key.building_id);
  select.setString(2, key.plan_id);
  select.setString(3, key.drill_id);
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  Drill d = key;
  absl::ParseCivilTime(std::string(row->getString(1)), &d.date);
  d.participants = absl::StrSplit(std::string(row->getString(2)), ',', absl::SkipEmpty());
  d.findings = row->getString(3);
  d.create_time = TimeColumn(*row, 4);
  return d;
}

std::string PlanName(const std::string& building_id, const std::string& plan_id) {
  return absl::StrCat("buildings/", building_id, "/emergencyPlans/", plan_id);
}

}  // namespace

absl::StatusOr<DisinfectionTask> SafetyStore::CreateDisinfectionTask(const DisinfectionTask& task,
                                                                     absl::string_view request_id,
                                                                     absl::Time now) {
  DisinfectionTask result;
  absl::Status status = db::InTransaction(pool_, "CreateDisinfectionTask", [&](db::Connection& c) {
    result = task;
    result.id = NewId();
    if (!request_id.empty()) {
      auto earlier = db::ClaimRequestId(c, "CreateDisinfectionTask", request_id,
                                        "disinfectionTasks/" + result.id, now);
      if (earlier.has_value()) {
        auto found = FindDisinfection(c, kSelectDisinfection, LastId(*earlier));
        if (!found.has_value()) return ClaimedResourceGone(*earlier);
        result = *found;
        return absl::OkStatus();
      }
    }
    result.meeting_end_time = db::WholeMicros(task.meeting_end_time);
    result.create_time = db::WholeMicros(now);
    try {
      InsertDisinfection(c, result);
    } catch (const sql::SQLException& e) {
      if (e.getErrorCode() != db::kErDupEntry) throw;
      // 一会一消毒: one task per meeting, whoever asks.
      auto existing = FindDisinfection(c, kSelectDisinfectionOfMeeting, task.meeting_id);
      const std::string existing_name =
          existing.has_value() ? "disinfectionTasks/" + existing->id : "";
      return ErrorWithReason(
          absl::StatusCode::kAlreadyExists, "DISINFECTION_TASK_EXISTS",
          absl::StrCat("meetings/", task.meeting_id, " already has its disinfection task ",
                       existing_name, "; complete that one"),
          {{"meeting", "meetings/" + task.meeting_id}, {"disinfection_task", existing_name}});
    }
    PublishDisinfectionDue(c, result, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<OpenedDisinfection> SafetyStore::OpenMeetingDisinfection(
    const DisinfectionTask& task, absl::Time now) {
  OpenedDisinfection result;
  absl::Status status = db::InTransaction(pool_, "OpenMeetingDisinfection", [&](db::Connection& c) {
    // 一会一消毒: one task per meeting. The event again (at least once), or a task made by
    // hand before it arrived: nothing to change, and the transaction still commits (the
    // consumer's cursor goes with it).
    auto existing = FindDisinfection(c, kSelectDisinfectionOfMeeting, task.meeting_id);
    if (existing.has_value()) {
      result = OpenedDisinfection{*std::move(existing), false};
      return absl::OkStatus();
    }
    DisinfectionTask created = task;
    created.id = NewId();
    created.completed = false;
    created.meeting_end_time = db::WholeMicros(task.meeting_end_time);
    created.create_time = db::WholeMicros(now);
    try {
      InsertDisinfection(c, created);
    } catch (const sql::SQLException& e) {
      if (e.getErrorCode() != db::kErDupEntry) throw;
      // Another replica opened it meanwhile: retried whole, the read above finds it.
      throw sql::SQLException("disinfection task opened concurrently", "40001",
                              db::kErLockDeadlock);
    }
    PublishDisinfectionDue(c, created, now);
    result = OpenedDisinfection{std::move(created), true};
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<DisinfectionTask> SafetyStore::CompleteDisinfection(absl::string_view task_id,
                                                                   const DisinfectionTask& done,
                                                                   bool time_given,
                                                                   absl::Time now) {
  DisinfectionTask result;
  absl::Status status = db::InTransaction(pool_, "CompleteDisinfection", [&](db::Connection& c) {
    auto found = FindDisinfection(c, kSelectDisinfectionForUpdate, std::string(task_id));
    if (!found.has_value()) {
      const std::string name = absl::StrCat("disinfectionTasks/", task_id);
      return ErrorWithReason(absl::StatusCode::kNotFound, "DISINFECTION_TASK_NOT_FOUND",
                             absl::StrCat(name, " does not exist; check the task's name"),
                             {{"disinfection_task", name}});
    }
    const absl::Time when = db::WholeMicros(time_given ? done.complete_time : now);
    if (absl::Status ok = CheckCompletion(*found, when, now); !ok.ok()) return ok;
    auto& update = c.Prepare(kCompleteDisinfection);
    update.setString(1, done.performer);
    update.setInt(2, static_cast<int>(done.method));
    update.setDateTime(3, db::ToSqlDateTime(when));
    update.setString(4, done.note);
    update.setString(5, found->id);
    update.executeUpdate();
    result = *found;
    result.completed = true;
    result.performer = done.performer;
    result.method = done.method;
    result.complete_time = when;
    result.note = done.note;
    PublishDisinfectionDone(c, result, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<Clearance> SafetyStore::CheckClearance(const Place& room, absl::Time window_start,
                                                      absl::Time window_end, absl::Time now) {
  std::vector<OpenHazardRow> hazards;
  std::vector<PendingDisinfectionRow> pending;
  std::vector<OverdueTaskRow> overdue;
  std::string inspection_id;
  absl::Status status = db::ReadOnly(pool_, "CheckRoomClearance", [&](db::Connection& c) {
    hazards.clear();
    pending.clear();
    overdue.clear();
    inspection_id.clear();
    auto& select = c.Prepare(kClearanceSql);
    int p = 0;
    select.setString(++p, room.building_id);
    for (int severity_branch = 0; severity_branch < 2; ++severity_branch) {
      select.setString(++p, room.building_id);
      select.setString(++p, room.room_id);
    }
    select.setString(++p, room.building_id);
    select.setString(++p, room.room_id);
    select.setDateTime(++p, db::ToSqlDateTime(window_end));
    select.setString(++p, room.building_id);
    select.setString(++p, room.room_id);
    select.setDateTime(++p, db::ToSqlDateTime(now));
    select.setString(++p, room.building_id);
    select.setString(++p, room.room_id);
    select.setDateTime(++p, db::ToSqlDateTime(window_start - kPreMeetingInspectionLead));
    select.setDateTime(++p, db::ToSqlDateTime(window_end));
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) {
      std::string id(rows->getString(2));
      std::string building(rows->getString(4));
      std::string fifth(rows->getString(5));  // room, meeting or schedule, by kind
      switch (rows->getInt(1)) {
        case kBuildingCriticalHazard:
        case kRoomHazard:
          hazards.push_back(OpenHazardRow{std::move(id), static_cast<Severity>(rows->getInt(3)),
                                          Place{std::move(building), std::move(fifth)},
                                          std::string(rows->getString(6)), TimeColumn(*rows, 7)});
          break;
        case kPendingDisinfection:
          pending.push_back(
              PendingDisinfectionRow{std::move(id), std::move(fifth), TimeColumn(*rows, 7)});
          break;
        case kOverdueInspection:
          overdue.push_back(OverdueTaskRow{std::move(id), std::move(fifth), TimeColumn(*rows, 7)});
          break;
        case kPreMeetingInspection:
          inspection_id = std::move(id);
          break;
      }
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return Clearance{ClearanceBlocks(room, hazards, pending, overdue), std::move(inspection_id)};
}

absl::StatusOr<EmergencyPlan> SafetyStore::CreatePlan(const EmergencyPlan& plan,
                                                      absl::string_view request_id,
                                                      absl::Time now) {
  EmergencyPlan result;
  const std::string name = PlanName(plan.building_id, plan.plan_id);
  absl::Status status = db::InTransaction(pool_, "CreateEmergencyPlan", [&](db::Connection& c) {
    if (!request_id.empty()) {
      auto earlier = db::ClaimRequestId(c, "CreateEmergencyPlan", request_id, name, now);
      if (earlier.has_value()) {
        const std::vector<std::string> parts = absl::StrSplit(*earlier, '/');
        auto found = parts.size() == 4 ? FindPlan(c, parts[1], parts[3]) : std::nullopt;
        if (!found.has_value()) return ClaimedResourceGone(*earlier);
        result = *found;
        return absl::OkStatus();
      }
    }
    result = plan;
    result.create_time = db::WholeMicros(now);
    try {
      auto& insert = c.Prepare(kInsertPlan);
      insert.setString(1, plan.building_id);
      insert.setString(2, plan.plan_id);
      insert.setString(3, plan.title);
      insert.setInt(4, static_cast<int>(plan.kind));
      insert.setString(5, plan.content);
      insert.setString(6, plan.responsible);
      insert.setDateTime(7, db::ToSqlDateTime(result.create_time));
      insert.executeUpdate();
    } catch (const sql::SQLException& e) {
      if (e.getErrorCode() != db::kErDupEntry) throw;
      return ErrorWithReason(absl::StatusCode::kAlreadyExists, "EMERGENCY_PLAN_ALREADY_EXISTS",
                             absl::StrCat(name, " already exists; choose another plan id"),
                             {{"emergency_plan", name}});
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<Drill> SafetyStore::RecordDrill(const Drill& drill, absl::string_view request_id,
                                               absl::Time now) {
  Drill result;
  absl::Status status = db::InTransaction(pool_, "RecordDrill", [&](db::Connection& c) {
    result = drill;
    result.drill_id = NewId();
    const std::string plan = PlanName(drill.building_id, drill.plan_id);
    if (!request_id.empty()) {
      auto earlier = db::ClaimRequestId(c, "RecordDrill", request_id,
                                        absl::StrCat(plan, "/drills/", result.drill_id), now);
      if (earlier.has_value()) {
        // The drill named when the request_id was first used, not the one this call names.
        const std::vector<std::string> parts = absl::StrSplit(*earlier, '/');
        if (parts.size() != 6) return ClaimedResourceGone(*earlier);
        result.building_id = parts[1];
        result.plan_id = parts[3];
        result.drill_id = parts[5];
        auto found = FindDrill(c, result);
        if (!found.has_value()) return ClaimedResourceGone(*earlier);
        result = *found;
        return absl::OkStatus();
      }
    }
    if (!FindPlan(c, drill.building_id, drill.plan_id).has_value()) {
      return ErrorWithReason(absl::StatusCode::kNotFound, "EMERGENCY_PLAN_NOT_FOUND",
                             absl::StrCat(plan, " does not exist; create the plan first"),
                             {{"emergency_plan", plan}});
    }
    result.create_time = db::WholeMicros(now);
    auto& insert = c.Prepare(kInsertDrill);
    insert.setString(1, result.building_id);
    insert.setString(2, result.plan_id);
    insert.setString(3, result.drill_id);
    insert.setString(4, absl::FormatCivilTime(result.date));
    insert.setString(5, absl::StrJoin(result.participants, ","));
    insert.setString(6, result.findings);
    insert.setDateTime(7, db::ToSqlDateTime(result.create_time));
    insert.executeUpdate();
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace huiwu::safety
