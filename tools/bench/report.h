// The suite's results as one Markdown table, each row with the ratio to its baseline
// measured in the same run (issue 13: ratios within one run are what count, absolute
// numbers vary ±20 % between runs on a shared machine).
#ifndef HUIWU_TOOLS_BENCH_REPORT_H_
#define HUIWU_TOOLS_BENCH_REPORT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "tools/bench/load.h"

namespace huiwu::bench {

struct ReportRow {
  std::string section;  // "baseline", "booking", "booking, 10^6 meetings"
  std::string path;     // "GetRoom"
  LoadResult result;
  std::string baseline;  // the row compared with ("gRPC echo"), empty for none
  double baseline_per_second = 0.0;
  std::string target;  // what the issue asks of this row, e.g. "≥ 0.7×"
  std::string note;
};

class Report final {
 public:
  // Adds the row and prints it at once, so a long run shows its progress.
  void Add(ReportRow row);
  // The throughput of an earlier row (a baseline); 0 when there is none.
  double PerSecond(absl::string_view path, int callers) const;
  std::string Markdown(const std::vector<std::string>& facts) const;
  // Errors that are not overload answers (RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED): a
  // broken request or service, "path: errors" per row; empty when there are none.
  std::vector<std::string> UnexpectedErrors() const;

 private:
  std::vector<ReportRow> rows_;
};

}  // namespace huiwu::bench

#endif  // HUIWU_TOOLS_BENCH_REPORT_H_
