// BookingStore: recurring series (例会, e.g. the weekly leadership meeting).
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/api/etag_check.h"
#include "common/db/idempotency.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/booking/store/booking_store.h"
#include "services/booking/store/lifecycle_step.h"
#include "services/booking/store/meeting_rows.h"
#include "services/booking/store/store_util.h"

namespace huiwu::booking {
namespace {

constexpr char kSeriesPrefix[] = "meetingSeries/";
constexpr char kCreateSeriesMethod[] = "CreateMeetingSeries";
// Each occurrence a ConfirmMeetingSeries call confirms claims its request_id under its own
// method key, in the occurrence's own transaction: a retry then answers CONFIRMED for
// exactly the occurrences the first call confirmed, and tries the others again (the
// first call changed nothing for them).
constexpr char kConfirmSeriesMethod[] = "ConfirmMeetingSeries/";
constexpr char kCancelMethod[] = "CancelMeeting";

constexpr char kInsertSeries[] =
    "INSERT INTO meeting_series (series_id, frequency, recurrence_interval, weekdays, "
    "until_date, occurrence_count, create_time, include_holidays) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectSeries[] =
    "SELECT frequency, recurrence_interval, weekdays, until_date, occurrence_count, "
    "include_holidays FROM meeting_series WHERE series_id = ?";
// The index meetings_by_series (series_id, start_time) gives the occurrences in order.
constexpr char kSelectOccurrences[] =
    "SELECT meeting_id, start_time, state FROM meetings WHERE series_id = ? "
    "ORDER BY start_time, meeting_id";
constexpr char kSelectLaterOccurrences[] =
    "SELECT meeting_id, state FROM meetings WHERE series_id = ? AND start_time > ? "
    "ORDER BY start_time, meeting_id";
constexpr char kSelectIdempotencyKey[] =
    "SELECT 1 FROM idempotency_keys WHERE method = ? AND request_id = ?";

struct Occurrence {
  std::string meeting_id;
  absl::Time start;
  MeetingState state;
};

std::string SeriesName(absl::string_view series_id) {
  return absl::StrCat(kSeriesPrefix, series_id);
}

absl::Status SeriesNotFound(absl::string_view series_id) {
  return ErrorWithReason(absl::StatusCode::kNotFound, "SERIES_NOT_FOUND",
                         absl::StrCat(SeriesName(series_id),
                                      " does not exist; use the name CreateMeetingSeries returned"),
                         {{"series", SeriesName(series_id)}});
}

// Weekdays are stored as their ISO numbers (Monday 1 … Sunday 7), as in the API.
int IsoNumber(absl::Weekday weekday) { return static_cast<int>(weekday) + 1; }

// Frequencies are stored with the API's numbers (DAILY 1, WEEKLY 2, MONTHLY 3, WORKDAYS 4).
int FrequencyNumber(Frequency frequency) { return static_cast<int>(frequency) + 1; }

void InsertSeriesRow(db::Connection& c, absl::string_view series_id, const RecurrenceRule& rule,
                     absl::Time now) {
  std::vector<int> weekdays;
  for (absl::Weekday weekday : rule.weekdays) weekdays.push_back(IsoNumber(weekday));
  auto& insert = c.Prepare(kInsertSeries);
  insert.setString(1, std::string(series_id));
  insert.setInt(2, FrequencyNumber(rule.frequency));
  insert.setInt(3, rule.interval);
  insert.setString(4, absl::StrJoin(weekdays, ","));
  if (rule.until.has_value()) {
    insert.setDateTime(5, absl::StrFormat("%04d-%02d-%02d", rule.until->year(), rule.until->month(),
                                          rule.until->day()));
  } else {
    insert.setNull(5, 0);
  }
  if (rule.count.has_value()) {
    insert.setInt(6, *rule.count);
  } else {
    insert.setNull(6, 0);
  }
  insert.setDateTime(7, db::ToSqlDateTime(now));
  insert.setInt(8, rule.include_holidays ? 1 : 0);
  insert.executeUpdate();
}

std::vector<Occurrence> ReadOccurrences(db::Connection& c, absl::string_view series_id) {
  auto& select = c.Prepare(kSelectOccurrences);
  select.setString(1, std::string(series_id));
  std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
  std::vector<Occurrence> occurrences;
  while (rows->next()) {
    occurrences.push_back(Occurrence{
        std::string(rows->getString(1)), db::FromSqlDateTime(std::string(rows->getString(2))),
        MeetingStateFromNumber(rows->getInt(3)).value_or(MeetingState::kSubmitted)});
  }
  return occurrences;
}

// The series with its rule and every occurrence in full; nullopt when there is none.
std::optional<MeetingSeriesRecord> LoadSeries(db::Connection& c, absl::string_view series_id) {
  MeetingSeriesRecord series;
  series.id = std::string(series_id);
  {
    auto& select = c.Prepare(kSelectSeries);
    select.setString(1, std::string(series_id));
    std::unique_ptr<sql::ResultSet> row(select.executeQuery());
    if (!row->next()) return std::nullopt;
    series.rule.frequency = static_cast<Frequency>(row->getInt(1) - 1);
    series.rule.interval = row->getInt(2);
    for (absl::string_view number :
         absl::StrSplit(std::string(row->getString(3)), ',', absl::SkipEmpty())) {
      int iso = 0;
      if (absl::SimpleAtoi(number, &iso) && iso >= 1 && iso <= 7) {
        series.rule.weekdays.push_back(static_cast<absl::Weekday>(iso - 1));
      }
    }
    absl::CivilDay until;
    if (!row->isNull(4) && absl::ParseCivilTime(std::string(row->getString(4)), &until)) {
      series.rule.until = until;
    }
    if (!row->isNull(5)) series.rule.count = row->getInt(5);
    series.rule.include_holidays = row->getInt(6) != 0;
  }
  for (const Occurrence& occurrence : ReadOccurrences(c, series_id)) {
    std::optional<Meeting> meeting = LoadMeeting(c, occurrence.meeting_id, /*lock=*/false);
    if (meeting.has_value()) series.meetings.push_back(*std::move(meeting));
  }
  return series;
}

bool SeriesExists(db::Connection& c, absl::string_view series_id) {
  auto& select = c.Prepare(kSelectSeries);
  select.setString(1, std::string(series_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  return row->next();
}

bool RequestIdClaimed(db::Connection& c, absl::string_view method, absl::string_view request_id) {
  auto& select = c.Prepare(kSelectIdempotencyKey);
  select.setString(1, std::string(method));
  select.setString(2, std::string(request_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  return row->next();
}

std::vector<std::pair<std::string, MeetingState>> LaterOccurrences(db::Connection& c,
                                                                   const Meeting& meeting) {
  auto& select = c.Prepare(kSelectLaterOccurrences);
  select.setString(1, meeting.series_id);
  select.setDateTime(2, db::ToSqlDateTime(meeting.window.start));
  std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
  std::vector<std::pair<std::string, MeetingState>> later;
  while (rows->next()) {
    later.emplace_back(rows->getString(1),
                       MeetingStateFromNumber(rows->getInt(2)).value_or(MeetingState::kSubmitted));
  }
  return later;
}

// A meeting that no longer waits for the dispatch hub: confirmed, or already past it.
bool ConfirmedOrLater(MeetingState state) {
  return state == MeetingState::kConfirmed || state == MeetingState::kInProgress ||
         state == MeetingState::kCompleted || state == MeetingState::kArchived;
}

}  // namespace

absl::StatusOr<MeetingSeriesRecord> BookingStore::CreateMeetingSeries(
    const Meeting& first, const RecurrenceRule& rule, const std::vector<TimeWindow>& windows,
    absl::string_view request_id, absl::string_view actor, absl::Time now) {
  std::optional<MeetingSeriesRecord> result;
  absl::Status status = db::InTransaction(pool_, kCreateSeriesMethod, [&](db::Connection& c) {
    const std::string series_id = NewMeetingId();
    if (!request_id.empty()) {
      auto earlier =
          db::ClaimRequestId(c, kCreateSeriesMethod, request_id, SeriesName(series_id), now);
      if (earlier.has_value()) {
        const std::string earlier_id = earlier->substr(std::string(kSeriesPrefix).size());
        result = LoadSeries(c, earlier_id);
        return result.has_value() ? absl::OkStatus() : SeriesNotFound(earlier_id);
      }
    }
    InsertSeriesRow(c, series_id, rule, now);
    const absl::Time created = db::WholeMicros(now);
    if (first.has_room()) {
      absl::Status room = ReferenceRoom(c, first.building_id, first.room_id);
      if (!room.ok()) return room;
    }
    for (size_t i = 0; i < windows.size(); ++i) {
      Meeting occurrence = first;
      occurrence.id = NewMeetingId();
      occurrence.window = windows[i];
      occurrence.series_id = series_id;
      occurrence.state = MeetingState::kSubmitted;
      occurrence.state_reason.clear();
      occurrence.summary.reset();
      occurrence.history.clear();
      occurrence.occupancy.reset();
      occurrence.version = 1;
      occurrence.create_time = occurrence.update_time = created;
      InsertMeeting(c, occurrence);
      AppendHistory(
          c, occurrence.id,
          StateChange{MeetingState::kSubmitted, MeetingState::kSubmitted, std::string(actor),
                      absl::StrCat("notice submitted: occurrence ", i + 1, " of ", windows.size(),
                                   " of ", SeriesName(series_id)),
                      created});
    }
    result = LoadSeries(c, series_id);
    if (!result.has_value()) RetryRolledBack(SeriesName(series_id));
    for (const Meeting& occurrence : result->meetings) {
      PublishEvent(c, MeetingSubmittedEvent(occurrence), now);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *std::move(result);
}

absl::StatusOr<std::vector<OccurrenceResult>> BookingStore::ConfirmMeetingSeries(
    absl::string_view series_id, const TransitionCommand& command, absl::Time now,
    const ClearanceCheck& clearance) {
  std::vector<Occurrence> occurrences;
  absl::Status read = db::InTransaction(pool_, "ConfirmMeetingSeries", [&](db::Connection& c) {
    if (!SeriesExists(c, series_id)) return SeriesNotFound(series_id);
    occurrences = ReadOccurrences(c, series_id);
    return absl::OkStatus();
  });
  if (!read.ok()) return read;

  std::vector<OccurrenceResult> results;
  for (const Occurrence& occurrence : occurrences) {
    OccurrenceResult result;
    result.meeting_id = occurrence.meeting_id;
    result.start = occurrence.start;
    const std::string method = absl::StrCat(kConfirmSeriesMethod, occurrence.meeting_id);
    // Cleared first, outside any transaction (ClearanceCheck), like a single confirm; the
    // request's room is for occurrences that name none, as in the step below.
    absl::StatusOr<ClearanceGate> gate = ClearanceGate{};
    if (clearance) {
      std::optional<ClearanceGate::Cleared> planned;
      absl::Status read = db::ReadOnly(pool_, "PlanConfirmMeetingSeries", [&](db::Connection& c) {
        planned = PlanConfirmHold(c, occurrence.meeting_id, command, ConfirmRoom::kMeetingFirst);
        return absl::OkStatus();
      });
      if (!read.ok()) return read;
      gate = CheckClearance(clearance, planned);
      if (!gate.ok() && gate.status().code() != absl::StatusCode::kFailedPrecondition) {
        // Safety cannot be asked: later occurrences could not be cleared either.
        return gate.status();
      }
    }
    auto confirm_one = [&](db::Connection& c) -> absl::Status {
      std::optional<Meeting> meeting =
          LoadScopedMeeting(c, occurrence.meeting_id, /*lock=*/true, command.organizer_scope);
      if (!meeting.has_value()) return MeetingNotFound(occurrence.meeting_id);
      if (meeting->state != MeetingState::kSubmitted) {
        if (!command.request_id.empty() && RequestIdClaimed(c, method, command.request_id)) {
          result.outcome = OccurrenceOutcome::kConfirmed;  // by this request, the first time
        } else if (ConfirmedOrLater(meeting->state)) {
          result.outcome = OccurrenceOutcome::kAlreadyConfirmed;
        } else {
          result.outcome = OccurrenceOutcome::kNotConfirmable;
        }
        return absl::OkStatus();
      }
      if (!command.request_id.empty()) {
        db::ClaimRequestId(c, method, command.request_id, MeetingName(occurrence.meeting_id), now);
      }
      TransitionCommand confirm = command;
      if (meeting->has_room()) {
        // The request's room is for occurrences that name none.
        confirm.building_id.clear();
        confirm.room_id.clear();
      }
      absl::Status applied = ApplyTransition(c, *meeting, confirm, longest_meeting_, now, *gate);
      if (!applied.ok()) return applied;
      result.outcome = OccurrenceOutcome::kConfirmed;
      return absl::OkStatus();
    };
    // Its own transaction: a taken slot rolls back this occurrence only. A room safety
    // did not clear is refused without one.
    absl::Status step =
        gate.ok() ? db::InTransaction(pool_, "ConfirmMeetingSeries", confirm_one) : gate.status();
    if (!step.ok()) {
      switch (step.code()) {
        case absl::StatusCode::kFailedPrecondition:
        case absl::StatusCode::kNotFound:
        case absl::StatusCode::kInvalidArgument:
          if (ReasonOf(step) == "ROOM_CONFLICT") {
            result.outcome = OccurrenceOutcome::kConflict;
            result.conflicting_meeting = MetadataOf(step)["conflicting_meeting"];
          } else {
            result.outcome = OccurrenceOutcome::kRefused;
          }
          result.detail = std::string(step.message());
          break;
        default:
          // The database failed (after retries), or the meeting changed while it was
          // being cleared (ABORTED): the occurrences before this one are confirmed and
          // stay so; a retry of the call reports them and goes on.
          return step;
      }
    }
    results.push_back(std::move(result));
  }
  return results;
}

absl::StatusOr<std::pair<Meeting, std::vector<std::string>>> BookingStore::CancelThisAndFollowing(
    absl::string_view meeting_id, const TransitionCommand& command, absl::Time now,
    const ClearanceCheck& clearance) {
  ClearanceGate gate;
  if (clearance) {
    // Each confirmed occurrence given up may confirm a notice waiting for its room: the
    // rooms are cleared first, without locks, as for a single cancel. One plan per held
    // occurrence (a primary-key read and an empty index range where nobody waits).
    std::vector<PromotionPlan> planned;
    absl::Status read = db::ReadOnly(pool_, "PlanPromotion", [&](db::Connection& c) {
      planned.clear();
      std::optional<Meeting> meeting = LoadMeetingRow(c, meeting_id);
      if (!meeting.has_value()) return absl::OkStatus();
      std::vector<std::string> held;
      if (meeting->state == MeetingState::kConfirmed) held.push_back(meeting->id);
      if (!meeting->series_id.empty()) {
        for (const auto& [id, state] : LaterOccurrences(c, *meeting)) {
          if (state == MeetingState::kConfirmed) held.push_back(id);
        }
      }
      for (const std::string& id : held) {
        if (auto plan = PlanPromotion(c, id); plan.has_value()) planned.push_back(*plan);
      }
      return absl::OkStatus();
    });
    if (!read.ok()) return read;
    gate = CheckPromotionClearance(clearance, planned);
  }
  std::optional<Meeting> named;
  std::vector<std::string> cancelled;
  absl::Status status = db::InTransaction(pool_, kCancelMethod, [&](db::Connection& c) {
    cancelled.clear();
    if (!command.request_id.empty() &&
        db::ClaimRequestId(c, kCancelMethod, command.request_id, MeetingName(meeting_id), now)
            .has_value()) {
      // A retry: the meeting as it is now, with the later occurrences now cancelled.
      named = LoadScopedMeeting(c, meeting_id, /*lock=*/false, command.organizer_scope);
      if (!named.has_value()) return MeetingNotFound(meeting_id);
      cancelled.push_back(std::string(meeting_id));
      if (!named->series_id.empty()) {
        for (const auto& [id, state] : LaterOccurrences(c, *named)) {
          if (state == MeetingState::kCancelled) cancelled.push_back(id);
        }
      }
      return absl::OkStatus();
    }
    std::optional<Meeting> meeting =
        LoadScopedMeeting(c, meeting_id, /*lock=*/true, command.organizer_scope);
    if (!meeting.has_value()) return MeetingNotFound(meeting_id);
    absl::Status etag_ok = api::CheckEtag(command.etag, meeting->version, MeetingName(meeting_id));
    if (!etag_ok.ok()) return etag_ok;
    absl::Status applied = ApplyTransition(c, *meeting, command, longest_meeting_, now, gate);
    if (!applied.ok()) return applied;
    cancelled.push_back(std::string(meeting_id));
    if (!meeting->series_id.empty()) {
      // Later occurrences that have not started; locked in start order, so two cancels of
      // one series wait for each other instead of deadlocking.
      for (const auto& [id, listed_state] : LaterOccurrences(c, *meeting)) {
        if (listed_state != MeetingState::kSubmitted && listed_state != MeetingState::kConfirmed) {
          continue;
        }
        std::optional<Meeting> later =
            LoadScopedMeeting(c, id, /*lock=*/true, command.organizer_scope);
        if (!later.has_value() || (later->state != MeetingState::kSubmitted &&
                                   later->state != MeetingState::kConfirmed)) {
          continue;
        }
        applied = ApplyTransition(c, *later, command, longest_meeting_, now, gate);
        if (!applied.ok()) return applied;
        cancelled.push_back(id);
      }
    }
    named = LoadMeeting(c, meeting_id, /*lock=*/false);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return std::make_pair(*std::move(named), std::move(cancelled));
}

}  // namespace huiwu::booking
