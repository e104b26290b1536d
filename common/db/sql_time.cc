#include "common/db/sql_time.h"

namespace huiwu::db {

std::string ToSqlDateTime(absl::Time time) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", time, absl::UTCTimeZone());
}

absl::Time FromSqlDateTime(absl::string_view text) {
  absl::Time time;
  std::string error;
  // The server omits the fraction for whole seconds in some paths; %E*S takes both.
  if (!absl::ParseTime("%Y-%m-%d %H:%M:%E*S", text, absl::UTCTimeZone(), &time, &error)) {
    return absl::InfinitePast();
  }
  return time;
}

}  // namespace huiwu::db
