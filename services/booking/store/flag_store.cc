// BookingStore: meetings flagged by a safety hazard (see hazard_flagger.h).
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "services/booking/domain/hazard_flag.h"
#include "services/booking/store/booking_store.h"
#include "services/booking/store/meeting_rows.h"

namespace huiwu::booking {
namespace {

// The meetings still to be held in the room, or in every room of the building (room ''):
// kFlaggableStates, ending after now. On meetings_by_room (building_id, room_id,
// start_time); a meeting that ends after now started after now − the longest meeting.
constexpr char kSelectAffected[] =
    "SELECT meeting_id FROM meetings WHERE building_id = ? AND (? = '' OR room_id = ?) "
    "AND start_time > ? AND end_time > ? AND state IN (?, ?) ORDER BY start_time, meeting_id";
constexpr char kInsertFlag[] =
    "INSERT INTO meeting_flags (meeting_id, hazard, reason, create_time) VALUES (?, ?, ?, ?)";

}  // namespace

absl::StatusOr<std::vector<std::string>> BookingStore::FlagMeetings(const FlagCommand& command,
                                                                    absl::Time now) {
  std::vector<std::string> flagged;
  absl::Status status = db::InTransaction(pool_, "FlagMeetings", [&](db::Connection& c) {
    flagged.clear();
    std::vector<std::string> affected;
    {
      auto& select = c.Prepare(kSelectAffected);
      select.setString(1, command.building_id);
      select.setString(2, command.room_id);
      select.setString(3, command.room_id);
      select.setDateTime(4, db::ToSqlDateTime(now - longest_meeting_));
      select.setDateTime(5, db::ToSqlDateTime(now));
      select.setInt(6, NumberOf(kFlaggableStates[0]));
      select.setInt(7, NumberOf(kFlaggableStates[1]));
      std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
      while (rows->next()) affected.push_back(rows->getString(1));
    }
    const MeetingFlag flag{command.hazard, command.reason, db::WholeMicros(now)};
    for (const std::string& meeting_id : affected) {
      try {
        auto& insert = c.Prepare(kInsertFlag);
        insert.setString(1, meeting_id);
        insert.setString(2, flag.hazard);
        insert.setString(3, flag.reason);
        insert.setDateTime(4, db::ToSqlDateTime(flag.create_time));
        insert.executeUpdate();
      } catch (const sql::SQLException& e) {
        // Flagged for this hazard before (the event again, or HazardEscalated after
        // HazardOpened): once is enough. Only the statement is undone.
        if (e.getErrorCode() != db::kErDupEntry) throw;
        continue;
      }
      std::optional<Meeting> meeting = LoadMeeting(c, meeting_id, /*lock=*/false);
      if (!meeting.has_value()) continue;
      PublishEvent(c, MeetingFlaggedEvent(*meeting, flag), now);
      flagged.push_back(meeting_id);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return flagged;
}

}  // namespace huiwu::booking
