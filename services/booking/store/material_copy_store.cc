// BookingStore: numbered copies of a meeting's materials (保密文件编号发放、回收).
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/booking/store/booking_store.h"
#include "services/booking/store/meeting_rows.h"

namespace huiwu::booking {
namespace {

// The write of a hand-out on its meeting's row (0011_confidential_meetings.sql): an
// archive through another Galera node then conflicts with it at commit.
constexpr char kBumpMaterialCopies[] =
    "UPDATE meetings SET material_copy_seq = material_copy_seq + 1 WHERE meeting_id = ?";
constexpr char kInsertCopy[] =
    "INSERT INTO material_copies (meeting_id, copy_number, holder, holder_unit, state, "
    "issue_time, issued_by) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr char kCopyColumns[] =
    "meeting_id, copy_number, holder, holder_unit, state, write_off_reason, issue_time, "
    "issued_by, close_time, closed_by";
const std::string kSelectCopy = absl::StrCat("SELECT ", kCopyColumns,
                                             " FROM material_copies WHERE meeting_id = ? AND "
                                             "copy_number = ? FOR UPDATE");
// A locking read: under the archive's meeting row lock it sees every copy committed
// before, and makes a recovery being written now wait.
const std::string kSelectCopiesLocked =
    absl::StrCat("SELECT ", kCopyColumns,
                 " FROM material_copies WHERE meeting_id = ? ORDER BY copy_number "
                 "LOCK IN SHARE MODE");
const std::string kSelectCopies = absl::StrCat(
    "SELECT ", kCopyColumns, " FROM material_copies WHERE meeting_id = ? ORDER BY copy_number");
constexpr char kCloseCopy[] =
    "UPDATE material_copies SET state = ?, write_off_reason = ?, close_time = ?, closed_by = ? "
    "WHERE meeting_id = ? AND copy_number = ?";

std::string CopyName(absl::string_view meeting_id, absl::string_view number) {
  return absl::StrCat(MeetingName(meeting_id), "/materialCopies/", number);
}

MaterialCopy ReadCopy(sql::ResultSet& row) {
  MaterialCopy copy;
  copy.meeting_id = row.getString(1);
  copy.number = row.getString(2);
  copy.holder = row.getString(3);
  copy.holder_unit = row.getString(4);
  copy.state = MaterialCopyStateFromNumber(row.getInt(5)).value_or(MaterialCopyState::kOut);
  copy.write_off_reason = row.getString(6);
  copy.issue_time = db::FromSqlDateTime(std::string(row.getString(7)));
  copy.issued_by = row.getString(8);
  if (!row.isNull(9)) copy.close_time = db::FromSqlDateTime(std::string(row.getString(9)));
  copy.closed_by = row.getString(10);
  return copy;
}

std::vector<MaterialCopy> ReadCopies(db::Connection& c, const std::string& sql,
                                     absl::string_view meeting_id) {
  auto& select = c.Prepare(sql);
  select.setString(1, std::string(meeting_id));
  std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
  std::vector<MaterialCopy> copies;
  while (rows->next()) copies.push_back(ReadCopy(*rows));
  return copies;
}

std::optional<MaterialCopy> LoadCopy(db::Connection& c, absl::string_view meeting_id,
                                     absl::string_view number) {
  auto& select = c.Prepare(kSelectCopy);
  select.setString(1, std::string(meeting_id));
  select.setString(2, std::string(number));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  return ReadCopy(*row);
}

absl::Status CopyNotFound(absl::string_view meeting_id, absl::string_view number) {
  const std::string name = CopyName(meeting_id, number);
  return ErrorWithReason(
      absl::StatusCode::kNotFound, "MATERIAL_COPY_NOT_FOUND",
      absl::StrCat(name, " was never handed out; list the meeting's copies to find its number"),
      {{"material_copy", name}});
}

// The meeting row, unless another unit's (then as missing: issue 11).
std::optional<Meeting> ScopedRow(db::Connection& c, absl::string_view meeting_id,
                                 absl::string_view organizer_scope) {
  std::optional<Meeting> meeting = LoadMeetingRow(c, meeting_id);
  if (meeting.has_value() && !organizer_scope.empty() &&
      meeting->organizer_unit != organizer_scope) {
    return std::nullopt;
  }
  return meeting;
}

}  // namespace

std::vector<MaterialCopy> LoadMaterialCopiesLocked(db::Connection& c,
                                                   absl::string_view meeting_id) {
  return ReadCopies(c, kSelectCopiesLocked, meeting_id);
}

absl::StatusOr<MaterialCopy> BookingStore::IssueMaterialCopy(const MaterialCopy& copy,
                                                             absl::string_view request_id,
                                                             absl::string_view organizer_scope,
                                                             absl::Time now) {
  std::optional<MaterialCopy> result;
  absl::Status status = db::InTransaction(pool_, "IssueMaterialCopy", [&](db::Connection& c) {
    if (!request_id.empty()) {
      auto earlier = db::ClaimRequestId(c, "IssueMaterialCopy", request_id,
                                        CopyName(copy.meeting_id, copy.number), now);
      if (earlier.has_value()) {
        // The first call's copy, as it is now (the request's body is the same).
        if (!ScopedRow(c, copy.meeting_id, organizer_scope).has_value()) {
          return MeetingNotFound(copy.meeting_id);
        }
        result = LoadCopy(c, copy.meeting_id, copy.number);
        return result.has_value() ? absl::OkStatus() : CopyNotFound(copy.meeting_id, copy.number);
      }
    }
    {
      auto& bump = c.Prepare(kBumpMaterialCopies);
      bump.setString(1, copy.meeting_id);
      if (bump.executeUpdate() == 0) return MeetingNotFound(copy.meeting_id);
    }
    std::optional<Meeting> meeting = ScopedRow(c, copy.meeting_id, organizer_scope);
    if (!meeting.has_value()) return MeetingNotFound(copy.meeting_id);
    if (meeting->state == MeetingState::kArchived) {
      return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "MEETING_READ_ONLY",
                             absl::StrCat(MeetingName(copy.meeting_id),
                                          " is archived; archived meetings are read-only"),
                             {{"meeting", MeetingName(copy.meeting_id)}});
    }
    MaterialCopy issued = copy;
    issued.state = MaterialCopyState::kOut;
    issued.issue_time = db::WholeMicros(now);
    try {
      auto& insert = c.Prepare(kInsertCopy);
      insert.setString(1, issued.meeting_id);
      insert.setString(2, issued.number);
      insert.setString(3, issued.holder);
      insert.setString(4, issued.holder_unit);
      insert.setInt(5, static_cast<int>(MaterialCopyState::kOut));
      insert.setDateTime(6, db::ToSqlDateTime(issued.issue_time));
      insert.setString(7, issued.issued_by);
      insert.executeUpdate();
    } catch (const sql::SQLException& e) {
      if (e.getErrorCode() != db::kErDupEntry) throw;
      const std::string name = CopyName(copy.meeting_id, copy.number);
      return ErrorWithReason(
          absl::StatusCode::kAlreadyExists, "MATERIAL_COPY_EXISTS",
          absl::StrCat(name, " was already handed out; each numbered copy is handed out once"),
          {{"material_copy", name}});
    }
    result = std::move(issued);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<MaterialCopy> BookingStore::CloseMaterialCopy(
    absl::string_view meeting_id, absl::string_view number, MaterialCopyState to,
    absl::string_view reason, absl::string_view actor, absl::string_view organizer_scope,
    absl::Time now) {
  std::optional<MaterialCopy> result;
  absl::Status status = db::InTransaction(pool_, "CloseMaterialCopy", [&](db::Connection& c) {
    if (!ScopedRow(c, meeting_id, organizer_scope).has_value()) return MeetingNotFound(meeting_id);
    std::optional<MaterialCopy> copy = LoadCopy(c, meeting_id, number);
    if (!copy.has_value()) return CopyNotFound(meeting_id, number);
    absl::Status open = CheckCanClose(*copy);
    if (!open.ok()) return open;
    copy->state = to;
    copy->write_off_reason = std::string(reason);
    copy->close_time = db::WholeMicros(now);
    copy->closed_by = std::string(actor);
    auto& update = c.Prepare(kCloseCopy);
    update.setInt(1, static_cast<int>(to));
    update.setString(2, copy->write_off_reason);
    update.setDateTime(3, db::ToSqlDateTime(*copy->close_time));
    update.setString(4, copy->closed_by);
    update.setString(5, std::string(meeting_id));
    update.setString(6, std::string(number));
    update.executeUpdate();
    result = std::move(copy);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<MaterialCopyList> BookingStore::ListMaterialCopies(
    absl::string_view meeting_id, absl::string_view organizer_scope) {
  MaterialCopyList result;
  absl::Status status = db::ReadOnly(pool_, "ListMaterialCopies", [&](db::Connection& c) {
    std::optional<Meeting> meeting = ScopedRow(c, meeting_id, organizer_scope);
    if (!meeting.has_value()) return MeetingNotFound(meeting_id);
    result.confidential = meeting->confidential;
    result.organizer_unit = meeting->organizer_unit;
    result.copies = ReadCopies(c, kSelectCopies, meeting_id);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace huiwu::booking
