#include "common/status/errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace huiwu {
namespace {

// Payload type URLs private to this file; grpc_status.cc reads them back through the
// readers below, never by these names.
constexpr absl::string_view kReasonUrl = "huiwu/reason";
constexpr absl::string_view kMetadataPrefix = "huiwu/metadata/";
constexpr absl::string_view kViolationPrefix = "huiwu/violation/";

}  // namespace

absl::Status ErrorWithReason(absl::StatusCode code, absl::string_view reason,
                             absl::string_view message, const ErrorMetadata& metadata) {
  absl::Status status(code, message);
  status.SetPayload(kReasonUrl, absl::Cord(reason));
  for (const auto& [key, value] : metadata) {
    status.SetPayload(absl::StrCat(kMetadataPrefix, key), absl::Cord(value));
  }
  return status;
}

absl::Status InvalidFieldError(absl::string_view field, absl::string_view description) {
  return InvalidFieldsError({FieldViolation{std::string(field), std::string(description)}});
}

absl::Status InvalidFieldsError(const std::vector<FieldViolation>& violations) {
  std::string message = "invalid request:";
  for (const auto& v : violations)
    absl::StrAppend(&message, " ", v.field, ": ", v.description, ";");
  message.pop_back();
  ErrorMetadata metadata;
  if (!violations.empty()) metadata["field"] = violations.front().field;
  absl::Status status =
      ErrorWithReason(absl::StatusCode::kInvalidArgument, "INVALID_ARGUMENT", message, metadata);
  // The index keeps the order in which the violations were found.
  for (size_t i = 0; i < violations.size(); ++i) {
    status.SetPayload(
        absl::StrCat(kViolationPrefix, i),
        absl::Cord(absl::StrCat(violations[i].field, "\n", violations[i].description)));
  }
  return status;
}

std::string ReasonOf(const absl::Status& status) {
  auto reason = status.GetPayload(kReasonUrl);
  return reason ? std::string(*reason) : std::string();
}

ErrorMetadata MetadataOf(const absl::Status& status) {
  ErrorMetadata metadata;
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& value) {
    if (absl::StartsWith(url, kMetadataPrefix)) {
      metadata[std::string(url.substr(kMetadataPrefix.size()))] = std::string(value);
    }
  });
  return metadata;
}

std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status) {
  std::map<int, FieldViolation> ordered;
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& value) {
    if (!absl::StartsWith(url, kViolationPrefix)) return;
    int index = 0;
    for (char c : url.substr(kViolationPrefix.size())) index = index * 10 + (c - '0');
    std::string text(value);
    const size_t newline = text.find('\n');
    ordered[index] = FieldViolation{text.substr(0, newline), text.substr(newline + 1)};
  });
  std::vector<FieldViolation> violations;
  for (auto& [index, v] : ordered) violations.push_back(std::move(v));
  return violations;
}

std::string JoinFirst(const std::vector<std::string>& items, size_t shown) {
  if (items.size() <= shown) return absl::StrJoin(items, ", ");
  return absl::StrCat(absl::StrJoin(items.begin(), items.begin() + shown, ", "), " and ",
                      items.size() - shown, " more");
}

}  // namespace huiwu
