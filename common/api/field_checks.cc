#include "common/api/field_checks.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/api/page_token.h"
#include "common/api/timestamp.h"

namespace huiwu::api {

bool IsResourceId(absl::string_view id) {
  if (id.empty() || id.size() > 63) return false;
  for (char c : id) {
    if (!(absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-')) return false;
  }
  return id.front() != '-' && id.back() != '-';
}

bool IsRequestId(absl::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!(absl::ascii_isalnum(c) || c == '-' || c == '_')) return false;
  }
  return true;
}

bool IsValidUtf8(absl::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = text[i];
    int length = 0;
    uint32_t code_point = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      length = 2;
      code_point = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      code_point = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      code_point = c & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (int k = 1; k < length; ++k) {
      const unsigned char next = text[i + k];
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and values past Unicode are not UTF-8.
    static constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kSmallest[length] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

size_t CharacterCount(absl::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;  // count every byte that starts a code point
  }
  return count;
}

void FieldChecks::Text(absl::string_view field, absl::string_view value, size_t min, size_t max) {
  const size_t length = CharacterCount(value);
  if (length < min) {
    Add(field, min == 1 ? "required; must not be empty"
                        : absl::StrCat("too short: at least ", min, " characters"));
  } else if (length > max) {
    Add(field, absl::StrCat("too long: ", length, " characters, at most ", max));
  } else if (value.find('\0') != absl::string_view::npos) {
    Add(field, "must not contain NUL characters");
  }
}

void FieldChecks::Int(absl::string_view field, int64_t value, int64_t min, int64_t max) {
  if (value < min || value > max) {
    Add(field, absl::StrCat("out of range: ", value, "; must be ", min, "–", max));
  }
}

void FieldChecks::ResourceId(absl::string_view field, absl::string_view value) {
  if (!IsResourceId(value)) {
    Add(field, "must be 1–63 of a-z, 0-9 and '-', starting and ending with a letter or digit");
  }
}

void FieldChecks::RequestId(absl::string_view field, absl::string_view value) {
  if (!value.empty() && !IsRequestId(value)) {
    Add(field, "must be 1–64 of A-Z, a-z, 0-9, '-' and '_' (a UUID fits), or empty");
  }
}

void FieldChecks::Add(absl::string_view field, absl::string_view description) {
  violations_.push_back(FieldViolation{std::string(field), std::string(description)});
}

void FieldChecks::AddFrom(const absl::Status& status) {
  for (FieldViolation& v : FieldViolationsOf(status)) violations_.push_back(std::move(v));
}

absl::Status FieldChecks::status() const {
  return violations_.empty() ? absl::OkStatus() : InvalidFieldsError(violations_);
}

std::optional<absl::Time> FieldChecks::Time(absl::string_view field, bool present,
                                            const google::protobuf::Timestamp& timestamp) {
  static const absl::Time kEarliest =
      absl::FromCivil(absl::CivilDay(2000, 1, 1), absl::UTCTimeZone());
  static const absl::Time kLatest =
      absl::FromCivil(absl::CivilDay(2200, 1, 1), absl::UTCTimeZone());
  if (!present) {
    Add(field, "required");
    return std::nullopt;
  }
  const absl::Time time = FromTimestamp(timestamp);
  if (timestamp.nanos() < 0 || timestamp.nanos() > 999'999'999 || time < kEarliest ||
      time >= kLatest) {
    Add(field, "must be a time between the years 2000 and 2200 (UTC)");
    return std::nullopt;
  }
  return absl::FromUnixMicros(absl::ToUnixMicros(time));
}

int FieldChecks::PageSize(absl::string_view field, int requested, int default_size, int max_size) {
  absl::StatusOr<int> size = EffectivePageSize(field, requested, default_size, max_size);
  if (size.ok()) return *size;
  AddFrom(size.status());
  return default_size;
}

}  // namespace huiwu::api
