#include "services/booking/domain/material_copies.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"

namespace huiwu::booking {
namespace {

// Copies named in one error at most: gRPC carries errors in trailers that clients cap.
constexpr size_t kCopiesNamed = 20;

std::string CopyName(const MaterialCopy& copy) {
  return absl::StrCat("meetings/", copy.meeting_id, "/materialCopies/", copy.number);
}

const char* StateWord(MaterialCopyState state) {
  switch (state) {
    case MaterialCopyState::kOut:
      return "out";
    case MaterialCopyState::kRecovered:
      return "recovered";
    case MaterialCopyState::kWrittenOff:
      return "written off";
  }
  return "unknown";
}

}  // namespace

std::optional<MaterialCopyState> MaterialCopyStateFromNumber(int number) {
  if (number < 1 || number > 3) return std::nullopt;
  return static_cast<MaterialCopyState>(number);
}

std::vector<std::string> CopiesOut(const std::vector<MaterialCopy>& copies) {
  std::vector<std::string> out;
  for (const MaterialCopy& copy : copies) {
    if (copy.state == MaterialCopyState::kOut) out.push_back(copy.number);
  }
  return out;
}

absl::Status CheckCopiesAccountedFor(absl::string_view meeting_id, bool confidential,
                                     const std::vector<MaterialCopy>& copies) {
  if (!confidential) return absl::OkStatus();
  const std::vector<std::string> out = CopiesOut(copies);
  if (out.empty()) return absl::OkStatus();
  std::string named =
      absl::StrJoin(out.begin(), out.begin() + std::min(out.size(), kCopiesNamed), ", ");
  if (out.size() > kCopiesNamed) absl::StrAppend(&named, ", …");
  const std::string meeting = absl::StrCat("meetings/", meeting_id);
  return ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "MATERIAL_COPIES_OUT",
      absl::StrCat(meeting, " is confidential and ", out.size(), " numbered cop",
                   out.size() == 1 ? "y" : "ies", " of its materials ",
                   out.size() == 1 ? "is" : "are", " still out (", named,
                   "); recover each (RecoverMaterialCopy) or write it off with a reason "
                   "(WriteOffMaterialCopy) before archiving"),
      {{"meeting", meeting}, {"count", absl::StrCat(out.size())}, {"copies", named}});
}

absl::Status CheckCanClose(const MaterialCopy& copy) {
  if (copy.state == MaterialCopyState::kOut) return absl::OkStatus();
  return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "MATERIAL_COPY_NOT_OUT",
                         absl::StrCat(CopyName(copy), " is already ", StateWord(copy.state),
                                      "; only a copy that is out can be recovered or written off"),
                         {{"material_copy", CopyName(copy)}, {"state", StateWord(copy.state)}});
}

}  // namespace huiwu::booking
