// Times are stored as DATETIME(6) in UTC (every session runs with time_zone '+00:00').
#ifndef HUIWU_COMMON_DB_SQL_TIME_H_
#define HUIWU_COMMON_DB_SQL_TIME_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace huiwu::db {

// "2026-11-28 08:30:00.000000"
std::string ToSqlDateTime(absl::Time time);

// Parses what MariaDB returns for a DATETIME(6) column; InfinitePast when malformed.
absl::Time FromSqlDateTime(absl::string_view text);

// `time` as a DATETIME(6) column keeps it, in whole microseconds: a store answers with
// this, so that what a call returns equals what a later read returns.
inline absl::Time WholeMicros(absl::Time time) {
  return absl::FromUnixMicros(absl::ToUnixMicros(time));
}

}  // namespace huiwu::db

#endif  // HUIWU_COMMON_DB_SQL_TIME_H_
