#include "common/api/page_token.h"

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/errors.h"

namespace huiwu::api {
namespace {

constexpr absl::string_view kVersion = "p1";
constexpr char kSeparator = '\x1f';  // ASCII unit separator: never in ids

}  // namespace

uint64_t Fingerprint(absl::string_view text) {
  uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::string EncodePageToken(absl::string_view filter, const std::vector<std::string>& last_key) {
  std::string plain = absl::StrCat(kVersion, std::string(1, kSeparator), Fingerprint(filter));
  for (const std::string& part : last_key)
    absl::StrAppend(&plain, std::string(1, kSeparator), part);
  return absl::WebSafeBase64Escape(plain);
}

absl::StatusOr<std::vector<std::string>> DecodePageToken(absl::string_view field,
                                                         absl::string_view token,
                                                         absl::string_view filter,
                                                         size_t key_parts) {
  if (token.empty()) return std::vector<std::string>{};
  auto invalid = [&] {
    return InvalidFieldError(field,
                             "not a page token of this list with these filters; pass the "
                             "next_page_token of the previous page unchanged, with the same "
                             "other fields, or leave it empty for the first page");
  };
  std::string plain;
  if (token.size() > 2048 || !absl::WebSafeBase64Unescape(token, &plain)) return invalid();
  std::vector<std::string> parts = absl::StrSplit(plain, kSeparator);
  uint64_t fingerprint = 0;
  if (parts.size() != key_parts + 2 || parts[0] != kVersion ||
      !absl::SimpleAtoi(parts[1], &fingerprint) || fingerprint != Fingerprint(filter)) {
    return invalid();
  }
  return std::vector<std::string>(parts.begin() + 2, parts.end());
}

absl::StatusOr<int> EffectivePageSize(absl::string_view field, int requested, int default_size,
                                      int max_size) {
  if (requested < 0) {
    return InvalidFieldError(field, absl::StrCat("must not be negative; use 0 for the default (",
                                                 default_size, ") or up to ", max_size));
  }
  if (requested == 0) return default_size;
  return std::min(requested, max_size);
}

}  // namespace huiwu::api
