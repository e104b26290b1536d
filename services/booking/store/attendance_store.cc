// BookingStore: sign-in (签到) and attendance.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <optional>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/booking/domain/attendance.h"
#include "services/booking/store/booking_store.h"
#include "services/booking/store/meeting_rows.h"

namespace huiwu::booking {
namespace {

// The write of a first sign-in on its meeting's row (0005_meeting_sign_in_seq.sql).
constexpr char kBumpSignIns[] =
    "UPDATE meetings SET sign_in_seq = sign_in_seq + 1 WHERE meeting_id = ?";

constexpr char kInsertSignIn[] =
    "INSERT INTO sign_ins (meeting_id, attendee_id, walk_in, name, unit, sign_in_time) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr char kSelectSignInTime[] =
    "SELECT sign_in_time FROM sign_ins WHERE meeting_id = ? AND attendee_id = ?";
constexpr char kSelectSignedIn[] = "SELECT attendee_id FROM sign_ins WHERE meeting_id = ?";

const Attendee* FindAttendee(const Meeting& meeting, absl::string_view attendee_id) {
  for (const Attendee& a : meeting.attendees) {
    if (a.id == attendee_id) return &a;
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<SignInResult> BookingStore::SignIn(const SignInCommand& who, absl::Time now) {
  SignInResult result;
  absl::Status status = db::InTransaction(pool_, "SignIn", [&](db::Connection& c) {
    // A late arrival and the no-show release (无人签到) of their meeting must not both
    // succeed: the release locks the meeting row, asks "anyone signed in?" and cancels.
    // The meeting row is locked here before its state is read, so on one server the two
    // queue on it; and a first sign-in also writes the row (below), because on Galera a
    // lock holds only on its own node: the write is what lets certification refuse the
    // later of the two at commit (1213, retried: the retry reads the meeting CANCELLED, or
    // the release's retry reads this sign-in). Cost: sign-ins of one meeting are
    // serialized: they queue on its row one short transaction at a time (the shared lock
    // before let them overlap), and through two nodes the later is refused and retried.
    std::optional<Meeting> meeting = LoadMeeting(c, who.meeting_id, /*lock=*/true);
    if (!meeting.has_value()) return MeetingNotFound(who.meeting_id);
    absl::Status open = CheckSignInOpen(*meeting, now);
    if (!open.ok()) return open;
    std::string name = who.name;
    std::string unit = who.unit;
    if (!who.walk_in) {
      const Attendee* listed = FindAttendee(*meeting, who.attendee_id);
      if (listed == nullptr) {
        const std::string meeting_name = MeetingName(who.meeting_id);
        return ErrorWithReason(
            absl::StatusCode::kNotFound, "ATTENDEE_NOT_FOUND",
            absl::StrCat("attendee ", who.attendee_id, " is not on the list of ", meeting_name,
                         "; check the id on the meeting's attendees, or sign in as a walk_in"),
            {{"meeting", meeting_name}, {"attendee_id", who.attendee_id}});
      }
      name = listed->name;
      unit = listed->unit;
    }
    result = SignInResult{who.attendee_id, false, db::WholeMicros(now)};
    try {
      auto& insert = c.Prepare(kInsertSignIn);
      insert.setString(1, who.meeting_id);
      insert.setString(2, who.attendee_id);
      insert.setBoolean(3, who.walk_in);
      insert.setString(4, name);
      insert.setString(5, unit);
      insert.setDateTime(6, db::ToSqlDateTime(result.sign_in_time));
      insert.executeUpdate();
      auto& bump = c.Prepare(kBumpSignIns);
      bump.setString(1, who.meeting_id);
      bump.executeUpdate();
      // Only the first sign-in is an event: signing in again changes nothing.
      PublishEvent(
          c, AttendeeSignedInEvent(*meeting, who.attendee_id, who.walk_in, result.sign_in_time),
          now);
      return absl::OkStatus();
    } catch (const sql::SQLException& e) {
      if (e.getErrorCode() != db::kErDupEntry) throw;
    }
    // Signed in before (or by a concurrent call that committed first: sessions run READ
    // COMMITTED, so its row is visible here). The first time stands.
    auto& select = c.Prepare(kSelectSignInTime);
    select.setString(1, who.meeting_id);
    select.setString(2, who.attendee_id);
    std::unique_ptr<sql::ResultSet> row(select.executeQuery());
    if (!row->next()) {
      // The row that collided was rolled back again: retry the whole transaction.
      throw sql::SQLException("sign-in vanished", "40001", db::kErLockDeadlock);
    }
    result.already_signed_in = true;
    result.sign_in_time = db::FromSqlDateTime(std::string(row->getString(1)));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<AttendanceReport> BookingStore::GetAttendance(absl::string_view meeting_id,
                                                             absl::string_view organizer_scope) {
  AttendanceReport report;
  absl::Status status = db::ReadOnly(pool_, "GetAttendance", [&](db::Connection& c) {
    std::optional<Meeting> meeting =
        LoadScopedMeeting(c, meeting_id, /*lock=*/false, organizer_scope);
    if (!meeting.has_value()) return MeetingNotFound(meeting_id);
    std::set<std::string> signed_in;
    auto& select = c.Prepare(kSelectSignedIn);
    select.setString(1, std::string(meeting_id));
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) signed_in.insert(std::string(rows->getString(1)));

    std::vector<std::string> expected;
    expected.reserve(meeting->attendees.size());
    for (const Attendee& a : meeting->attendees) expected.push_back(a.id);
    // Walk-ins are the signed-in ids that are not on the list ("w-…"), which
    // ComputeAttendance counts itself.
    report.figures = ComputeAttendance(expected, signed_in, /*walk_ins=*/0);
    report.absentees.clear();
    for (const std::string& id : report.figures.absentee_ids) {
      report.absentees.push_back(*FindAttendee(*meeting, id));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return report;
}

}  // namespace huiwu::booking
