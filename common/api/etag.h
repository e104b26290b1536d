// Etags are the row version, quoted as HTTP etags are; opaque to clients.
#ifndef HUIWU_COMMON_API_ETAG_H_
#define HUIWU_COMMON_API_ETAG_H_

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"

namespace huiwu::api {

inline std::string EtagOf(int64_t version) { return absl::StrCat("\"", version, "\""); }

}  // namespace huiwu::api

#endif  // HUIWU_COMMON_API_ETAG_H_
