// FeedbackStore: service evaluations (服务评价) and complaints (投诉).
#include "services/booking/store/feedback_store.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <map>
#include <memory>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/api/etag_check.h"
#include "common/db/idempotency.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/booking/store/meeting_rows.h"

namespace huiwu::booking {
namespace {

constexpr char kInsertEvaluation[] =
    "INSERT INTO service_evaluations (meeting_id, overall_rating, comment, organizer_unit,"
    " building_id, room_id, meeting_start, submitted_by, submit_time)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kInsertAspect[] =
    "INSERT INTO evaluation_aspects (meeting_id, aspect, rating, comment) VALUES (?, ?, ?, ?)";
constexpr char kEvaluationColumns[] =
    "e.meeting_id, e.overall_rating, e.comment, e.organizer_unit, e.building_id, e.room_id,"
    " e.submitted_by, e.submit_time, a.aspect, a.rating, a.comment";
const std::string kSelectEvaluation = absl::StrCat(
    "SELECT ", kEvaluationColumns,
    " FROM service_evaluations e LEFT JOIN evaluation_aspects a ON a.meeting_id = e.meeting_id"
    " WHERE e.meeting_id = ? ORDER BY a.aspect");
const std::string kSelectEvaluationsOfPeriod = absl::StrCat(
    "SELECT ", kEvaluationColumns,
    " FROM service_evaluations e LEFT JOIN evaluation_aspects a ON a.meeting_id = e.meeting_id"
    " WHERE e.meeting_start >= ? AND e.meeting_start < ? ORDER BY e.meeting_id, a.aspect");
constexpr char kCountCompletedMeetings[] =
    "SELECT COUNT(*) FROM meetings WHERE start_time >= ? AND start_time < ?"
    " AND state IN (?, ?)";

constexpr char kComplaintColumns[] =
    "complaint_id, meeting_id, building_id, room_id, organizer_unit, description,"
    " contact_name, contact_phone, state, assignee, answer, version, create_time, update_time";
const std::string kSelectComplaint =
    absl::StrCat("SELECT ", kComplaintColumns, " FROM complaints WHERE complaint_id = ?");
const std::string kSelectComplaintForUpdate = absl::StrCat(kSelectComplaint, " FOR UPDATE");
constexpr char kSelectComplaintHistory[] =
    "SELECT from_state, to_state, actor, note, change_time FROM complaint_history"
    " WHERE complaint_id = ? ORDER BY seq";
constexpr char kInsertComplaint[] =
    "INSERT INTO complaints (complaint_id, meeting_id, building_id, room_id, organizer_unit,"
    " description, contact_name, contact_phone, state, assignee, answer, version, create_time,"
    " update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kUpdateComplaint[] =
    "UPDATE complaints SET state = ?, assignee = ?, answer = ?, version = ?, update_time = ?"
    " WHERE complaint_id = ?";
constexpr char kInsertComplaintChange[] =
    "INSERT INTO complaint_history (complaint_id, seq, from_state, to_state, actor, note,"
    " change_time) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr char kRoomExists[] = "SELECT 1 FROM rooms WHERE building_id = ? AND room_id = ?";
// Newest first, keyset on (create_time, complaint_id) descending; absent filters bind
// values that match everything (one prepared statement for every combination).
const std::string kListComplaints =
    absl::StrCat("SELECT ", kComplaintColumns,
                 " FROM complaints WHERE create_time >= ? AND create_time < ?"
                 " AND (create_time < ? OR (create_time = ? AND complaint_id < ?))"
                 " AND (? = '' OR (building_id = ? AND room_id = ?))"
                 " AND (? = 0 OR state = ?)"
                 " AND (? = '' OR organizer_unit = ?)"
                 " ORDER BY create_time DESC, complaint_id DESC LIMIT ?");
constexpr char kComplaintsOfPeriod[] =
    "SELECT building_id, room_id, state FROM complaints WHERE create_time >= ? AND create_time < ?";

const absl::Time kBeforeEverything =
    absl::FromCivil(absl::CivilSecond(1970, 1, 1, 0, 0, 0), absl::UTCTimeZone());
const absl::Time kAfterEverything =
    absl::FromCivil(absl::CivilSecond(9999, 1, 1, 0, 0, 0), absl::UTCTimeZone());

std::string NewComplaintId() {
  thread_local std::mt19937_64 random(std::random_device{}());
  return absl::StrFormat("%016x", random());
}

std::string ComplaintName(absl::string_view id) { return absl::StrCat("complaints/", id); }

absl::Status EvaluationNotFound(absl::string_view meeting_id) {
  return ErrorWithReason(absl::StatusCode::kNotFound, "EVALUATION_NOT_FOUND",
                         absl::StrCat(MeetingName(meeting_id),
                                      " has not been rated; its organizer unit rates it with "
                                      "SubmitServiceEvaluation once it is completed"),
                         {{"meeting", MeetingName(meeting_id)}});
}

// Rows of kEvaluationColumns, one per aspect (or one with NULL aspect), grouped by meeting.
std::vector<ServiceEvaluation> ReadEvaluations(sql::ResultSet& rows) {
  std::vector<ServiceEvaluation> result;
  while (rows.next()) {
    const std::string meeting_id = rows.getString(1);
    if (result.empty() || result.back().meeting_id != meeting_id) {
      ServiceEvaluation e;
      e.meeting_id = meeting_id;
      e.overall_rating = rows.getInt(2);
      e.comment = rows.getString(3);
      e.organizer_unit = rows.getString(4);
      e.building_id = rows.getString(5);
      e.room_id = rows.getString(6);
      e.submitted_by = rows.getString(7);
      e.submit_time = db::FromSqlDateTime(std::string(rows.getString(8)));
      result.push_back(std::move(e));
    }
    if (!rows.isNull(9)) {
      result.back().aspects.push_back(AspectRating{static_cast<EvaluationAspect>(rows.getInt(9)),
                                                   rows.getInt(10), rows.getString(11)});
    }
  }
  return result;
}

std::optional<ServiceEvaluation> LoadEvaluation(db::Connection& c, absl::string_view meeting_id) {
  auto& select = c.Prepare(kSelectEvaluation);
  select.setString(1, std::string(meeting_id));
  std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
  std::vector<ServiceEvaluation> found = ReadEvaluations(*rows);
  if (found.empty()) return std::nullopt;
  return found.front();
}

Complaint ReadComplaintRow(sql::ResultSet& row) {
  Complaint c;
  c.id = row.getString(1);
  c.meeting_id = row.getString(2);
  c.building_id = row.getString(3);
  c.room_id = row.getString(4);
  c.organizer_unit = row.getString(5);
  c.description = row.getString(6);
  c.contact_name = row.getString(7);
  c.contact_phone = row.getString(8);
  c.state = static_cast<ComplaintState>(row.getInt(9));
  c.assignee = row.getString(10);
  c.answer = row.getString(11);
  c.version = row.getInt64(12);
  c.create_time = db::FromSqlDateTime(std::string(row.getString(13)));
  c.update_time = db::FromSqlDateTime(std::string(row.getString(14)));
  return c;
}

// The complaint with its history; nullopt when missing or not `organizer_scope`'s.
std::optional<Complaint> LoadComplaint(db::Connection& c, absl::string_view complaint_id, bool lock,
                                       absl::string_view organizer_scope) {
  auto& select = c.Prepare(lock ? kSelectComplaintForUpdate : kSelectComplaint);
  select.setString(1, std::string(complaint_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  Complaint complaint = ReadComplaintRow(*row);
  if (!organizer_scope.empty() && complaint.organizer_unit != organizer_scope) {
    return std::nullopt;
  }
  auto& history = c.Prepare(kSelectComplaintHistory);
  history.setString(1, std::string(complaint_id));
  std::unique_ptr<sql::ResultSet> rows(history.executeQuery());
  while (rows->next()) {
    complaint.history.push_back(
        ComplaintChange{static_cast<ComplaintState>(rows->getInt(1)),
                        static_cast<ComplaintState>(rows->getInt(2)), rows->getString(3),
                        db::FromSqlDateTime(std::string(rows->getString(5))), rows->getString(4)});
  }
  return complaint;
}

void InsertChange(db::Connection& c, absl::string_view complaint_id, int seq,
                  const ComplaintChange& change) {
  auto& insert = c.Prepare(kInsertComplaintChange);
  insert.setString(1, std::string(complaint_id));
  insert.setInt(2, seq);
  insert.setInt(3, static_cast<int>(change.from));
  insert.setInt(4, static_cast<int>(change.to));
  insert.setString(5, change.actor);
  insert.setString(6, change.note);
  insert.setDateTime(7, db::ToSqlDateTime(change.time));
  insert.executeUpdate();
}

}  // namespace

absl::Status ComplaintNotFound(absl::string_view complaint_id) {
  return ErrorWithReason(
      absl::StatusCode::kNotFound, "COMPLAINT_NOT_FOUND",
      absl::StrCat(ComplaintName(complaint_id), " does not exist; list complaints to find it"),
      {{"complaint", ComplaintName(complaint_id)}});
}

absl::StatusOr<ServiceEvaluation> FeedbackStore::SubmitEvaluation(
    const ServiceEvaluation& evaluation, absl::string_view request_id, absl::string_view actor,
    absl::string_view organizer_scope, absl::Time now) {
  std::optional<ServiceEvaluation> result;
  const std::string meeting_name = MeetingName(evaluation.meeting_id);
  absl::Status status = db::InTransaction(pool_, "SubmitServiceEvaluation", [&](db::Connection& c) {
    result.reset();
    std::optional<Meeting> meeting =
        LoadScopedMeeting(c, evaluation.meeting_id, /*lock=*/false, organizer_scope);
    if (!meeting.has_value()) return MeetingNotFound(evaluation.meeting_id);
    if (!request_id.empty()) {
      auto earlier = db::ClaimRequestId(c, "SubmitServiceEvaluation", request_id,
                                        absl::StrCat(meeting_name, "/evaluation"), now);
      if (earlier.has_value()) {
        result = LoadEvaluation(c, evaluation.meeting_id);
        return result.has_value() ? absl::OkStatus() : EvaluationNotFound(evaluation.meeting_id);
      }
    }
    absl::Status evaluable = CheckEvaluable(meeting->state, meeting_name);
    if (!evaluable.ok()) return evaluable;
    ServiceEvaluation stored = evaluation;
    stored.organizer_unit = meeting->organizer_unit;
    stored.building_id = meeting->building_id;
    stored.room_id = meeting->room_id;
    stored.submitted_by = std::string(actor);
    stored.submit_time = db::WholeMicros(now);
    try {
      auto& insert = c.Prepare(kInsertEvaluation);
      insert.setString(1, stored.meeting_id);
      insert.setInt(2, stored.overall_rating);
      insert.setString(3, stored.comment);
      insert.setString(4, stored.organizer_unit);
      insert.setString(5, stored.building_id);
      insert.setString(6, stored.room_id);
      insert.setDateTime(7, db::ToSqlDateTime(meeting->window.start));
      insert.setString(8, stored.submitted_by);
      insert.setDateTime(9, db::ToSqlDateTime(stored.submit_time));
      insert.executeUpdate();
    } catch (const sql::SQLException& e) {
      // Rated already (or by a concurrent call that committed first).
      if (e.getErrorCode() == db::kErDupEntry) return EvaluationExists(meeting_name);
      throw;
    }
    for (const AspectRating& a : stored.aspects) {
      auto& insert = c.Prepare(kInsertAspect);
      insert.setString(1, stored.meeting_id);
      insert.setInt(2, static_cast<int>(a.aspect));
      insert.setInt(3, a.rating);
      insert.setString(4, a.comment);
      insert.executeUpdate();
    }
    result = std::move(stored);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<ServiceEvaluation> FeedbackStore::GetEvaluation(absl::string_view meeting_id,
                                                               absl::string_view organizer_scope) {
  std::optional<ServiceEvaluation> result;
  absl::Status status = db::ReadOnly(pool_, "GetServiceEvaluation", [&](db::Connection& c) {
    result = LoadEvaluation(c, meeting_id);
    // Another unit's evaluation is as missing as its meeting (issue 11).
    if (!result.has_value() ||
        (!organizer_scope.empty() && result->organizer_unit != organizer_scope)) {
      if (!LoadScopedMeeting(c, meeting_id, /*lock=*/false, organizer_scope).has_value()) {
        return MeetingNotFound(meeting_id);
      }
      return EvaluationNotFound(meeting_id);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<Complaint> FeedbackStore::RecordComplaint(const Complaint& complaint,
                                                         absl::string_view request_id,
                                                         absl::string_view actor,
                                                         absl::string_view organizer_scope,
                                                         absl::Time now) {
  std::optional<Complaint> result;
  absl::Status status = db::InTransaction(pool_, "RecordComplaint", [&](db::Connection& c) {
    result.reset();
    Complaint recorded = RecordedComplaint(complaint, std::string(actor), db::WholeMicros(now));
    recorded.id = NewComplaintId();
    if (!request_id.empty()) {
      auto earlier =
          db::ClaimRequestId(c, "RecordComplaint", request_id, ComplaintName(recorded.id), now);
      if (earlier.has_value()) {
        const std::string earlier_id = earlier->substr(std::string("complaints/").size());
        result = LoadComplaint(c, earlier_id, /*lock=*/false, {});
        return result.has_value() ? absl::OkStatus() : ComplaintNotFound(earlier_id);
      }
    }
    if (!organizer_scope.empty()) recorded.organizer_unit = std::string(organizer_scope);
    if (!recorded.meeting_id.empty()) {
      std::optional<Meeting> meeting =
          LoadScopedMeeting(c, recorded.meeting_id, /*lock=*/false, organizer_scope);
      if (!meeting.has_value()) return MeetingNotFound(recorded.meeting_id);
      recorded.building_id = meeting->building_id;
      recorded.room_id = meeting->room_id;
      recorded.organizer_unit = meeting->organizer_unit;
    } else {
      auto& exists = c.Prepare(kRoomExists);
      exists.setString(1, recorded.building_id);
      exists.setString(2, recorded.room_id);
      std::unique_ptr<sql::ResultSet> row(exists.executeQuery());
      if (!row->next()) {
        const std::string room =
            absl::StrCat("buildings/", recorded.building_id, "/rooms/", recorded.room_id);
        return ErrorWithReason(absl::StatusCode::kNotFound, "ROOM_NOT_FOUND",
                               absl::StrCat(room, " does not exist; list rooms to find its name"),
                               {{"room", room}});
      }
    }
    auto& insert = c.Prepare(kInsertComplaint);
    int i = 1;
    insert.setString(i++, recorded.id);
    insert.setString(i++, recorded.meeting_id);
    insert.setString(i++, recorded.building_id);
    insert.setString(i++, recorded.room_id);
    insert.setString(i++, recorded.organizer_unit);
    insert.setString(i++, recorded.description);
    insert.setString(i++, recorded.contact_name);
    insert.setString(i++, recorded.contact_phone);
    insert.setInt(i++, static_cast<int>(recorded.state));
    insert.setString(i++, recorded.assignee);
    insert.setString(i++, recorded.answer);
    insert.setInt64(i++, recorded.version);
    insert.setDateTime(i++, db::ToSqlDateTime(recorded.create_time));
    insert.setDateTime(i++, db::ToSqlDateTime(recorded.update_time));
    insert.executeUpdate();
    InsertChange(c, recorded.id, 1, recorded.history.front());
    result = std::move(recorded);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<Complaint> FeedbackStore::ChangeComplaint(
    absl::string_view complaint_id, absl::string_view etag, ComplaintAction action,
    const std::string& text, const std::string& actor, absl::string_view organizer_scope,
    absl::Time now) {
  std::optional<Complaint> result;
  absl::Status status = db::InTransaction(pool_, "ChangeComplaint", [&](db::Connection& c) {
    result = LoadComplaint(c, complaint_id, /*lock=*/true, organizer_scope);
    if (!result.has_value()) return ComplaintNotFound(complaint_id);
    absl::Status fresh = api::CheckEtag(etag, result->version, ComplaintName(complaint_id));
    if (!fresh.ok()) return fresh;
    absl::Status applied = ApplyComplaintAction(*result, action, text, actor, db::WholeMicros(now));
    if (!applied.ok()) return applied;
    auto& update = c.Prepare(kUpdateComplaint);
    update.setInt(1, static_cast<int>(result->state));
    update.setString(2, result->assignee);
    update.setString(3, result->answer);
    update.setInt64(4, result->version);
    update.setDateTime(5, db::ToSqlDateTime(result->update_time));
    update.setString(6, std::string(complaint_id));
    update.executeUpdate();
    InsertChange(c, complaint_id, static_cast<int>(result->history.size()), result->history.back());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<Complaint> FeedbackStore::GetComplaint(absl::string_view complaint_id,
                                                      absl::string_view organizer_scope) {
  std::optional<Complaint> result;
  absl::Status status = db::ReadOnly(pool_, "GetComplaint", [&](db::Connection& c) {
    result = LoadComplaint(c, complaint_id, /*lock=*/false, organizer_scope);
    return result.has_value() ? absl::OkStatus() : ComplaintNotFound(complaint_id);
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<std::vector<Complaint>> FeedbackStore::ListComplaints(
    const ComplaintFilter& filter, std::optional<absl::Time> after_time, absl::string_view after_id,
    int limit) {
  std::vector<Complaint> result;
  absl::Status status = db::ReadOnly(pool_, "ListComplaints", [&](db::Connection& c) {
    result.clear();
    const TimeWindow within =
        filter.recorded_within.value_or(TimeWindow{kBeforeEverything, kAfterEverything});
    // Without a cursor, "after" (newest first) is after every complaint, with an id above
    // every id.
    const std::string after = db::ToSqlDateTime(after_time.value_or(kAfterEverything));
    const std::string after_key = after_time.has_value() ? std::string(after_id) : "~";
    const int state = filter.state.has_value() ? static_cast<int>(*filter.state) : 0;
    auto& select = c.Prepare(kListComplaints);
    int i = 1;
    select.setDateTime(i++, db::ToSqlDateTime(within.start));
    select.setDateTime(i++, db::ToSqlDateTime(within.end));
    select.setDateTime(i++, after);
    select.setDateTime(i++, after);
    select.setString(i++, after_key);
    select.setString(i++, filter.room_id);
    select.setString(i++, filter.building_id);
    select.setString(i++, filter.room_id);
    select.setInt(i++, state);
    select.setInt(i++, state);
    select.setString(i++, filter.organizer_unit);
    select.setString(i++, filter.organizer_unit);
    select.setInt(i++, limit);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) result.push_back(ReadComplaintRow(*rows));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<FeedbackPeriod> FeedbackStore::ReadPeriod(TimeWindow period) {
  FeedbackPeriod result;
  absl::Status status = db::ReadOnly(pool_, "ReadFeedbackPeriod", [&](db::Connection& c) {
    result = FeedbackPeriod();
    const std::string start = db::ToSqlDateTime(period.start);
    const std::string end = db::ToSqlDateTime(period.end);
    auto& count = c.Prepare(kCountCompletedMeetings);
    count.setDateTime(1, start);
    count.setDateTime(2, end);
    count.setInt(3, NumberOf(MeetingState::kCompleted));
    count.setInt(4, NumberOf(MeetingState::kArchived));
    std::unique_ptr<sql::ResultSet> counted(count.executeQuery());
    if (counted->next()) result.meetings_completed = counted->getInt(1);
    auto& evaluations = c.Prepare(kSelectEvaluationsOfPeriod);
    evaluations.setDateTime(1, start);
    evaluations.setDateTime(2, end);
    std::unique_ptr<sql::ResultSet> rows(evaluations.executeQuery());
    result.evaluations = ReadEvaluations(*rows);
    auto& complaints = c.Prepare(kComplaintsOfPeriod);
    complaints.setDateTime(1, start);
    complaints.setDateTime(2, end);
    std::unique_ptr<sql::ResultSet> facts(complaints.executeQuery());
    while (facts->next()) {
      result.complaints.push_back(
          ComplaintFact{{facts->getString(1), facts->getString(2)},
                        facts->getInt(3) == static_cast<int>(ComplaintState::kClosed)});
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace huiwu::booking
