// Optimistic concurrency (AIP-154) for any service: an update or delete that carries an
// etag happens only if the resource is still at that version.
#ifndef HUIWU_COMMON_API_ETAG_CHECK_H_
#define HUIWU_COMMON_API_ETAG_CHECK_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/api/etag.h"
#include "common/status/errors.h"

namespace huiwu::api {

// ABORTED (reason ETAG_MISMATCH, metadata resource and current_etag) when `etag` is set
// and is not the etag of `version`.
inline absl::Status CheckEtag(absl::string_view etag, int64_t version, absl::string_view resource) {
  if (etag.empty() || etag == EtagOf(version)) return absl::OkStatus();
  return ErrorWithReason(absl::StatusCode::kAborted, "ETAG_MISMATCH",
                         absl::StrCat(resource, " changed since it was read (etag ", etag, ", now ",
                                      EtagOf(version), "); read it again and reapply the change"),
                         {{"resource", std::string(resource)}, {"current_etag", EtagOf(version)}});
}

}  // namespace huiwu::api

#endif  // HUIWU_COMMON_API_ETAG_CHECK_H_
