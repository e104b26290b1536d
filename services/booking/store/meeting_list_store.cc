// BookingStore: listing meetings, one page in one query.
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "services/booking/store/booking_store.h"
#include "services/booking/store/meeting_rows.h"

namespace huiwu::booking {
namespace {

// Absent filters bind values that match everything (the "? = '' OR" idiom keeps one
// prepared statement for every combination). The page is chosen on meetings alone —
// keyset on (start_time, meeting_id), the meetings_by_start index — and only its rows
// are joined to their holds and flags, so a page costs one query whatever its size (no
// N+1); a meeting with several flags comes as consecutive rows, one per flag.
// LIKE escapes with '!' rather than the default backslash, whose meaning in a literal
// depends on the server's sql_mode (NO_BACKSLASH_ESCAPES).
const std::string kListMeetings = absl::StrCat(
    "SELECT page.*, o.start_time, o.end_time, f.hazard, f.reason, f.create_time"
    " FROM (SELECT ",
    kMeetingColumns,
    " FROM meetings WHERE start_time >= ? AND start_time < ?"
    " AND (start_time > ? OR (start_time = ? AND meeting_id > ?))"
    " AND (? = '' OR (building_id = ? AND room_id = ?))"
    " AND (? = '' OR organizer_unit = ?)"
    " AND (? = 0 OR state = ?)"
    " AND (? = '' OR (title LIKE ? ESCAPE '!'"
    "  AND (confidential = 0 OR ? = 1 OR (? <> '' AND organizer_unit = ?))))"
    " ORDER BY start_time, meeting_id LIMIT ?) AS page"
    " LEFT JOIN occupancies o ON o.meeting_id = page.meeting_id"
    " LEFT JOIN meeting_flags f ON f.meeting_id = page.meeting_id"
    " ORDER BY page.start_time, page.meeting_id, f.create_time, f.hazard");
// The columns of the hold's start and of the flag's hazard in kListMeetings, after the
// meeting's columns.
constexpr int kHoldStartColumn = kMeetingColumnCount + 1;
constexpr int kFlagHazardColumn = kMeetingColumnCount + 3;

// Bounds for absent time filters: every stored meeting starts within 2000–2200.
const absl::Time kBeforeEverything =
    absl::FromCivil(absl::CivilSecond(1970, 1, 1, 0, 0, 0), absl::UTCTimeZone());
const absl::Time kAfterEverything =
    absl::FromCivil(absl::CivilSecond(9999, 1, 1, 0, 0, 0), absl::UTCTimeZone());

// `text` as a LIKE pattern that matches it literally anywhere in the title: %, _ and the
// escape character itself are escaped; a backslash is an ordinary character with ESCAPE '!'.
std::string ContainsPattern(absl::string_view text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '!') pattern += '!';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

}  // namespace

absl::StatusOr<std::vector<Meeting>> BookingStore::ListMeetings(
    const MeetingFilter& filter, std::optional<absl::Time> after_start, absl::string_view after_id,
    int limit) {
  std::vector<Meeting> result;
  absl::Status status = db::ReadOnly(pool_, "ListMeetings", [&](db::Connection& c) {
    result.clear();
    const TimeWindow within =
        filter.starts_within.value_or(TimeWindow{kBeforeEverything, kAfterEverything});
    // Without a cursor, "after" is before every meeting.
    const std::string after = db::ToSqlDateTime(after_start.value_or(kBeforeEverything));
    const int state = filter.state.has_value() ? NumberOf(*filter.state) : 0;
    const std::string title =
        filter.title_contains.empty() ? "" : ContainsPattern(filter.title_contains);
    auto& select = c.Prepare(kListMeetings);
    int i = 1;
    select.setDateTime(i++, db::ToSqlDateTime(within.start));
    select.setDateTime(i++, db::ToSqlDateTime(within.end));
    select.setDateTime(i++, after);
    select.setDateTime(i++, after);
    select.setString(i++, after_start.has_value() ? std::string(after_id) : "");
    select.setString(i++, filter.room_id);
    select.setString(i++, filter.building_id);
    select.setString(i++, filter.room_id);
    select.setString(i++, filter.organizer_unit);
    select.setString(i++, filter.organizer_unit);
    select.setInt(i++, state);
    select.setInt(i++, state);
    select.setString(i++, title);
    select.setString(i++, title);
    select.setInt(i++, filter.title_sees_confidential ? 1 : 0);
    select.setString(i++, filter.title_viewer_unit);
    select.setString(i++, filter.title_viewer_unit);
    select.setInt(i++, limit);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) {
      if (result.empty() || result.back().id != std::string(rows->getString(1))) {
        Meeting meeting = ReadMeetingRow(*rows);
        if (!rows->isNull(kHoldStartColumn)) {
          meeting.occupancy =
              TimeWindow{db::FromSqlDateTime(std::string(rows->getString(kHoldStartColumn))),
                         db::FromSqlDateTime(std::string(rows->getString(kHoldStartColumn + 1)))};
        }
        result.push_back(std::move(meeting));
      }
      if (!rows->isNull(kFlagHazardColumn)) {
        result.back().flags.push_back(
            MeetingFlag{rows->getString(kFlagHazardColumn), rows->getString(kFlagHazardColumn + 1),
                        db::FromSqlDateTime(std::string(rows->getString(kFlagHazardColumn + 2)))});
      }
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace huiwu::booking
