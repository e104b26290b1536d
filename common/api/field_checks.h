// Request validation shared by every service: collects every violation of a request
// (so the caller fixes them all at once) and reports them as one INVALID_ARGUMENT with
// google.rpc.BadRequest naming each field.
#ifndef HUIWU_COMMON_API_FIELD_CHECKS_H_
#define HUIWU_COMMON_API_FIELD_CHECKS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/status/errors.h"
#include "google/protobuf/timestamp.pb.h"

namespace huiwu::api {

// The identifier part of a resource name: 1–63 of a-z, 0-9, '-', starting and ending
// with a letter or digit (RFC 1123 labels, as AIP-122 recommends).
bool IsResourceId(absl::string_view id);

// 1–64 of A-Z, a-z, 0-9, '-', '_' (a UUID fits).
bool IsRequestId(absl::string_view id);

// Whether `text` is well-formed UTF-8 (what a utf8mb4 column accepts).
bool IsValidUtf8(absl::string_view text);

// Length in characters (UTF-8 code points), which is what the database limits count.
size_t CharacterCount(absl::string_view text);

class FieldChecks final {
 public:
  // A required string of min..max characters.
  void Text(absl::string_view field, absl::string_view value, size_t min, size_t max);
  void Int(absl::string_view field, int64_t value, int64_t min, int64_t max);
  void ResourceId(absl::string_view field, absl::string_view value);
  // Empty is allowed (no idempotency requested).
  void RequestId(absl::string_view field, absl::string_view value);
  // A value of a proto enum: known and not UNSPECIFIED unless `allow_unspecified`.
  template <typename IsValid>
  void Enum(absl::string_view field, int value, IsValid is_valid, bool allow_unspecified) {
    if (!is_valid(value)) {
      Add(field, "unknown value " + std::to_string(value) + "; use one of the enum's values");
    } else if (value == 0 && !allow_unspecified) {
      Add(field, "required; choose a value other than UNSPECIFIED");
    }
  }
  // A google.protobuf.Timestamp field: required (when `present` is false, a violation),
  // nanos in range, and within the years 2000–2199 UTC, which every service and the
  // database can hold (a year 10000 would reach MariaDB and fail as INTERNAL). The time,
  // at the database's microsecond precision, or nullopt with a violation added.
  std::optional<absl::Time> Time(absl::string_view field, bool present,
                                 const google::protobuf::Timestamp& timestamp);
  // page_size per AIP-158 (api::EffectivePageSize): the size to use; a violation and the
  // default when `requested` is negative.
  int PageSize(absl::string_view field, int requested, int default_size, int max_size);
  void Add(absl::string_view field, absl::string_view description);
  // Takes over the field violations of a failed check done elsewhere (e.g. a name parse).
  void AddFrom(const absl::Status& status);

  bool ok() const { return violations_.empty(); }
  // OK, or INVALID_ARGUMENT listing every violation.
  absl::Status status() const;

 private:
  std::vector<FieldViolation> violations_;
};

}  // namespace huiwu::api

#endif  // HUIWU_COMMON_API_FIELD_CHECKS_H_
