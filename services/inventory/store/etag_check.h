// Optimistic concurrency for the inventory store: etags are row versions (common/api).
#ifndef HUIWU_SERVICES_INVENTORY_STORE_ETAG_CHECK_H_
#define HUIWU_SERVICES_INVENTORY_STORE_ETAG_CHECK_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/api/etag.h"
#include "common/status/errors.h"

namespace huiwu::inventory {

// OK when `etag` is empty or the etag of `version`; else ABORTED (reason ETAG_MISMATCH,
// metadata resource and current_etag) telling the caller to read again.
inline absl::Status CheckEtag(absl::string_view etag, int64_t version, absl::string_view resource) {
  if (etag.empty() || etag == api::EtagOf(version)) return absl::OkStatus();
  return ErrorWithReason(
      absl::StatusCode::kAborted, "ETAG_MISMATCH",
      absl::StrCat(resource, " changed since it was read (etag ", etag, ", now ",
                   api::EtagOf(version), "); read it again and reapply the change"),
      {{"resource", std::string(resource)}, {"current_etag", api::EtagOf(version)}});
}

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_STORE_ETAG_CHECK_H_
