// Structured logs: one JSON object per line on stderr, so that journald, docker and
// Loki can index the fields (event, method, code, peer, request_id, …).
#ifndef HUIWU_COMMON_LOG_LOG_H_
#define HUIWU_COMMON_LOG_LOG_H_

#include <initializer_list>
#include <utility>

#include "absl/strings/string_view.h"

namespace huiwu::log {

enum class Level { kInfo, kWarning, kError };

using Field = std::pair<absl::string_view, absl::string_view>;

// Writes {"ts":…,"level":…,"event":event, fields…} as one line, atomically.
void Write(Level level, absl::string_view event, std::initializer_list<Field> fields = {});

inline void Info(absl::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kInfo, event, fields);
}
inline void Warning(absl::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kWarning, event, fields);
}
inline void Error(absl::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kError, event, fields);
}

}  // namespace huiwu::log

#endif  // HUIWU_COMMON_LOG_LOG_H_
