#include "services/booking/store/room_rows.h"

#include <cppconn/resultset.h>

#include <string>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/db/sql_time.h"
#include "services/booking/store/store_util.h"

namespace huiwu::booking {

Room ReadRoom(sql::ResultSet& row) {
  Room r;
  r.building_id = row.getString(1);
  r.room_id = row.getString(2);
  r.display_name = row.getString(3);
  r.floor = row.getInt(4);
  r.capacity = row.getInt(5);
  r.seating_layouts = FromMask(row.getUInt64(6));
  r.equipment = FromMask(row.getUInt64(7));
  r.vip = row.getBoolean(8);
  r.default_setup_minutes = row.getInt(9);
  r.default_cleanup_minutes = row.getInt(10);
  r.state = static_cast<RoomState>(row.getInt(11));
  r.version = row.getInt64(12);
  r.create_time = db::FromSqlDateTime(std::string(row.getString(13)));
  r.update_time = db::FromSqlDateTime(std::string(row.getString(14)));
  r.rights.organizer_units = SplitUnits(std::string(row.getString(15)));
  r.rights.kinds = FromMask(row.getUInt64(16));
  r.waitlist_mode = row.getInt(17) == static_cast<int>(WaitlistMode::kOffer)
                        ? WaitlistMode::kOffer
                        : WaitlistMode::kAutoConfirm;
  return r;
}

std::string JoinUnits(const std::vector<std::string>& units) { return absl::StrJoin(units, "\n"); }

std::vector<std::string> SplitUnits(const std::string& column) {
  if (column.empty()) return {};
  return absl::StrSplit(column, '\n');
}

}  // namespace huiwu::booking
