// Numbered copies of a confidential meeting's materials (保密文件编号发放、回收; DB44/T
// 2394-2022's appendix on confidential meetings: documents are numbered, handed out
// against a name and collected after the meeting). Every copy handed out is either
// recovered or written off with a reason before the meeting is archived, so the archive
// can account for each one.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_MATERIAL_COPIES_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_MATERIAL_COPIES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace huiwu::booking {

// Numbered as MaterialCopyState in the API and the database (OUT = 1).
enum class MaterialCopyState { kOut = 1, kRecovered = 2, kWrittenOff = 3 };

struct MaterialCopy {
  std::string meeting_id;
  std::string number;
  std::string holder;
  std::string holder_unit;
  MaterialCopyState state = MaterialCopyState::kOut;
  std::string write_off_reason;
  absl::Time issue_time;
  std::string issued_by;
  std::optional<absl::Time> close_time;
  std::string closed_by;
};

std::optional<MaterialCopyState> MaterialCopyStateFromNumber(int number);

// The numbers of the copies still out, as given (callers pass them by number).
std::vector<std::string> CopiesOut(const std::vector<MaterialCopy>& copies);

// OK, or FAILED_PRECONDITION reason MATERIAL_COPIES_OUT when `meeting_id` is confidential
// and a copy is neither recovered nor written off; the message and ErrorInfo name how many
// ("count") and which ("copies", the first 20, then "…": an error must stay small).
// A meeting that is not confidential is archived whatever its copies: the rule is the
// confidential meetings'.
absl::Status CheckCopiesAccountedFor(absl::string_view meeting_id, bool confidential,
                                     const std::vector<MaterialCopy>& copies);

// OK when `copy` is OUT and may be recovered or written off; else FAILED_PRECONDITION
// reason MATERIAL_COPY_NOT_OUT naming where it is.
absl::Status CheckCanClose(const MaterialCopy& copy);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_MATERIAL_COPIES_H_
