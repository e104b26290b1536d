#include "tests/faults/fault_workload.h"

#include "absl/strings/str_cat.h"

namespace huiwu::testing {
namespace {

constexpr size_t kProblemsShown = 10;

}  // namespace

void FaultAudit::Problem(std::string text) {
  if (problems.size() < kProblemsShown) problems.push_back(std::move(text));
}

std::string FaultSummary(const std::string& service, const std::string& scenario, int64_t calls,
                         const FaultAudit& audit, absl::Duration recovery) {
  std::string line = absl::StrCat("fault test, ", service, ", ", scenario, ": calls ", calls,
                                  ", acknowledged ", audit.writes, " ", audit.acknowledged,
                                  ", lost ", audit.lost, ", duplicated ", audit.duplicated);
  for (const auto& [check, violations] : audit.invariants) {
    absl::StrAppend(&line, ", ", check, " ", violations);
  }
  absl::StrAppend(&line, ", time to recover ", absl::FormatDuration(recovery));
  return line;
}

}  // namespace huiwu::testing
