#include "services/safety/store/store_util.h"

#include <cppconn/resultset.h>

#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/db/sql_time.h"
#include "common/status/errors.h"

namespace huiwu::safety {

std::string NewId() {
  thread_local std::mt19937_64 random(std::random_device{}());
  return absl::StrFormat("%016x", random());
}

absl::Time TimeColumn(sql::ResultSet& row, int column) {
  if (row.isNull(column)) return absl::InfinitePast();
  return db::FromSqlDateTime(std::string(row.getString(column)));
}

absl::Status ClaimedResourceGone(absl::string_view name) {
  return ErrorWithReason(absl::StatusCode::kNotFound, "REQUEST_ID_RESOURCE_GONE",
                         absl::StrCat("this request_id was first used for ", name,
                                      ", which does not exist (any more); send a new request_id"),
                         {{"resource", std::string(name)}});
}

std::string LastId(absl::string_view name) {
  const size_t slash = name.rfind('/');
  return std::string(slash == absl::string_view::npos ? name : name.substr(slash + 1));
}

}  // namespace huiwu::safety
