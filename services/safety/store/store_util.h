// Plumbing shared by the safety store's files: ids, names, row readers.
#ifndef HUIWU_SERVICES_SAFETY_STORE_STORE_UTIL_H_
#define HUIWU_SERVICES_SAFETY_STORE_STORE_UTIL_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sql {
class ResultSet;
}

namespace huiwu::safety {

// A fresh random id (16 hex digits): unguessable, unique in practice.
std::string NewId();

// A DATETIME(6) column (UTC).
absl::Time TimeColumn(sql::ResultSet& row, int column);

// NOT_FOUND when the resource a request_id was first used for is gone (a retry after it
// was deleted, or a request_id reused for another parent): the caller's to fix, never
// INTERNAL.
absl::Status ClaimedResourceGone(absl::string_view name);

// The id after the last '/' of a resource name recorded for a request_id.
std::string LastId(absl::string_view name);

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_STORE_STORE_UTIL_H_
