// Opaque keyset page tokens (never OFFSET): the last key of a page plus a fingerprint of
// the request's filters, so a token cannot be replayed against other filters. Tokens
// hold no secrets; they are checked, not trusted: a malformed one is INVALID_ARGUMENT.
#ifndef HUIWU_COMMON_API_PAGE_TOKEN_H_
#define HUIWU_COMMON_API_PAGE_TOKEN_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace huiwu::api {

// A stable fingerprint (FNV-1a 64) of the canonical filter text: the same on every
// replica and across restarts, unlike absl::Hash.
uint64_t Fingerprint(absl::string_view text);

std::string EncodePageToken(absl::string_view filter, const std::vector<std::string>& last_key);

// Returns the key stored in `token` (empty for an empty token). INVALID_ARGUMENT naming
// `field` when it was not made by EncodePageToken for the same filter and key arity.
absl::StatusOr<std::vector<std::string>> DecodePageToken(absl::string_view field,
                                                         absl::string_view token,
                                                         absl::string_view filter,
                                                         size_t key_parts);

// page_size per AIP-158: negative is an error, 0 means the default, above max is max.
absl::StatusOr<int> EffectivePageSize(absl::string_view field, int requested, int default_size,
                                      int max_size);

}  // namespace huiwu::api

#endif  // HUIWU_COMMON_API_PAGE_TOKEN_H_
