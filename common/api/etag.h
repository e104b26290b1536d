// Etags are the row version, quoted as HTTP etags are; opaque to clients.
#ifndef HUIWU_COMMON_API_ETAG_H_
#define HUIWU_COMMON_API_ETAG_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace huiwu::api {

inline std::string EtagOf(int64_t version) { return absl::StrCat("\"", version, "\""); }

// OK when `etag` is empty or the etag of `version`; else ABORTED (reason ETAG_MISMATCH,
// metadata resource and current_etag) telling the caller to read again.
inline absl::Status CheckEtag(absl::string_view etag, int64_t version,
                              absl::string_view resource) {
  if (etag.empty() || etag == EtagOf(version)) return absl::OkStatus();
  return ErrorWithReason(
      absl::StatusCode::kAborted, "ETAG_MISMATCH",
      absl::StrCat(resource, " changed since it was read (etag ", etag, ", now ",
                   EtagOf(version), "); read it again and reapply the change"),
      {{"resource", std::string(resource)}, {"current_etag", EtagOf(version)}});
}

}  // namespace huiwu::api

#endif  // HUIWU_COMMON_API_ETAG_H_
