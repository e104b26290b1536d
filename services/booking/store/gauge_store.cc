// BookingStore: the counts behind booking's domain gauges (booking_gauges.h). Read-only,
// each one index range.
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "services/booking/store/booking_store.h"
#include "services/booking/store/lifecycle_step.h"

namespace huiwu::booking {
namespace {

// A range on meetings_by_start (start_time, meeting_id).
constexpr char kCountMeetingsByState[] =
    "SELECT state, COUNT(*) FROM meetings WHERE start_time >= ? AND start_time < ? "
    "GROUP BY state";
// A range on occupancies_by_time (start_time), bounded below by the longest hold (DESIGN
// §4). Only CONFIRMED (2) and IN_PROGRESS (3) meetings count: a COMPLETED meeting keeps
// its hold for the clean-up, but the room is no longer in use by a meeting.
constexpr char kCountRoomsInUse[] =
    "SELECT COUNT(DISTINCT o.building_id, o.room_id) FROM occupancies o "
    "JOIN meetings m ON m.meeting_id = o.meeting_id "
    "WHERE o.start_time <= ? AND o.start_time > ? AND o.end_time > ? AND m.state IN (2, 3)";

}  // namespace

absl::StatusOr<std::map<MeetingState, int64_t>> BookingStore::CountMeetingsByState(
    TimeWindow starts_within) {
  std::map<MeetingState, int64_t> counts;
  absl::Status status = db::ReadOnly(pool_, "CountMeetingsByState", [&](db::Connection& c) {
    counts.clear();
    auto& select = c.Prepare(kCountMeetingsByState);
    select.setDateTime(1, db::ToSqlDateTime(starts_within.start));
    select.setDateTime(2, db::ToSqlDateTime(starts_within.end));
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) {
      if (auto state = MeetingStateFromNumber(rows->getInt(1))) counts[*state] = rows->getInt64(2);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return counts;
}

absl::StatusOr<int64_t> BookingStore::CountRoomsInUse(absl::Time now) {
  int64_t count = 0;
  absl::Status status = db::ReadOnly(pool_, "CountRoomsInUse", [&](db::Connection& c) {
    auto& select = c.Prepare(kCountRoomsInUse);
    select.setDateTime(1, db::ToSqlDateTime(now));
    select.setDateTime(2, db::ToSqlDateTime(now - LongestHold(longest_meeting_)));
    select.setDateTime(3, db::ToSqlDateTime(now));
    std::unique_ptr<sql::ResultSet> row(select.executeQuery());
    count = row->next() ? row->getInt64(1) : 0;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return count;
}

}  // namespace huiwu::booking
